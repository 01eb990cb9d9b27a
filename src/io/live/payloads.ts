/**
 * Payload mappings from MQTT messages to observations:
 * - ChirpStack v4 uplink events: `deviceInfo.devEui`, `time`, decoded `object` (the mapping names
 *   the field), or only `data` (base64 FRMPayload) when no codec ran on the network server;
 * - The Things Stack v3 uplinks: `end_device_ids.dev_eui` or `device_id`, `received_at`,
 *   `uplink_message.decoded_payload`, or only `uplink_message.frm_payload` (base64);
 * - plain `{ sensorId, time, value }` (one object or an array).
 * Each returns observations, the reason the message was refused, or — for an undecoded uplink whose
 * device type names a codec — the raw uplink for the codec worker (see codecs.ts).
 *
 * Every LoRaWAN observation carries keys naming its uplink, so that the series store drops the
 * same uplink received twice (QoS 1 redelivery, two gateways, two network servers):
 * - ChirpStack: `cs:<devEui>:<devAddr>:<fCnt>` (the frame counter within a session; the
 *   `deduplicationId` UUID is a second key);
 * - The Things Stack: `tts:<device>:<session_key_id>:<f_cnt>` and the `as:up:` correlation id.
 */
import type { Observation } from '../../domain/series/store';
import { LIMITS } from '../limits';

/** How one device is read: its sensor, the decoded field holding the value, its device type. */
export interface DeviceEntry {
  sensorId: string;
  /** Dotted path in the decoded payload; defaults to the device type's field. */
  field?: string;
  /** Device type (a key of the service's `deviceTypes`): its codec decodes raw uplinks. */
  type?: string;
  /** Depth of the container (sensor to bottom), mm: the value becomes a fill % from the distance. */
  containerDepthMm?: number;
}
export type DeviceMap = Record<string, DeviceEntry>;

/** A device type of the manifest: the TS013 codec script and how to read its output. */
export interface DeviceType {
  /** URL of a TS013 codec script (a classic script defining `decodeUplink`). */
  codec?: string;
  field?: string;
  containerDepthMm?: number;
}
export type DeviceTypes = Record<string, DeviceType>;

/** An uplink that arrived with only its bytes: to be decoded by its device type's codec. */
export interface RawUplink {
  device: string;
  sensorId: string;
  type: string;
  bytes: Uint8Array;
  fPort: number;
  /** Measurement time, UTC ms. */
  time: number;
  receivedAt?: number;
  keys: string[];
  field: string;
  containerDepthMm?: number;
}

export type ParseResult = { ok: true; observations: Observation[] } | { ok: false; reason: string } | { ok: 'decode'; uplink: RawUplink };

/** The TS013 codec output. */
export interface DecodedUplink {
  data?: unknown;
  warnings?: unknown;
  errors?: unknown;
}

