/**
 * One publisher of the ingest benchmark (series.bench.ts), in its own thread: the messages
 * i ≡ index (mod count) of the burst, ChirpStack v4 uplinks published with QoS 1 on a persistent
 * session at its share of the rate, as a network server's MQTT integration does. Reports its counts
 * to the bench every 250 ms and when done.
 *
 * MQTT 3.1.1 written by hand on a TCP socket (CONNECT, PUBLISH QoS 1, PUBACK, PINGREQ): measured
 * on the 2-core test machine, mqtt.js spent 73 µs of CPU per QoS 1 publish (100,000 messages: 7.3 s),
 * so four of them at 10,000 messages a second took most of a core from the broker and the page
 * they are meant to load. Here the frames of a 5 ms tick go out in one write (about 3 µs a message).
 * The protocol is kept: a window of unacknowledged messages (16-bit packet ids, at most
 * MAX_IN_FLIGHT), and on reconnection to the kept session every unacknowledged message sent again
 * with DUP set (MQTT 3.1.1 §4.4), so a broker restart loses nothing and may deliver some twice.
 */
// Plain JavaScript: worker threads do not get tsx's loader. Its data and reports are typed in series.bench.ts.
import { connect } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const data = workerData;
const K = Math.ceil(data.devices / data.sensors);
const eui = (d) => `70b3d5e75e${d.toString(16).padStart(6, '0')}`;
/** Packet ids are 16 bits: at most this many unacknowledged at once. */
const MAX_IN_FLIGHT = 16_000;
const { hostname, port } = new URL(data.url);
const clientId = `bench-publisher-${data.index}`;

let sent = 0;
let acked = 0;
const errors = 0;
/** Unacknowledged PUBLISH frames by packet id (1..65535). */
const inFlight = new Map();
let nextId = 1;
/** The network server's queue while the broker is away or the window is full. */
const backlog = [];
let head = 0;
let socket = null;
let connected = false;

function remainingLength(length) {
  const bytes = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return bytes;
}

function utf8Field(text) {
  const bytes = Buffer.from(text, 'utf8');
  const field = Buffer.alloc(2 + bytes.length);
  field.writeUInt16BE(bytes.length, 0);
  bytes.copy(field, 2);
  return field;
}

function connectFrame() {
  // Protocol "MQTT" level 4, flags: clean session 0, keep alive 30 s.
  const variable = Buffer.concat([utf8Field('MQTT'), Buffer.from([4, 0x00, 0, 30]), utf8Field(clientId)]);
  return Buffer.concat([Buffer.from([0x10, ...remainingLength(variable.length)]), variable]);
}

function publishFrame(topic, body, id) {
  const topicBytes = utf8Field(topic);
  const payload = Buffer.from(body, 'utf8');
  const length = topicBytes.length + 2 + payload.length;
  const header = remainingLength(length);
  const frame = Buffer.allocUnsafe(1 + header.length + length);
  frame[0] = 0x32; // PUBLISH, QoS 1
  for (let i = 0; i < header.length; i++) frame[1 + i] = header[i];
  let at = 1 + header.length;
  topicBytes.copy(frame, at);
  at += topicBytes.length;
  frame.writeUInt16BE(id, at);
  payload.copy(frame, at + 2);
  return frame;
}

function pump() {
  if (!connected) return;
  const frames = [];
  while (inFlight.size < MAX_IN_FLIGHT && head < backlog.length) {
    const [topic, body] = backlog[head];
    backlog[head++] = null;
    while (inFlight.has(nextId)) nextId = (nextId % 65535) + 1;
    const frame = publishFrame(topic, body, nextId);
    inFlight.set(nextId, frame);
    nextId = (nextId % 65535) + 1;
    frames.push(frame);
  }
  if (frames.length > 0) socket.write(Buffer.concat(frames));
  if (head > 100_000 && head === backlog.length) {
    backlog.length = 0;
    head = 0;
  }
}

let pending = Buffer.alloc(0);
function onData(chunk) {
  pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
  let at = 0;
  while (pending.length - at >= 2) {
    const type = pending[at] >> 4;
    // Every packet the broker sends us here is short (CONNACK, PUBACK, PINGRESP): one length byte.
    const length = pending[at + 1];
    if (pending.length - at < 2 + length) break;
    if (type === 2) {
      // CONNACK: session present or not, every unacknowledged PUBLISH goes again with DUP set.
      if (pending[at + 3] !== 0) throw new Error(`publisher ${data.index}: connection refused, code ${pending[at + 3]}`);
      connected = true;
      const again = [];
      for (const frame of inFlight.values()) {
        frame[0] |= 0x08;
        again.push(frame);
      }
      if (again.length > 0) socket.write(Buffer.concat(again));
      pump();
    } else if (type === 4) {
      const id = pending.readUInt16BE(at + 2);
      if (inFlight.delete(id)) acked++;
    }
    at += 2 + length;
  }
  pending = pending.subarray(at);
  if (inFlight.size < MAX_IN_FLIGHT / 2) pump();
}

let ping = null;
function open() {
  pending = Buffer.alloc(0);
  const next = connect({ host: hostname, port: Number(port), noDelay: true });
  socket = next;
  next.on('connect', () => next.write(connectFrame()));
  next.on('data', onData);
  next.on('error', () => undefined);
  next.on('close', () => {
    if (socket !== next) return;
    connected = false;
    socket = null;
    if (!finished) setTimeout(open, 200);
  });
}
let finished = false;
open();
ping = setInterval(() => {
  if (connected) socket.write(Buffer.from([0xc0, 0]));
}, 15_000);

const report = (done) => parentPort.postMessage({ index: data.index, sent, acked, errors, done });
const reporter = setInterval(() => report(false), 250);

let i = data.index;
const TICK_MS = 5;
while (i < data.total) {
  const elapsed = Date.now() - data.startAt;
  const due = Math.min(data.total, Math.round(((elapsed + TICK_MS) / 1000) * data.rate));
  while (i < due) {
    const d = i % data.devices;
    const f = Math.floor(i / data.devices);
    const now = Date.now();
    const body = `{"deduplicationId":"${d.toString(16).padStart(8, '0')}-0000-4000-8000-${f.toString(16).padStart(12, '0')}","time":"${new Date(data.t0 + (f * K + Math.floor(d / data.sensors)) * 1000).toISOString()}","deviceInfo":{"tenantName":"Commune","applicationName":"bacs","deviceProfileName":"EM310-UDL","deviceName":"bac-${d}","devEui":"${eui(d)}"},"devAddr":"01${eui(d).slice(-6)}","adr":true,"dr":5,"fCnt":${f},"fPort":85,"confirmed":false,"object":{"level":${(d * 7 + f) % 100},"battery":${90 - (f % 10)}},"rxInfo":[{"gatewayId":"a840411d2f5c4150","uplinkId":${f},"nsTime":"${new Date(now).toISOString()}","rssi":-97,"snr":7.5}],"txInfo":{"frequency":868100000}}`;
    backlog.push([`application/bacs/device/${eui(d)}/event/up`, body]);
    sent++;
    i += data.count;
  }
  pump();
  await new Promise((resolve) => setTimeout(resolve, TICK_MS));
}
// Everything acknowledged by the broker, or given up on after a long wait.
const deadline = Date.now() + 600_000;
while ((inFlight.size > 0 || head < backlog.length) && Date.now() < deadline) {
  pump();
  await new Promise((resolve) => setTimeout(resolve, 50));
}
finished = true;
clearInterval(reporter);
clearInterval(ping);
report(true);
// DISCONNECT, then close.
socket?.end(Buffer.from([0xe0, 0]));
