/**
 * A schedule turned into lit intervals, night by night. Each night's profile is a short list of
 * segments [start, end) with a power level in (0, 1]; everything the engine reports per lamp is a
 * sum over these, computed once per distinct schedule.
 */
import { epochDay, parseClockTime, parseIsoDate, parseMonthDay } from '../../src/domain/lighting/localTime';
import { minutesSinceNoon, type ExceptionMode, type Schedule } from '../../src/domain/lighting/scenario';
import { wallToElapsedSeconds, type Nights } from './nights';

const RULE_SUN = 0;
const RULE_TWILIGHT = 1;
const RULE_FIXED = 2;

interface CompiledCut {
  startWall: number;
  endWall: number;
  /** Bit `weekday` set for each ISO weekday the cut applies to. */
  weekdayMask: number;
  /** month * 100 + day, or 0 when the cut has no season. */
  seasonFrom: number;
  seasonTo: number;
  /** Epoch days, inclusive; ±Infinity when the cut has no date range. */
  datesFrom: number;
  datesTo: number;
}

export interface CompiledSchedule {
  schedule: Schedule;
  /** Where it comes from: "default schedule", "zone Z1", "cabinet C2" (several when identical). */
  sources: string[];
  onKind: number;
  /** Sun rule: seconds after sunset; fixed rule: wall minutes since noon. */
  onValue: number;
  offKind: number;
  /** Sun rule: seconds before sunrise; fixed rule: wall minutes since noon. */
  offValue: number;
  cuts: CompiledCut[];
  stepWall: Float64Array;
  stepLevel: Float64Array;
  exceptionByEpochDay: Map<number, ExceptionMode>;
  exceptionByMonthDay: Map<number, ExceptionMode>;
}

export function compileSchedule(schedule: Schedule, sources: string[]): CompiledSchedule {
  const compiled: CompiledSchedule = {
    schedule,
    sources,
    onKind: RULE_SUN,
    onValue: 0,
    offKind: RULE_SUN,
    offValue: 0,
    cuts: [],
    stepWall: new Float64Array(0),
    stepLevel: new Float64Array(0),
    exceptionByEpochDay: new Map(),
    exceptionByMonthDay: new Map(),
  };
  const on = schedule.switchOn;
  if (on.rule === 'sunset') compiled.onValue = on.minutesAfter * 60;
  else if (on.rule === 'civil-dusk') compiled.onKind = RULE_TWILIGHT;
  else {
    compiled.onKind = RULE_FIXED;
    compiled.onValue = minutesSinceNoon(parseClockTime(on.time));
  }
  const off = schedule.switchOff;
  if (off.rule === 'sunrise') compiled.offValue = off.minutesBefore * 60;
  else if (off.rule === 'civil-dawn') compiled.offKind = RULE_TWILIGHT;
  else {
    compiled.offKind = RULE_FIXED;
    compiled.offValue = minutesSinceNoon(parseClockTime(off.time));
  }
  for (const cut of schedule.cuts) {
    const startWall = minutesSinceNoon(parseClockTime(cut.start));
    const endWall = minutesSinceNoon(parseClockTime(cut.end));
    if (endWall <= startWall) continue;
    let weekdayMask = 0;
    for (const weekday of cut.weekdays ?? [1, 2, 3, 4, 5, 6, 7]) weekdayMask |= 1 << weekday;
    const datesFrom = cut.dates === undefined ? Number.NEGATIVE_INFINITY : epochDay(parseIsoDate(cut.dates.from)!);
    const datesTo = cut.dates === undefined ? Number.POSITIVE_INFINITY : epochDay(parseIsoDate(cut.dates.to)!);
    compiled.cuts.push({
      startWall,
      endWall,
      weekdayMask,
      seasonFrom: cut.season === undefined ? 0 : parseMonthDay(cut.season.from),
      seasonTo: cut.season === undefined ? 0 : parseMonthDay(cut.season.to),
      datesFrom,
      datesTo,
    });
  }
  compiled.cuts.sort((a, b) => a.startWall - b.startWall);
  const steps = schedule.dimming
    .map((step) => ({ wall: minutesSinceNoon(parseClockTime(step.time)), level: step.levelPercent / 100 }))
    .sort((a, b) => a.wall - b.wall);
  compiled.stepWall = Float64Array.from(steps, (step) => step.wall);
  compiled.stepLevel = Float64Array.from(steps, (step) => step.level);
  for (const exception of schedule.exceptions) {
    const date = parseIsoDate(exception.date);
    if (date !== null) compiled.exceptionByEpochDay.set(epochDay(date), exception.mode);
    else compiled.exceptionByMonthDay.set(parseMonthDay(exception.date), exception.mode);
  }
  return compiled;
}

