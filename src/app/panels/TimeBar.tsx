import { useEffect, useRef } from 'react';
import { useApp, useT } from '../context';
import { formatDate, labelled } from '../i18n';
import { useTwin } from '../useStore';
import { DEFAULT_TIME_ZONE, addLocalDays, fromLocalInputValue, toLocalInputValue } from '../../domain/time/zonedTime';
import { DateTimeFields } from './DateTimeFields';

/** Speeds offered, in simulated seconds per real second. */
export const SPEEDS = [
  { value: 1, key: 'time.speed.realtime' },
  { value: 60, key: 'time.speed.minute' },
  { value: 3600, key: 'time.speed.hour' },
  { value: 86_400, key: 'time.speed.day' },
  { value: 525_600, key: 'time.speed.year' },
] as const;

/**
 * The time bar: the date and time shown, play and pause, speed from real time to a year a minute,
 * a slider over the year, a date to jump to and "now". It drives the store's time, which the globe,
 * the sensors and the street lights follow.
 */
export function TimeBar() {
  const { store } = useApp();
  const t = useT();
  const time = useTwin(store, (state) => state.time);
  const playing = useTwin(store, (state) => state.playing);
  const speed = useTwin(store, (state) => state.speed);
  const language = useTwin(store, (state) => state.language);
  // The territory's clock (Europe/Paris, America/Guadeloupe…), from its manifest.
  const timeZone = useTwin(store, (state) => state.territory?.timeZone ?? DEFAULT_TIME_ZONE);
  const last = useRef<number | null>(null);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    last.current = null;
    const step = (now: number) => {
      const previous = last.current ?? now;
      last.current = now;
      const state = store.getState();
      state.setTime(state.time + (now - previous) * state.speed);
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [playing, store]);

  const date = new Date(time);
  const localInput = toLocalInputValue(time, timeZone);
  const year = Number(localInput.slice(0, 4));
  const yearStart = fromLocalInputValue(`${year}-01-01T00:00`, timeZone);
  const yearEnd = fromLocalInputValue(`${year + 1}-01-01T00:00`, timeZone);
  const setTime = (value: number) => store.getState().setTime(value);

  return (
    <section className="panel time-bar" aria-label={t('time.title')} data-testid="time-bar">
      <button
        type="button"
        className="time-play"
        onClick={() => store.getState().setPlaying(!playing)}
        aria-label={playing ? t('time.pause') : t('time.play')}
        title={playing ? t('time.pause') : t('time.play')}
        data-testid="time-play"
      >
        {playing ? (
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <rect x="4" y="3" width="4" height="14" fill="currentColor" />
            <rect x="12" y="3" width="4" height="14" fill="currentColor" />
          </svg>
        ) : (
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path d="M5 3 L17 10 L5 17 Z" fill="currentColor" />
          </svg>
        )}
      </button>
      <div className="time-now">
        <div className="time-date" data-testid="time-date">
          {formatDate(language, date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone })}
        </div>
        <div className="time-clock">{formatDate(language, date, { hour: '2-digit', minute: '2-digit', timeZone })}</div>
      </div>
      <input
        className="time-slider"
        type="range"
        min={yearStart}
        max={yearEnd - 1}
        step={15 * 60_000}
        value={Math.min(Math.max(time, yearStart), yearEnd - 1)}
        onChange={(event) => setTime(Number(event.target.value))}
        aria-label={t('time.slider', { year })}
        data-testid="time-slider"
      />
      <div className="time-tools">
        <button type="button" className="chip" onClick={() => setTime(addLocalDays(time, -1, timeZone))} title={t('time.dayBack')} aria-label={labelled(language, t('time.dayBackShort'), t('time.dayBack'))}>
          {t('time.dayBackShort')}
        </button>
        <button type="button" className="chip" onClick={() => setTime(addLocalDays(time, 1, timeZone))} title={t('time.dayForward')} aria-label={labelled(language, t('time.dayForwardShort'), t('time.dayForward'))}>
          {t('time.dayForwardShort')}
        </button>
        <select value={speed} onChange={(event) => store.getState().setSpeed(Number(event.target.value))} aria-label={t('time.speed')} data-testid="time-speed">
          {SPEEDS.map((option) => (
            <option key={option.value} value={option.value}>
              {t(option.key)}
            </option>
          ))}
        </select>
        <DateTimeFields
          value={localInput}
          onChange={(value) => {
            const next = fromLocalInputValue(value, timeZone);
            if (Number.isFinite(next)) setTime(next);
          }}
          language={language}
          label={t('time.jump')}
          testId="time-jump"
        />
        <button
          type="button"
          className="chip"
          onClick={() => {
            store.getState().setSpeed(1);
            setTime(Date.now());
          }}
          data-testid="time-live"
        >
          {t('time.live')}
        </button>
      </div>
    </section>
  );
}