/** The device of a key, own entries only (a devEui "__proto__" or "constructor" names none). */
function deviceOf(devices: DeviceMap, key: string): DeviceMap[string] | undefined {
  if (!Object.hasOwn(devices, key)) return undefined;
  const device = devices[key];
  return isRecord(device) && typeof device.sensorId === 'string' && (device.field === undefined || typeof device.field === 'string') ? device : undefined;
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

/** Fill % of a container from the distance (mm) between the sensor at its top and the waste. */
export function fillFromDistance(distanceMm: number, depthMm: number): number {
  if (!Number.isFinite(distanceMm) || !(depthMm > 0)) return Number.NaN;
  return Math.min(100, Math.max(0, (100 * (depthMm - distanceMm)) / depthMm));
}

function decodeBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface Resolved {
  sensorId: string;
  field: string;
  type?: string;
  codec?: string;
  containerDepthMm?: number;
}

function resolve(device: DeviceEntry, types: DeviceTypes): Resolved | string {
  const type = device.type ? types[device.type] : undefined;
  if (device.type && !type) return `unknown device type ${device.type}`;
  const field = device.field ?? type?.field;
  if (!field) return 'no field named for the value';
  return { sensorId: device.sensorId, field, type: device.type, codec: type?.codec, containerDepthMm: device.containerDepthMm ?? type?.containerDepthMm };
}

/** The observation of a decoded payload, or why there is none. */
export function observationFrom(
  decoded: Record<string, unknown>,
  target: { sensorId: string; field: string; containerDepthMm?: number },
  time: number,
  keys: string[],
  receivedAt: number | undefined,
  what: string,
): ParseResult {
  if (!Number.isFinite(time)) return { ok: false, reason: `${what}: no valid time` };
  const raw = fieldValue(decoded, target.field);
  const value = target.containerDepthMm !== undefined ? fillFromDistance(raw, target.containerDepthMm) : raw;
  if (!Number.isFinite(value)) return { ok: false, reason: `${what}: no numeric value in ${target.field}` };
  const observation: Observation = { sensorId: target.sensorId, time, value, keys };
  if (receivedAt !== undefined && Number.isFinite(receivedAt)) observation.receivedAt = receivedAt;
  return { ok: true, observations: [observation] };
}

/** The observation of a TS013 codec's output for a raw uplink, or why there is none. */
export function observationFromCodec(uplink: RawUplink, output: DecodedUplink): ParseResult {
  const what = `device ${uplink.device}`;
  if (Array.isArray(output.errors) && output.errors.length > 0) return { ok: false, reason: `${what}: codec ${uplink.type}: ${output.errors.map(String).join('; ')}` };
  if (!isRecord(output.data)) return { ok: false, reason: `${what}: codec ${uplink.type} returned no data` };
  return observationFrom(output.data, uplink, uplink.time, uplink.keys, uplink.receivedAt, what);
}

function raw(resolved: Resolved, device: string, base64: unknown, fPort: unknown, time: number, keys: string[], receivedAt: number | undefined): ParseResult {
  const what = `device ${device}`;
  if (typeof base64 !== 'string' || base64 === '') return { ok: false, reason: `${what}: neither a decoded payload nor bytes` };
  if (!resolved.type || !resolved.codec) return { ok: false, reason: `${what}: undecoded uplink and no codec for its device type` };
  const bytes = decodeBase64(base64);
  if (!bytes) return { ok: false, reason: `${what}: payload bytes are not base64` };
  if (!Number.isFinite(time)) return { ok: false, reason: `${what}: no valid time` };
  return {
    ok: 'decode',
    uplink: { device, sensorId: resolved.sensorId, type: resolved.type, bytes, fPort: typeof fPort === 'number' ? fPort : 0, time, receivedAt, keys, field: resolved.field, containerDepthMm: resolved.containerDepthMm },
  };
}

export function parseChirpStack(payload: string | Uint8Array, devices: DeviceMap, types: DeviceTypes = {}): ParseResult {
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
  const resolved = resolve(device, types);
  if (typeof resolved === 'string') return { ok: false, reason: `device ${devEui}: ${resolved}` };
  const keys: string[] = [];
  if (typeof message.fCnt === 'number') keys.push(`cs:${devEui}:${String(message.devAddr ?? '')}:${message.fCnt}`);
  if (typeof message.deduplicationId === 'string' && message.deduplicationId !== '') keys.push(`cs:${message.deduplicationId}`);
  const rx = Array.isArray(message.rxInfo) && isRecord(message.rxInfo[0]) ? message.rxInfo[0] : null;
  const receivedAt = rx && typeof rx.nsTime === 'string' ? Date.parse(rx.nsTime) : undefined;
  const time = timeOf(message.time);
  if (!isRecord(message.object)) return raw(resolved, devEui, message.data, message.fPort, time, keys, receivedAt);
  return observationFrom(message.object, resolved, time, keys, receivedAt, `device ${devEui}`);
}

export function parseTheThingsStack(payload: string | Uint8Array, devices: DeviceMap, types: DeviceTypes = {}): ParseResult {
  let message: unknown;
  try {
    message = parseJson(payload);
  } catch (error) {
    return { ok: false, reason: error instanceof RangeError ? error.message : 'not JSON' };
  }
  if (!isRecord(message) || !isRecord(message.end_device_ids)) return { ok: false, reason: 'no end_device_ids' };
  const ids = message.end_device_ids;
  const keys_ = [String(ids.dev_eui ?? '').toLowerCase(), String(ids.dev_eui ?? '').toUpperCase(), String(ids.device_id ?? '')];
  const device = keys_.map((key) => deviceOf(devices, key)).find(Boolean);
  const name = keys_[2] || keys_[0];
  if (!device) return { ok: false, reason: `unknown device ${name}` };
  const resolved = resolve(device, types);
  if (typeof resolved === 'string') return { ok: false, reason: `device ${name}: ${resolved}` };
  const uplink = message.uplink_message;
  if (!isRecord(uplink)) return { ok: false, reason: `device ${name}: no uplink_message` };
  const keys: string[] = [];
  // The Things Stack omits zero fields: a missing f_cnt within a session is frame 0.
  if (typeof uplink.f_cnt === 'number' || typeof uplink.session_key_id === 'string') keys.push(`tts:${name}:${String(uplink.session_key_id ?? '')}:${typeof uplink.f_cnt === 'number' ? uplink.f_cnt : 0}`);
  const correlation = Array.isArray(message.correlation_ids) ? message.correlation_ids.find((id): id is string => typeof id === 'string' && id.startsWith('as:up:')) : undefined;
  if (correlation) keys.push(`tts:${correlation}`);
  const time = timeOf(message.received_at ?? uplink.received_at);
  const receivedAt = Number.isFinite(time) ? time : undefined;
  if (!isRecord(uplink.decoded_payload)) return raw(resolved, name, uplink.frm_payload, uplink.f_port, time, keys, receivedAt);
  return observationFrom(uplink.decoded_payload, resolved, time, keys, receivedAt, `device ${name}`);
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
    const time = timeOf(item.time);
    if (!Number.isFinite(time)) return { ok: false, reason: `sensor ${item.sensorId}: no valid time` };
    if (typeof item.value !== 'number' || !Number.isFinite(item.value)) return { ok: false, reason: `sensor ${item.sensorId}: no numeric value` };
    observations.push({ sensorId: item.sensorId, time, value: item.value });
  }
  return { ok: true, observations };
}
