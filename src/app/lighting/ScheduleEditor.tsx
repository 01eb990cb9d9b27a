import { useState } from 'react';
import type { DimmingStep, NightCut, Schedule, ScheduleException } from '../../domain/lighting/scenario';
import { useApp, useT } from '../context';
import { useTwin } from '../useStore';
import { TimeFields } from '../panels/DateTimeFields';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Edits one schedule as a draft; "Apply" hands it to the controller, which validates it against
 * the territory. A refused draft stays on screen with the list of what is wrong, and the scenario
 * keeps its last valid schedule.
 */
export function ScheduleEditor({ schedule, onApply, onReset }: { schedule: Schedule; onApply: (schedule: Schedule) => void; onReset?: () => void }) {
  const t = useT();
  const language = useTwin(useApp().store, (state) => state.language);
  const [draft, setDraft] = useState<Schedule>(() => structuredClone(schedule));
  const update = (change: Partial<Schedule>) => setDraft((current) => ({ ...current, ...change }));
  const setCut = (index: number, change: Partial<NightCut>) => update({ cuts: draft.cuts.map((cut, i) => (i === index ? { ...cut, ...change } : cut)) });
  const setStep = (index: number, change: Partial<DimmingStep>) => update({ dimming: draft.dimming.map((step, i) => (i === index ? { ...step, ...change } : step)) });
  const setException = (index: number, change: Partial<ScheduleException>) =>
    update({ exceptions: draft.exceptions.map((exception, i) => (i === index ? { ...exception, ...change } : exception)) });

  const on = draft.switchOn;
  const off = draft.switchOff;
  return (
    <div className="schedule-editor" data-testid="schedule-editor">
      <div className="row">
        <label className="field">
          <span>{t('schedule.switchOn')}</span>
          <select
            value={on.rule}
            onChange={(event) => {
              const rule = event.target.value;
              update({ switchOn: rule === 'sunset' ? { rule, minutesAfter: 0 } : rule === 'civil-dusk' ? { rule } : { rule: 'fixed', time: '18:00' } });
            }}
            data-testid="switch-on-rule"
          >
            <option value="sunset">{t('schedule.sunset')}</option>
            <option value="civil-dusk">{t('schedule.civilDusk')}</option>
            <option value="fixed">{t('schedule.fixed')}</option>
          </select>
        </label>
        {on.rule === 'sunset' && (
          <label className="field small">
            <span>{t('schedule.minutesAfter')}</span>
            <input type="number" step={5} value={on.minutesAfter} onChange={(event) => update({ switchOn: { rule: 'sunset', minutesAfter: Number(event.target.value) } })} />
          </label>
        )}
        {on.rule === 'fixed' && (
          <div className="field small">
            <span aria-hidden="true">{t('schedule.time')}</span>
            <TimeFields value={on.time} onChange={(value) => update({ switchOn: { rule: 'fixed', time: value } })} language={language} label={t('schedule.time')} />
          </div>
        )}
      </div>
      <div className="row">
        <label className="field">
          <span>{t('schedule.switchOff')}</span>
          <select
            value={off.rule}
            onChange={(event) => {
              const rule = event.target.value;
              update({ switchOff: rule === 'sunrise' ? { rule, minutesBefore: 0 } : rule === 'civil-dawn' ? { rule } : { rule: 'fixed', time: '07:00' } });
            }}
            data-testid="switch-off-rule"
          >
            <option value="sunrise">{t('schedule.sunrise')}</option>
            <option value="civil-dawn">{t('schedule.civilDawn')}</option>
            <option value="fixed">{t('schedule.fixed')}</option>
          </select>
        </label>
        {off.rule === 'sunrise' && (
          <label className="field small">
            <span>{t('schedule.minutesBefore')}</span>
            <input type="number" step={5} value={off.minutesBefore} onChange={(event) => update({ switchOff: { rule: 'sunrise', minutesBefore: Number(event.target.value) } })} />
          </label>
        )}
        {off.rule === 'fixed' && (
          <div className="field small">
            <span aria-hidden="true">{t('schedule.time')}</span>
            <TimeFields value={off.time} onChange={(value) => update({ switchOff: { rule: 'fixed', time: value } })} language={language} label={t('schedule.time')} />
          </div>
        )}
      </div>

      <h4>{t('schedule.cuts')}</h4>
      {draft.cuts.map((cut, index) => (
        <div className="sub" key={index} data-testid={`cut-${index}`}>
          <div className="row">
            <div className="field small">
              <span aria-hidden="true">{t('schedule.from')}</span>
              <TimeFields value={cut.start} onChange={(value) => setCut(index, { start: value })} language={language} label={t('schedule.from')} testId={`cut-${index}-start`} />
            </div>
            <div className="field small">
              <span aria-hidden="true">{t('schedule.to')}</span>
              <TimeFields value={cut.end} onChange={(value) => setCut(index, { end: value })} language={language} label={t('schedule.to')} testId={`cut-${index}-end`} />
            </div>
            <button type="button" className="link" onClick={() => update({ cuts: draft.cuts.filter((_, i) => i !== index) })}>
              {t('schedule.remove')}
            </button>
          </div>
          <div className="weekdays" role="group" aria-label={t('schedule.weekdays')}>
            {WEEKDAYS.map((day) => {
              const checked = cut.weekdays === undefined || cut.weekdays.includes(day);
              return (
                <label key={day} className="weekday">
                  <input
                    type="checkbox"
                    checked={checked}
                    onChange={(event) => {
                      const current = new Set(cut.weekdays ?? WEEKDAYS);
                      if (event.target.checked) current.add(day);
                      else current.delete(day);
                      const days = WEEKDAYS.filter((d) => current.has(d));
                      setCut(index, { weekdays: days.length === 7 ? undefined : days });
                    }}
                  />
                  {t(`schedule.weekday.${day}`)}
                </label>
              );
            })}
          </div>
          <div className="row">
            <label className="field small">
              <span>{t('schedule.seasonFrom')}</span>
              <input
                type="text"
                placeholder="MM-JJ"
                value={cut.season?.from ?? ''}
                onChange={(event) => setCut(index, { season: event.target.value || cut.season?.to ? { from: event.target.value, to: cut.season?.to ?? '' } : undefined })}
              />
            </label>
            <label className="field small">
              <span>{t('schedule.seasonTo')}</span>
              <input
                type="text"
                placeholder="MM-JJ"
                value={cut.season?.to ?? ''}
                onChange={(event) => setCut(index, { season: event.target.value || cut.season?.from ? { from: cut.season?.from ?? '', to: event.target.value } : undefined })}
              />
            </label>
          </div>
        </div>
      ))}
      <button type="button" className="link" onClick={() => update({ cuts: [...draft.cuts, { start: '23:00', end: '05:00' }] })} data-testid="add-cut">
        {t('schedule.addCut')}
      </button>

      <h4>{t('schedule.dimming')}</h4>
      {draft.dimming.map((step, index) => (
        <div className="row" key={index}>
          <div className="field small">
            <span aria-hidden="true">{t('schedule.fromTime')}</span>
            <TimeFields value={step.time} onChange={(value) => setStep(index, { time: value })} language={language} label={t('schedule.fromTime')} />
          </div>
          <label className="field small">
            <span>{t('schedule.level')}</span>
            <input type="number" min={0} step={5} value={step.levelPercent} onChange={(event) => setStep(index, { levelPercent: Number(event.target.value) })} data-testid={`dimming-${index}-level`} />
          </label>
          <button type="button" className="link" onClick={() => update({ dimming: draft.dimming.filter((_, i) => i !== index) })}>
            {t('schedule.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => update({ dimming: [...draft.dimming, { time: '22:00', levelPercent: 50 }] })} data-testid="add-dimming">
        {t('schedule.addDimming')}
      </button>

      <h4>{t('schedule.exceptions')}</h4>
      {draft.exceptions.map((exception, index) => (
        <div className="row" key={index}>
          <label className="field small">
            <span>{t('schedule.date')}</span>
            <input type="text" placeholder="MM-JJ" value={exception.date} onChange={(event) => setException(index, { date: event.target.value })} />
          </label>
          <label className="field">
            <span>{t('schedule.mode')}</span>
            <select value={exception.mode} onChange={(event) => setException(index, { mode: event.target.value as ScheduleException['mode'] })}>
              <option value="lit-all-night">{t('schedule.litAllNight')}</option>
              <option value="off">{t('schedule.offAllNight')}</option>
            </select>
          </label>
          <button type="button" className="link" onClick={() => update({ exceptions: draft.exceptions.filter((_, i) => i !== index) })}>
            {t('schedule.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="link" onClick={() => update({ exceptions: [...draft.exceptions, { date: '07-14', mode: 'lit-all-night', label: '' }] })}>
        {t('schedule.addException')}
      </button>

      <div className="row actions">
        <button type="button" className="primary" onClick={() => onApply(draft)} data-testid="schedule-apply">
          {t('schedule.apply')}
        </button>
        {onReset && (
          <button type="button" className="chip" onClick={onReset}>
            {t('schedule.resetZones')}
          </button>
        )}
      </div>
    </div>
  );
}
