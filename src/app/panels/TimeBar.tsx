import { useEffect, useRef } from 'react';
import { useApp, useT } from '../context';
import { formatDate } from '../i18n';
import { useTwin } from '../useStore';
import { DateTimeFields } from './DateTimeFields';

/** Speeds offered, in simulated seconds per real second. */
export const SPEEDS = [
  { value: 1, key: 'time.speed.realtime' },
  { value: 60, key: 'time.speed.minute' },
  { value: 3600, key: 'time.speed.hour' },
  { value: 86_400, key: 'time.speed.day' },
  { value: 525_600, key: 'time.speed.year' },
] as const;

const DAY_MS = 86_400_000;

/** Europe/Paris wall time as `YYYY-MM-DDTHH:MM` for a datetime-local input. */
function toLocalInput(time: number): string {
  const parts = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(time));
  return parts.replace(' ', 'T');
}

/** The UTC instant of a Europe/Paris wall time `YYYY-MM-DDTHH:MM` (daylight saving included). */
export function fromLocalInput(value: string): number {
  const guess = Date.parse(`${value}:00Z`);
  if (Number.isNaN(guess)) return Number.NaN;
  // Two passes: the offset at the guess, then at the corrected instant.
  let instant = guess;
  for (let pass = 0; pass < 2; pass++) {
    const wall = Date.parse(`${toLocalInput(instant)}:00Z`);
    instant += guess - wall;
  }
  return instant;
}

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
  const year = Number(toLocalInput(time).slice(0, 4));
  const yearStart = fromLocalInput(`${year}-01-01T00:00`);
  const yearEnd = fromLocalInput(`${year + 1}-01-01T00:00`);
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
          {formatDate(language, date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' })}
        </div>
        <div className="time-clock">{formatDate(language, date, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' })}</div>
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
        <button type="button" className="chip" onClick={() => setTime(time - DAY_MS)} title={t('time.dayBack')} aria-label={t('time.dayBack')}>
          {t('time.dayBackShort')}
        </button>
        <button type="button" className="chip" onClick={() => setTime(time + DAY_MS)} title={t('time.dayForward')} aria-label={t('time.dayForward')}>
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
          value={toLocalInput(time)}
          onChange={(value) => {
            const next = fromLocalInput(value);
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