function cutApplies(cut: CompiledCut, nights: Nights, night: number): boolean {
  if ((cut.weekdayMask & (1 << nights.weekday[night])) === 0) return false;
  if (cut.seasonFrom !== 0) {
    const day = nights.monthDay[night];
    const inside = cut.seasonFrom <= cut.seasonTo ? day >= cut.seasonFrom && day <= cut.seasonTo : day >= cut.seasonFrom || day <= cut.seasonTo;
    if (!inside) return false;
  }
  const evening = nights.eveningEpochDay[night];
  return evening >= cut.datesFrom && evening <= cut.datesTo;
}

export function exceptionFor(schedule: CompiledSchedule, nights: Nights, night: number): ExceptionMode | null {
  return schedule.exceptionByEpochDay.get(nights.eveningEpochDay[night]) ?? schedule.exceptionByMonthDay.get(nights.monthDay[night]) ?? null;
}

export function switchOnSeconds(schedule: CompiledSchedule, nights: Nights, night: number): number {
  if (schedule.onKind === RULE_SUN) return nights.sunsetSeconds[night] + schedule.onValue;
  if (schedule.onKind === RULE_TWILIGHT) return nights.civilDuskSeconds[night];
  return wallToElapsedSeconds(nights, night, schedule.onValue);
}

export function switchOffSeconds(schedule: CompiledSchedule, nights: Nights, night: number): number {
  if (schedule.offKind === RULE_SUN) return nights.sunriseSeconds[night] - schedule.offValue;
  if (schedule.offKind === RULE_TWILIGHT) return nights.civilDawnSeconds[night];
  return wallToElapsedSeconds(nights, night, schedule.offValue);
}

/** Growable segment lists. */
export class SegmentBuffer {
  start: Float64Array;
  end: Float64Array;
  level: Float64Array;
  length = 0;

  constructor(capacity = 16) {
    this.start = new Float64Array(capacity);
    this.end = new Float64Array(capacity);
    this.level = new Float64Array(capacity);
  }

  clear(): void {
    this.length = 0;
  }

