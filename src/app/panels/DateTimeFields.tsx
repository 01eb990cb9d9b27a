/**
 * Date and time fields in the page's language, not the browser's: the native date, time and
 * datetime-local inputs follow the browser's locale (a French page in an English browser shows
 * mm/dd/yyyy and AM/PM). Day, month (named in the page's language) and year, hour and minute, each
 * a labelled native control, in the order the language writes them; the values are the same
 * strings the native inputs give (`YYYY-MM-DD`, `HH:MM`, `YYYY-MM-DDTHH:MM`). Keyboard: Tab goes
 * from field to field, arrows change a select or a number.
 */
import { useId } from 'react';
import { localeOf, type Language } from '../../domain/language';
import { translate } from '../i18n';

const pad = (value: number, digits = 2) => String(value).padStart(digits, '0');

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Calendar {
  /** Month names in the language (janvier… / January…). */
  months: string[];
  /** The order the language writes day, month and year in. */
  order: Array<'day' | 'month' | 'year'>;
}

/** Worked out once per language: an `Intl.DateTimeFormat` costs far more to build than to use. */
const calendars = new Map<Language, Calendar>();

function calendarOf(language: Language): Calendar {
  let calendar = calendars.get(language);
  if (!calendar) {
    const month = new Intl.DateTimeFormat(localeOf(language), { month: 'long', timeZone: 'UTC' });
    const parts = new Intl.DateTimeFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric' }).formatToParts(new Date(Date.UTC(2026, 0, 15)));
    calendar = {
      months: Array.from({ length: 12 }, (_, index) => month.format(new Date(Date.UTC(2026, index, 15)))),
      order: parts.map((part) => part.type).filter((type): type is 'day' | 'month' | 'year' => type === 'day' || type === 'month' || type === 'year'),
    };
    calendars.set(language, calendar);
  }
  return calendar;
}

function parseDate(value: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})/u.exec(value);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : { year: 2026, month: 1, day: 1 };
}

interface FieldProps {
  language: Language;
  /** Names the group (a legend read by screen readers). */
  label: string;
  testId?: string;
}

/** A date as day, month and year fields; `value` and `onChange` use `YYYY-MM-DD`. */
export function DateFields({ value, onChange, language, label, testId, minYear = 1970, maxYear = 2100 }: FieldProps & { value: string; onChange: (value: string) => void; minYear?: number; maxYear?: number }) {
  const id = useId();
  const { year, month, day } = parseDate(value);
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const emit = (next: { year?: number; month?: number; day?: number }) => {
    const y = Math.min(maxYear, Math.max(minYear, next.year ?? year));
    const m = next.month ?? month;
    const d = Math.min(next.day ?? day, daysInMonth(y, m));
    onChange(`${pad(y, 4)}-${pad(m)}-${pad(d)}`);
  };
  const fields = {
    day: (
      <select key="day" id={`${id}-day`} value={day} aria-label={t('hardening.day')} onChange={(event) => emit({ day: Number(event.target.value) })} data-testid={testId && `${testId}-day`}>
        {Array.from({ length: daysInMonth(year, month) }, (_, index) => (
          <option key={index + 1} value={index + 1}>
            {index + 1}
          </option>
        ))}
      </select>
    ),
    month: (
      <select key="month" value={month} aria-label={t('hardening.month')} onChange={(event) => emit({ month: Number(event.target.value) })} data-testid={testId && `${testId}-month`}>
        {calendarOf(language).months.map((name, index) => (
          <option key={name} value={index + 1}>
            {name}
          </option>
        ))}
      </select>
    ),
    year: (
      <input
        key="year"
        type="number"
        inputMode="numeric"
        min={minYear}
        max={maxYear}
        value={year}
        aria-label={t('hardening.year')}
        onChange={(event) => {
          const next = Number(event.target.value);
          if (Number.isInteger(next) && next >= minYear && next <= maxYear) emit({ year: next });
        }}
        className="year-field"
        data-testid={testId && `${testId}-year`}
      />
    ),
  };
  return (
    <fieldset className="date-fields" data-testid={testId}>
      <legend className="visually-hidden">{label}</legend>
      {calendarOf(language).order.map((part) => fields[part])}
    </fieldset>
  );
}

/** A time as hour and minute (24 h, as French and British English write it); `HH:MM`. */
export function TimeFields({ value, onChange, language, label, testId, minuteStep = 1 }: FieldProps & { value: string; onChange: (value: string) => void; minuteStep?: number }) {
  const match = /^(\d{2}):(\d{2})/u.exec(value);
  const hour = match ? Number(match[1]) : 0;
  const minute = match ? Number(match[2]) : 0;
  const t = (key: Parameters<typeof translate>[1]) => translate(language, key);
  const minutes = Array.from({ length: Math.ceil(60 / minuteStep) }, (_, index) => index * minuteStep);
  if (!minutes.includes(minute)) minutes.push(minute), minutes.sort((a, b) => a - b);
  return (
    <fieldset className="time-fields" data-testid={testId}>
      <legend className="visually-hidden">{label}</legend>
      <select value={hour} aria-label={t('hardening.hour')} onChange={(event) => onChange(`${pad(Number(event.target.value))}:${pad(minute)}`)} data-testid={testId && `${testId}-hour`}>
        {Array.from({ length: 24 }, (_, index) => (
          <option key={index} value={index}>
            {pad(index)}
          </option>
        ))}
      </select>
      <span aria-hidden="true">{language === 'fr' ? 'h' : ':'}</span>
      <select value={minute} aria-label={t('hardening.minute')} onChange={(event) => onChange(`${pad(hour)}:${pad(Number(event.target.value))}`)} data-testid={testId && `${testId}-minute`}>
        {minutes.map((option) => (
          <option key={option} value={option}>
            {pad(option)}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

/** Date and time together; `YYYY-MM-DDTHH:MM` as a datetime-local input gives. */
export function DateTimeFields({ value, onChange, language, label, testId }: FieldProps & { value: string; onChange: (value: string) => void }) {
  const [date, time = '00:00'] = value.split('T');
  return (
    <div className="date-time-fields" role="group" aria-label={label} data-testid={testId}>
      <DateFields value={date} onChange={(next) => onChange(`${next}T${time}`)} language={language} label={translate(language, 'hardening.date')} testId={testId && `${testId}-date`} />
      <TimeFields value={time} onChange={(next) => onChange(`${date}T${next}`)} language={language} label={translate(language, 'hardening.time')} testId={testId && `${testId}-time`} />
    </div>
  );
}
