/** Sensor history files: CSV and SensorThings dataArray (src/io/history.ts). */
import fc from 'fast-check';
import { parseDataArray, parseHistoryCsv } from '../../../src/io/history';
import { damaged, hostileString, jsonText } from '../arbitraries';
import { unnamedProblems, type FuzzEntry } from '../entry';

const row = fc.record({
  sensorId: fc.constantFrom('S1', 'S2'),
  time: fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString()),
  value: fc.double({ min: -1e6, max: 1e6, noNaN: true }),
});

const garbage = fc.oneof(
  fc.array(hostileString, { maxLength: 5 }).map((cells) => cells.map((cell) => (/[",\r\n]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell)).join(',')),
  hostileString.map((line) => line.replace(/["\r\n;\t|\u001e\u001f]/gu, ' ')),
);

const csvEntry: FuzzEntry<{ valid: number; text: string }> = {
  name: 'history CSV',
  arbitrary: fc.oneof(
    { weight: 4, arbitrary: fc.record({ rows: fc.array(row, { maxLength: 10 }), bad: fc.array(garbage, { maxLength: 4 }), at: fc.array(fc.nat(), { maxLength: 4 }) }).map(({ rows, bad, at }) => {
      const lines = rows.map((r) => `${r.sensorId},${r.time},${r.value}`);
      bad.forEach((line, index) => lines.splice((at[index] ?? 0) % (lines.length + 1), 0, line));
      return { valid: rows.length, text: ['sensorId,time,value', ...lines].join('\n') };
    }) },
    { weight: 1, arbitrary: hostileString.map((text) => ({ valid: -1, text })) },
  ),
  run({ valid, text }) {
    const parsed = parseHistoryCsv(text, 'h.csv');
    const violations = unnamedProblems(parsed.problems);
    if (valid >= 0 && parsed.observations.length < valid) violations.push(`${valid - parsed.observations.length} valid rows lost`);
    for (const observation of parsed.observations) {
      if (!Number.isFinite(observation.time) || !Number.isFinite(observation.value) || typeof observation.sensorId !== 'string') violations.push(`bad observation stored: ${JSON.stringify(observation)}`);
    }
    return violations;
  },
};

const dataArray = fc.array(row, { maxLength: 8 }).map((rows) => ({
  value: [
    { 'Datastream@iot.navigationLink': "https://x/v1.1/Datastreams('d1')", components: ['id', 'phenomenonTime', 'result'], 'dataArray@iot.count': rows.length, dataArray: rows.map((r, index) => [index, r.time, r.value]) },
    { '@iot.id': 2, components: ['phenomenonTime', 'result'], dataArray: rows.map((r) => [`${r.time}/${r.time}`, String(r.value)]) },
  ],
}));

const dataArrayEntry: FuzzEntry<string> = {
  name: 'history dataArray',
  arbitrary: jsonText(dataArray),
  run(text) {
    const parsed = parseDataArray(text, 'h.json', { d1: 'S1', '2': 'S2' });
    const violations = unnamedProblems(parsed.problems);
    for (const observation of parsed.observations) {
      if (!Number.isFinite(observation.time) || !Number.isFinite(observation.value) || (observation.sensorId !== 'S1' && observation.sensorId !== 'S2')) violations.push(`bad observation stored: ${JSON.stringify(observation)}`);
    }
    return violations;
  },
};

/** A valid block next to a damaged one: the valid block's rows all load. */
const mixedEntry: FuzzEntry<{ text: string; valid: number }> = {
  name: 'history dataArray, valid block beside a damaged one',
  arbitrary: fc.tuple(dataArray, dataArray.chain((document) => damaged(document.value[1]))).map(([good, bad]) => ({ text: JSON.stringify({ value: [good.value[0], bad] }), valid: good.value[0].dataArray.length })),
  run({ text, valid }) {
    const parsed = parseDataArray(text, 'h.json', { d1: 'S1', '2': 'S2' });
    const fromGood = parsed.observations.filter((observation) => observation.sensorId === 'S1').length;
    return [...unnamedProblems(parsed.problems), ...(fromGood < valid ? [`${valid - fromGood} valid rows of the intact block lost`] : [])];
  },
};

export const entries = [csvEntry, dataArrayEntry, mixedEntry] as FuzzEntry[];
