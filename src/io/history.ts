/**
 * Sensor history from files, named in the manifest's `history` list:
 * - CSV with a header `sensorId,time,value` (ISO 8601 times), read with papaparse;
 * - OGC SensorThings `dataArray` JSON (the `$resultFormat=dataArray` answer): per Datastream a
 *   `components` list naming `phenomenonTime` and `result`, and rows of values; the manifest maps
 *   Datastream ids (or navigation links) to sensor ids.
 * A bad row is reported with its file, line and field, and left out; the valid rows load.
 */
import Papa from 'papaparse';
import { megabytesOf, type Problem } from '../domain/problem';
import type { Observation } from '../domain/series/store';
import { LIMITS } from './limits';

export interface HistoryParse {
  observations: Observation[];
  problems: Problem[];
}

const MAX_REPORTED = 20;

/** A file over the size limit is refused before it is parsed (src/io/limits.ts). */
function tooLarge(text: string, file: string): HistoryParse | null {
  if (text.length <= LIMITS.fileBytes) return null;
  return { observations: [], problems: [{ code: 'too-large', file, detail: megabytesOf(text.length), expected: megabytesOf(LIMITS.fileBytes) }] };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseHistoryCsv(text: string, file: string): HistoryParse {
  const refused = tooLarge(text, file);
  if (refused) return refused;
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true, transformHeader: (header) => header.trim() });
  const problems: Problem[] = [];
  const report = (problem: Problem) => {
    if (problems.length < MAX_REPORTED) problems.push(problem);
  };
  for (const error of parsed.errors) report({ code: 'invalid-csv', file, ...(error.row === undefined ? {} : { line: error.row + 2 }), detail: error.message });
  const fields = parsed.meta.fields ?? [];
  for (const required of ['sensorId', 'time', 'value']) {
    if (!fields.includes(required)) return { observations: [], problems: [{ code: 'invalid-field', file, field: required, expected: { words: 'history-columns' } }] };
  }
  const observations: Observation[] = [];
  parsed.data.forEach((row, index) => {
    const line = index + 2;
    const sensorId = (row.sensorId ?? '').trim();
    const time = Date.parse((row.time ?? '').trim());
    const value = Number((row.value ?? '').trim());
    if (sensorId === '') report({ code: 'invalid-field', file, line, field: 'sensorId', expected: { words: 'sensor-id' } });
    else if (!Number.isFinite(time)) report({ code: 'invalid-field', file, line, field: 'time', expected: { words: 'iso-date' } });
    else if ((row.value ?? '').trim() === '' || !Number.isFinite(value)) report({ code: 'invalid-field', file, line, field: 'value', expected: { words: 'number' } });
    else observations.push({ sensorId, time, value });
  });
  return { observations, problems };
}

interface DataArrayBlock {
  'Datastream@iot.navigationLink'?: string;
  '@iot.id'?: string | number;
  components?: string[];
  dataArray?: unknown[][];
}

/** The Datastream id in a navigation link such as `…/Datastreams(42)` or `…/Datastreams('x')`. */
function datastreamIdOf(block: DataArrayBlock): string | null {
  const link = block['Datastream@iot.navigationLink'];
  const match = link ? /Datastreams\('?([^)']+)'?\)/.exec(link) : null;
  if (match) return match[1];
  return block['@iot.id'] === undefined ? null : String(block['@iot.id']);
}

export function parseDataArray(text: string, file: string, datastreams: Record<string, string>): HistoryParse {
  const refused = tooLarge(text, file);
  if (refused) return refused;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { observations: [], problems: [{ code: 'invalid-json', file, detail: (error as Error).message }] };
  }
  const blocks = isRecord(json) ? json.value : undefined;
  if (!Array.isArray(blocks)) return { observations: [], problems: [{ code: 'invalid-field', file, field: 'value', expected: { words: 'data-array-blocks' } }] };
  const problems: Problem[] = [];
  const observations: Observation[] = [];
  blocks.forEach((raw, blockIndex) => {
    const where = `value.${blockIndex}`;
    if (!isRecord(raw)) {
      problems.push({ code: 'invalid-field', file, field: where, expected: { words: 'object' } });
      return;
    }
    const block = raw as DataArrayBlock;
    const datastream = datastreamIdOf(block);
    // Own keys only: a Datastream named "__proto__" or "constructor" is not a sensor.
    const sensorId = datastream === null || !Object.hasOwn(datastreams, datastream) ? undefined : datastreams[datastream];
    if (typeof sensorId !== 'string' || sensorId === '') {
      problems.push({ code: 'unknown-reference', file, feature: where, field: 'Datastream@iot.navigationLink', detail: datastream ?? '?' });
      return;
    }
    const components = Array.isArray(block.components) ? block.components : [];
    const timeColumn = components.indexOf('phenomenonTime');
    const resultColumn = components.indexOf('result');
    if (timeColumn < 0 || resultColumn < 0) {
      problems.push({ code: 'invalid-field', file, feature: where, field: 'components', expected: { words: 'time-and-result' } });
      return;
    }
    if (block.dataArray !== undefined && !Array.isArray(block.dataArray)) {
      problems.push({ code: 'invalid-field', file, feature: where, field: 'dataArray', expected: { words: 'row-list' } });
      return;
    }
    (block.dataArray ?? []).forEach((row, rowIndex) => {
      const time = Date.parse(String(Array.isArray(row) ? row[timeColumn] : '').split('/')[0]);
      const value = Array.isArray(row) ? Number(row[resultColumn]) : Number.NaN;
      if (!Number.isFinite(time) || !Number.isFinite(value)) {
        if (problems.length < MAX_REPORTED) problems.push({ code: 'invalid-field', file, feature: `${where}.dataArray.${rowIndex}`, field: !Number.isFinite(time) ? 'phenomenonTime' : 'result', expected: { words: !Number.isFinite(time) ? 'iso-date' : 'number' } });
        return;
      }
      observations.push({ sensorId, time, value });
    });
  });
  return { observations, problems };
}
