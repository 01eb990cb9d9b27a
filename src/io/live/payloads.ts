/**
 * Payload mappings from MQTT messages to observations:
 * - ChirpStack v4 uplink events: `deviceInfo.devEui`, `time`, decoded `object` (the mapping names
 *   the field);
 * - The Things Stack v3 uplinks: `end_device_ids.dev_eui` or `device_id`, `received_at`,
 *   `uplink_message.decoded_payload`;
 * - plain `{ sensorId, time, value }` (one object or an array).
 * Each returns observations or the reason the message was refused.
 */
import type { Observation } from '../../domain/series/store';
import { LIMITS } from '../limits';

export type DeviceMap = Record<string, { sensorId: string; field: string }>;
export type ParseResult = { ok: true; observations: Observation[] } | { ok: false; reason: string };

/** The device of a key, own entries only (a devEui "__proto__" or "constructor" names none). */
function deviceOf(devices: DeviceMap, key: string): DeviceMap[string] | undefined {
  if (!Object.hasOwn(devices, key)) return undefined;
  const device = devices[key];
  return isRecord(device) && typeof device.sensorId === 'string' && typeof device.field === 'string' ? device : undefined;
}

function parseJson(payload: string | Uint8Array): unknown {
  if (payload.length > LIMITS.payloadBytes) throw new RangeError(`payload too large: ${payload.length} bytes, over ${LIMITS.payloadBytes}`);
  const text = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  return JSON.parse(text) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function timeOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Date.parse(value);
  return Number.NaN;
}

function fieldValue(object: Record<string, unknown>, field: string): number {
  let current: unknown = object;
  for (const part of field.split('.')) current = isRecord(current) ? current[part] : undefined;
  return typeof current === 'number' ? current : typeof current === 'string' && current.trim() !== '' ? Number(current) : Number.NaN;
}

function single(sensorId: string, time: number, value: number, what: string): ParseResult {
  if (!Number.isFinite(time)) return { ok: false, reason: `${what}: no valid time` };
  if (!Number.isFinite(value)) return { ok: false, reason: `${what}: no numeric value` };
  return { ok: true, observations: [{ sensorId, time, value }] };
}

export function parseChirpStack(payload: string | Uint8Array, devices: DeviceMap): ParseResult {
  let message: unknown;
  try {
    message = parseJson(payload);
  } catch (error) {
    return { ok: false, reason: error instanceof RangeError ? error.message : 'not JSON' };
  }
  if (!isRecord(message) || !isRecord(message.deviceInfo)) return { ok: false, reason: 'no deviceInfo' };
  const devEui = String(message.deviceInfo.devEui ?? '').toLowerCase();
  const device = deviceOf(devices, devEui) ?? deviceOf(devices, devEui.toUpperCase());
  if (!device) return { ok: false, reason: `unknown device ${devEui}` };
  if (!isRecord(message.object)) return { ok: false, reason: `device ${devEui}: no decoded object` };
  return single(device.sensorId, timeOf(message.time), fieldValue(message.object, device.field), `device ${devEui}`);
}

export function parseTheThingsStack(payload: string | Uint8Array, devices: DeviceMap): ParseResult {
  let message: unknown;
  try {
    message = parseJson(payload);
  } catch (error) {
    return { ok: false, reason: error instanceof RangeError ? error.message : 'not JSON' };
  }
  if (!isRecord(message) || !isRecord(message.end_device_ids)) return { ok: false, reason: 'no end_device_ids' };
  const ids = message.end_device_ids;
  const keys = [String(ids.dev_eui ?? '').toLowerCase(), String(ids.dev_eui ?? '').toUpperCase(), String(ids.device_id ?? '')];
  const device = keys.map((key) => deviceOf(devices, key)).find(Boolean);
  if (!device) return { ok: false, reason: `unknown device ${keys[2] || keys[0]}` };
  const uplink = message.uplink_message;
  if (!isRecord(uplink) || !isRecord(uplink.decoded_payload)) return { ok: false, reason: `device ${keys[2] || keys[0]}: no decoded_payload` };
  return single(device.sensorId, timeOf(message.received_at ?? uplink.received_at), fieldValue(uplink.decoded_payload, device.field), `device ${keys[2] || keys[0]}`);
}

export function parsePlain(payload: string | Uint8Array): ParseResult {
  let message: unknown;
  try {
    message = parseJson(payload);
  } catch (error) {
    return { ok: false, reason: error instanceof RangeError ? error.message : 'not JSON' };
  }
  const items = Array.isArray(message) ? message : [message];
  const observations: Observation[] = [];
  for (const item of items) {
    if (!isRecord(item) || typeof item.sensorId !== 'string' || item.sensorId === '') return { ok: false, reason: 'expected {sensorId, time, value}' };
    const result = single(item.sensorId, timeOf(item.time), typeof item.value === 'number' ? item.value : Number.NaN, `sensor ${item.sensorId}`);
    if (!result.ok) return result;
    observations.push(...result.observations);
  }
  return { ok: true, observations };
}
