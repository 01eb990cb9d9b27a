/** MQTT payloads of each mapping (src/io/live/payloads.ts): ChirpStack v4, The Things Stack v3, plain. */
import fc from 'fast-check';
import { parseChirpStack, parsePlain, parseTheThingsStack, type DeviceMap, type ParseResult } from '../../../src/io/live/payloads';
import { jsonText } from '../arbitraries';
import type { FuzzEntry } from '../entry';

const DEVICES: DeviceMap = { 'a1b2c3d4e5f60708': { sensorId: 'S1', field: 'distance' }, 'dev-2': { sensorId: 'S2', field: 'fill.percent' } };
const time = fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2030-01-01T00:00:00Z') }).map((ms) => new Date(ms).toISOString());

function checkResult(result: ParseResult, sensors: readonly string[] | null): string[] {
  if (!result.ok) return typeof result.reason === 'string' && result.reason !== '' ? [] : ['refused without a reason'];
  if (result.ok === 'decode') return typeof result.uplink.sensorId === 'string' && result.uplink.bytes instanceof Uint8Array ? [] : [`bad raw uplink: ${JSON.stringify(result.uplink)}`];
  return result.observations.flatMap((observation) =>
    Number.isFinite(observation.time) && Number.isFinite(observation.value) && (sensors === null ? typeof observation.sensorId === 'string' && observation.sensorId !== '' : sensors.includes(observation.sensorId)) ? [] : [`bad observation: ${JSON.stringify(observation)}`],
  );
}

/** Half the payloads as text, half as bytes (as mqtt.js hands them over). */
const asPayload = (text: fc.Arbitrary<string>) => fc.tuple(text, fc.boolean()).map(([value, bytes]) => (bytes ? new TextEncoder().encode(value) : value));

const chirpStack = fc.record({ time, distance: fc.double({ noNaN: true }) }).map(({ time: at, distance }) => ({
  deduplicationId: 'x',
  time: at,
  deviceInfo: { devEui: 'a1b2c3d4e5f60708', deviceName: 'bin' },
  fCnt: 3,
  object: { distance },
}));

const theThingsStack = fc.record({ time, percent: fc.double({ noNaN: true }) }).map(({ time: at, percent }) => ({
  end_device_ids: { device_id: 'dev-2', dev_eui: '0011' },
  received_at: at,
  uplink_message: { f_cnt: 4, decoded_payload: { fill: { percent } } },
}));

const plain = fc.array(fc.record({ sensorId: fc.constantFrom('S1', 'S2'), time, value: fc.double({ noNaN: true }) }), { minLength: 1, maxLength: 3 });

export const entries = [
  { name: 'MQTT ChirpStack v4', arbitrary: asPayload(jsonText(chirpStack)), run: (payload: string | Uint8Array) => checkResult(parseChirpStack(payload, DEVICES), ['S1', 'S2']) },
  { name: 'MQTT The Things Stack v3', arbitrary: asPayload(jsonText(theThingsStack)), run: (payload: string | Uint8Array) => checkResult(parseTheThingsStack(payload, DEVICES), ['S1', 'S2']) },
  { name: 'MQTT plain', arbitrary: asPayload(jsonText(plain)), run: (payload: string | Uint8Array) => checkResult(parsePlain(payload), null) },
] as FuzzEntry[];