  /** Appends [start, end) at `level`, merged into the previous segment when they join at the same level. */
  push(start: number, end: number, level: number, mergeFrom: number): void {
    if (end <= start) return;
    const last = this.length - 1;
    if (last >= mergeFrom && this.end[last] === start && this.level[last] === level) {
      this.end[last] = end;
      return;
    }
    if (this.length === this.start.length) {
      const grow = (array: Float64Array): Float64Array => {
        const bigger = new Float64Array(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      this.start = grow(this.start);
      this.end = grow(this.end);
      this.level = grow(this.level);
    }
    this.start[this.length] = start;
    this.end[this.length] = end;
    this.level[this.length] = level;
    this.length++;
  }
}

function pushDimmed(schedule: CompiledSchedule, nights: Nights, night: number, from: number, to: number, out: SegmentBuffer, mergeFrom: number): void {
  const steps = schedule.stepWall.length;
  if (steps === 0) {
    out.push(from, to, 1, mergeFrom);
    return;
  }
  let level = 1;
  let index = 0;
  while (index < steps && wallToElapsedSeconds(nights, night, schedule.stepWall[index]) <= from) {
    level = schedule.stepLevel[index];
    index++;
  }
  let position = from;
  while (index < steps) {
    const stepSeconds = wallToElapsedSeconds(nights, night, schedule.stepWall[index]);
    if (stepSeconds >= to) break;
    out.push(position, stepSeconds, level, mergeFrom);
    position = stepSeconds;
    level = schedule.stepLevel[index];
    index++;
  }
  out.push(position, to, level, mergeFrom);
}

/** Appends the lit segments of `night` to `out`, in time order. */
export function evaluateNight(schedule: CompiledSchedule, nights: Nights, night: number, out: SegmentBuffer): void {
  const mergeFrom = out.length;
  const exception = exceptionFor(schedule, nights, night);
  if (exception === 'off') return;
  const lengthSeconds = nights.lengthSeconds[night];
  const on = Math.max(0, switchOnSeconds(schedule, nights, night));
  const off = Math.min(lengthSeconds, switchOffSeconds(schedule, nights, night));
  if (off <= on) return;
  if (exception === 'lit-all-night') {
    out.push(on, off, 1, mergeFrom);
    return;
  }
  let cursor = on;
  for (const cut of schedule.cuts) {
    if (!cutApplies(cut, nights, night)) continue;
    const cutStart = wallToElapsedSeconds(nights, night, cut.startWall);
    const cutEnd = wallToElapsedSeconds(nights, night, cut.endWall);
    if (cutEnd <= cursor) continue;
    if (cutStart >= off) break;
    if (cutStart > cursor) pushDimmed(schedule, nights, night, cursor, cutStart, out, mergeFrom);
    cursor = Math.max(cursor, cutEnd);
  }
  if (cursor < off) pushDimmed(schedule, nights, night, cursor, off, out, mergeFrom);
}

/** A schedule over every night of a period. Times are seconds since each night's noon. */
export interface ScheduleProfile {
  /** Segments of night n are [nightSegmentStart[n], nightSegmentStart[n + 1]). */
  nightSegmentStart: Int32Array;
  segmentStartSeconds: Float64Array;
  segmentEndSeconds: Float64Array;
  segmentLevel: Float64Array;
  burningSeconds: Float64Array;
  fullPowerSeconds: Float64Array;
  /** Between sunset and sunrise, not lit. */
  darkSeconds: Float64Array;
  burningHours: number;
  fullPowerEquivalentHours: number;
  darkHours: number;
  maxLevel: number;
}

export function computeProfile(schedule: CompiledSchedule, nights: Nights): ScheduleProfile {
  const buffer = new SegmentBuffer(nights.count * 2 + 4);
  const nightSegmentStart = new Int32Array(nights.count + 1);
  const burningSeconds = new Float64Array(nights.count);
  const fullPowerSeconds = new Float64Array(nights.count);
  const darkSeconds = new Float64Array(nights.count);
  let burningTotal = 0;
  let fullPowerTotal = 0;
  let darkTotal = 0;
  let maxLevel = 0;
  for (let night = 0; night < nights.count; night++) {
    const first = buffer.length;
    nightSegmentStart[night] = first;
    evaluateNight(schedule, nights, night, buffer);
    const sunset = nights.sunsetSeconds[night];
    const sunrise = nights.sunriseSeconds[night];
    let burning = 0;
    let fullPower = 0;
    let litInDarkness = 0;
    for (let index = first; index < buffer.length; index++) {
      const start = buffer.start[index];
      const end = buffer.end[index];
      const level = buffer.level[index];
      burning += end - start;
      fullPower += (end - start) * level;
      const overlap = Math.min(end, sunrise) - Math.max(start, sunset);
      if (overlap > 0) litInDarkness += overlap;
      if (level > maxLevel) maxLevel = level;
    }
    const dark = Math.max(0, sunrise - sunset - litInDarkness);
    burningSeconds[night] = burning;
    fullPowerSeconds[night] = fullPower;
    darkSeconds[night] = dark;
    burningTotal += burning;
    fullPowerTotal += fullPower;
    darkTotal += dark;
  }
  nightSegmentStart[nights.count] = buffer.length;
  return {
    nightSegmentStart,
    segmentStartSeconds: buffer.start.slice(0, buffer.length),
    segmentEndSeconds: buffer.end.slice(0, buffer.length),
    segmentLevel: buffer.level.slice(0, buffer.length),
    burningSeconds,
    fullPowerSeconds,
    darkSeconds,
    burningHours: burningTotal / 3600,
    fullPowerEquivalentHours: fullPowerTotal / 3600,
    darkHours: darkTotal / 3600,
    maxLevel,
  };
}

/** Level (0 when off) of a profile at `seconds` since the noon of `night`. */
export function levelAt(profile: ScheduleProfile, night: number, seconds: number): number {
  for (let index = profile.nightSegmentStart[night]; index < profile.nightSegmentStart[night + 1]; index++) {
    if (seconds < profile.segmentStartSeconds[index]) return 0;
    if (seconds < profile.segmentEndSeconds[index]) return profile.segmentLevel[index];
  }
  return 0;
}
