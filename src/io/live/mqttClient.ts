/**
 * A lean MQTT 3.1.1 subscriber over WebSocket: what a live source needs and nothing else.
 *
 * Why not mqtt.js (which Vigie used until issue 13): profiled in the live worker during
 * `npm run bench:series` (10,000 ChirpStack uplinks a second), mqtt.js spent about 20 µs of CPU a
 * message in its stream machinery (a Node stream polyfill pushing every WebSocket message through
 * `readable-stream`, a `bl` buffer list copying each packet, a packet object and events per message,
 * a write stream and a `setTimeout` per PUBACK, `debug` calls even when off): 40 % of the worker's
 * whole cost, more than the JSON of the payload. This reader parses the packets in place from each
 * WebSocket message (no copy unless a packet spans two messages) and sends the PUBACKs of
 * `ACK_DELAY_MS` together as one WebSocket message: Mosquitto sends every PUBLISH in a WebSocket
 * message of its own, and a `send` from a worker cost about 30 µs of the worker's CPU (measured in
 * the same benchmark, one `send` per PUBLISH: 2.6 s of 6 s busy), plus the network service's. MQTT
 * over WebSocket allows several packets in one WebSocket message (MQTT 3.1.1 §6), and 5 ms of
 * acknowledgements at 10,000 messages a second is 50, far inside the broker's window of
 * unacknowledged messages (Mosquitto's `max_inflight_messages`, 20 by default: see ACK_BATCH).
 *
 * What it does: CONNECT (clean session or not, keepalive, username and password), SUBSCRIBE (and
 * its SUBACK, refused topics reported), PUBLISH QoS 0, 1 and 2 received (PUBACK, PUBREC/PUBCOMP),
 * PINGREQ every half keepalive and a link declared dead after a keepalive without a byte, CONNACK
 * refusals with their reason, DISCONNECT on close. The reconnection policy belongs to the caller
 * (mqttSource.ts): a client is one connection.
 *
 * Bad input: a packet whose content is malformed (a topic longer than its packet, a topic that is
 * not UTF-8, an unknown packet type) is reported with its type, size and, when readable, topic, and
 * skipped; the packets after it in the same message and on the connection go on. Only a broken
 * frame (a remaining length over 4 bytes or over the limit) makes the stream unreadable: then the
 * connection is closed with that reason, and the persistent session redelivers what was not
 * acknowledged.
 */

export interface MqttMessage {
  topic: string;
  /** A view into the received bytes: valid during the `onMessage` call only. */
  payload: Uint8Array;
  qos: 0 | 1 | 2;
  dup: boolean;
  retain: boolean;
}

export interface MqttConnectOptions {
  clientId: string;
  clean: boolean;
  keepaliveSeconds?: number;
  username?: string;
  password?: string;
}

/** Packet types (MQTT 3.1.1 §2.2.1). */
export const PACKET = {
  CONNECT: 1,
  CONNACK: 2,
  PUBLISH: 3,
  PUBACK: 4,
  PUBREC: 5,
  PUBREL: 6,
  PUBCOMP: 7,
  SUBSCRIBE: 8,
  SUBACK: 9,
  UNSUBSCRIBE: 10,
  UNSUBACK: 11,
  PINGREQ: 12,
  PINGRESP: 13,
  DISCONNECT: 14,
} as const;
const PACKET_NAMES = ['reserved 0', 'CONNECT', 'CONNACK', 'PUBLISH', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'PINGREQ', 'PINGRESP', 'DISCONNECT', 'reserved 15'];

/** CONNACK return codes (§3.2.2.3). */
const CONNACK_REASONS = ['accepted', 'unacceptable protocol version', 'identifier rejected', 'server unavailable', 'bad user name or password', 'not authorized'];

/** The largest packet accepted (a payload limit is applied later by the parser; this bounds memory). */
export const MAX_PACKET_BYTES = 4 * 1024 * 1024;

/** Acknowledgements wait at most this long, to go out together. */
export const ACK_DELAY_MS = 5;
/**
 * …or until this many are waiting: half of Mosquitto's default window of 20 unacknowledged QoS 1
 * messages a client, so that a broker with the default does not stall waiting for acknowledgements.
 */
export const ACK_BATCH = 10;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

// --- Encoding --------------------------------------------------------------------------------------

function remainingLengthBytes(length: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = length % 128;
    length = Math.floor(length / 128);
    if (length > 0) byte |= 0x80;
    bytes.push(byte);
  } while (length > 0);
  return bytes;
}

function packet(first: number, body: number[]): Uint8Array {
  return Uint8Array.from([first, ...remainingLengthBytes(body.length), ...body]);
}

function stringBytes(text: string): number[] {
  const bytes = utf8.encode(text);
  if (bytes.length > 0xffff) throw new RangeError(`MQTT string too long (${bytes.length} bytes): ${text.slice(0, 40)}…`);
  return [bytes.length >> 8, bytes.length & 0xff, ...bytes];
}

export function encodeConnect(options: MqttConnectOptions): Uint8Array {
  const keepalive = options.keepaliveSeconds ?? 60;
  let flags = options.clean ? 0x02 : 0;
  if (options.username !== undefined) flags |= 0x80;
  if (options.password !== undefined) flags |= 0x40;
  const body = [...stringBytes('MQTT'), 4, flags, keepalive >> 8, keepalive & 0xff, ...stringBytes(options.clientId)];
  if (options.username !== undefined) body.push(...stringBytes(options.username));
  if (options.password !== undefined) body.push(...stringBytes(options.password));
  return packet(PACKET.CONNECT << 4, body);
}

export function encodeSubscribe(packetId: number, topics: readonly string[], qos: 0 | 1 | 2): Uint8Array {
  const body = [packetId >> 8, packetId & 0xff];
  for (const topic of topics) body.push(...stringBytes(topic), qos);
  return packet((PACKET.SUBSCRIBE << 4) | 0x02, body);
}

export const encodePingreq = (): Uint8Array => Uint8Array.of(PACKET.PINGREQ << 4, 0);
export const encodeDisconnect = (): Uint8Array => Uint8Array.of(PACKET.DISCONNECT << 4, 0);

// --- Decoding --------------------------------------------------------------------------------------

/** Decodes a topic: plain ASCII without TextDecoder (the common case), UTF-8 otherwise; null when not UTF-8. */
function decodeTopic(bytes: Uint8Array, from: number, to: number): string | null {
  let ascii = true;
  for (let i = from; i < to; i++)
    if (bytes[i] >= 0x80 || bytes[i] === 0) {
      ascii = false;
      break;
    }
  if (ascii) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  try {
    const text = strictUtf8.decode(bytes.subarray(from, to));
    // U+0000 is forbidden in MQTT strings (§1.5.3).
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

/** What the reader hands over: each packet, read in place. */
export interface PacketHandlers {
  onPublish(message: MqttMessage, packetId: number): void;
  /** Any other packet: its type, flags and body (a view, valid during the call). */
  onPacket(type: number, flags: number, body: Uint8Array): void;
  /** A packet skipped because its content is malformed; the stream goes on. */
  onMalformed(reason: string): void;
}

/**
 * Splits a byte stream into MQTT packets. Packets may be split across WebSocket messages or
 * several may share one (MQTT 3.1.1 §6); a partial packet is kept until the rest comes.
 */
export class MqttReader {
  private pending: Uint8Array | null = null;
  /** Packets read so far (counted for error messages). */
  packets = 0;

  constructor(private readonly handlers: PacketHandlers) {}

  /**
   * Reads what `chunk` completes. Throws (with the reason) only when the stream cannot be framed
   * any more: the connection must then be closed.
   */
  push(chunk: Uint8Array): void {
    let bytes = chunk;
    if (this.pending) {
      const joined = new Uint8Array(this.pending.length + chunk.length);
      joined.set(this.pending);
      joined.set(chunk, this.pending.length);
      bytes = joined;
      this.pending = null;
    }
    let at = 0;
    const end = bytes.length;
    while (at < end) {
      // Fixed header: type and flags, then the remaining length (1 to 4 bytes, 7 bits each).
      if (at + 2 > end) break;
      let length = 0;
      let multiplier = 1;
      let cursor = at + 1;
      let complete = false;
      for (let i = 0; i < 4 && cursor < end; i++) {
        const byte = bytes[cursor++];
        length += (byte & 0x7f) * multiplier;
        multiplier *= 128;
        if ((byte & 0x80) === 0) {
          complete = true;
          break;
        }
        if (i === 3) throw new Error(`MQTT stream broken after packet ${this.packets}: remaining length longer than 4 bytes`);
      }
      if (!complete) break;
      if (length > MAX_PACKET_BYTES) throw new Error(`MQTT stream broken after packet ${this.packets}: a ${PACKET_NAMES[bytes[at] >> 4]} packet of ${length} bytes, over ${MAX_PACKET_BYTES}`);
      if (cursor + length > end) break;
      this.packets++;
      this.read(bytes[at], bytes, cursor, cursor + length);
      at = cursor + length;
    }
    if (at < end) this.pending = bytes.slice(at);
  }

  /** Bytes of a partial packet waiting for the rest. */
  get waiting(): number {
    return this.pending?.length ?? 0;
  }

  reset(): void {
    this.pending = null;
    this.packets = 0;
  }

  private read(first: number, bytes: Uint8Array, from: number, to: number): void {
    const type = first >> 4;
    const flags = first & 0x0f;
    // Named only for an error: no string a message on the way that goes well.
    const packets = this.packets;
    const what = () => `${PACKET_NAMES[type]} packet ${packets} (${to - from} bytes)`;
    if (type !== PACKET.PUBLISH) {
      if (type === 0 || type === 15) {
        this.handlers.onMalformed(`${what()}: unknown packet type`);
        return;
      }
      this.handlers.onPacket(type, flags, bytes.subarray(from, to));
      return;
    }
    const qos = (flags >> 1) & 0x03;
    if (qos === 3) {
      this.handlers.onMalformed(`${what()}: QoS 3 does not exist`);
      return;
    }
    if (to - from < 2) {
      this.handlers.onMalformed(`${what()}: no topic`);
      return;
    }
    const topicLength = (bytes[from] << 8) | bytes[from + 1];
    const topicEnd = from + 2 + topicLength;
    const idEnd = topicEnd + (qos > 0 ? 2 : 0);
    if (idEnd > to) {
      this.handlers.onMalformed(`${what()}: topic of ${topicLength} bytes${qos > 0 ? ' and packet id' : ''} beyond the packet's end`);
      return;
    }
    const topic = decodeTopic(bytes, from + 2, topicEnd);
    const packetId = qos > 0 ? (bytes[topicEnd] << 8) | bytes[topicEnd + 1] : 0;
    if (topic === null || topic === '') {
      this.handlers.onMalformed(`${what()}${packetId ? ` id ${packetId}` : ''}: topic is ${topic === '' ? 'empty' : 'not valid UTF-8'}`);
      return;
    }
    if (qos > 0 && packetId === 0) {
      this.handlers.onMalformed(`${what()} on ${topic}: packet id 0`);
      return;
    }
    this.handlers.onPublish({ topic, payload: bytes.subarray(idEnd, to), qos: qos as 0 | 1 | 2, dup: (flags & 0x08) !== 0, retain: (flags & 0x01) !== 0 }, packetId);
  }
}

// --- One connection ---------------------------------------------------------------------------------

export interface MqttClientHandlers {
  /** CONNACK accepted; `sessionPresent`: the broker kept our session (§3.2.2.2). */
  onConnect(sessionPresent: boolean): void;
  /** SUBACK: the QoS granted per topic, 0x80 for a refused topic. */
  onSubscribed(granted: number[]): void;
  /** Each message; its acknowledgement goes after the call (with the others of the same WebSocket message). */
  onMessage(message: MqttMessage): void;
  /** A packet skipped as malformed (the connection goes on). */
  onMalformed(reason: string): void;
  /** The connection ended (refused, lost, timed out or closed); `reason` says why, '' when closed by us. */
  onClose(reason: string): void;
}

export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error' | 'message', listener: (event: { data?: unknown; code?: number; reason?: string }) => void): void;
}

export type WebSocketFactory = (url: string, protocols: string[]) => WebSocketLike;

const OPEN = 1;

/**
 * One MQTT connection over a WebSocket: connects, subscribes once CONNACK comes (when asked),
 * acknowledges, pings, and reports its end once.
 */
export class MqttClient {
  private readonly socket: WebSocketLike;
  private readonly reader: MqttReader;
  private acks: number[] = [];
  private ackTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private connected = false;
  private lastReceivedAt = Date.now();
  private pingTimer: ReturnType<typeof setInterval> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private subscribeId = 0;
  /** PUBLISH QoS 2 ids received and not released yet (delivered once, on PUBLISH). */
  private readonly qos2 = new Set<number>();

  constructor(
    url: string,
    private readonly options: MqttConnectOptions & { connectTimeoutMs?: number },
    private readonly handlers: MqttClientHandlers,
    createSocket: WebSocketFactory = (target, protocols) => new WebSocket(target, protocols) as unknown as WebSocketLike,
  ) {
    this.reader = new MqttReader({
      onPublish: (message, packetId) => this.onPublish(message, packetId),
      onPacket: (type, flags, body) => this.onPacket(type, flags, body),
      onMalformed: (reason) => this.handlers.onMalformed(reason),
    });
    this.socket = createSocket(url, ['mqtt']);
    this.socket.binaryType = 'arraybuffer';
    this.connectTimer = setTimeout(() => this.end(`no CONNACK within ${(options.connectTimeoutMs ?? 10_000) / 1000} s`), options.connectTimeoutMs ?? 10_000);
    this.socket.addEventListener('open', () => this.send(encodeConnect(options)));
    this.socket.addEventListener('message', (event) => this.onData(event.data));
    this.socket.addEventListener('error', () => this.end('WebSocket error'));
    this.socket.addEventListener('close', (event) => this.end(`connection closed${event.code ? ` (${event.code}${event.reason ? ` ${event.reason}` : ''})` : ''}`));
  }

  get isConnected(): boolean {
    return this.connected && !this.closed;
  }

  subscribe(topics: readonly string[], qos: 0 | 1 | 2): void {
    this.subscribeId = (this.subscribeId % 0xffff) + 1;
    this.send(encodeSubscribe(this.subscribeId, topics, qos));
  }

  /** Closes with a DISCONNECT (the broker keeps a persistent session). */
  close(): void {
    if (this.closed) return;
    this.flushAcks();
    if (this.socket.readyState === OPEN) this.send(encodeDisconnect());
    this.end('');
  }

  private send(bytes: Uint8Array): void {
    if (this.socket.readyState === OPEN) this.socket.send(bytes);
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.connected = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (this.connectTimer) clearTimeout(this.connectTimer);
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.pingTimer = null;
    this.connectTimer = null;
    this.ackTimer = null;
    this.acks = [];
    try {
      this.socket.close();
    } catch {
      // Already closing.
    }
    this.handlers.onClose(reason);
  }

  private onData(data: unknown): void {
    if (this.closed) return;
    this.lastReceivedAt = Date.now();
    let bytes: Uint8Array;
    if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
    else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    else if (Array.isArray(data) && data.every((part) => part instanceof Uint8Array)) {
      // Node's `ws` with fragmented messages: a list of buffers.
      const parts = data as Uint8Array[];
      bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
      let at = 0;
      for (const part of parts) {
        bytes.set(part, at);
        at += part.length;
      }
    } else {
      this.end('the broker sent a text WebSocket message (MQTT is binary)');
      return;
    }
    try {
      this.reader.push(bytes);
    } catch (error) {
      this.flushAcks();
      this.end(error instanceof Error ? error.message : String(error));
      return;
    }
    // The acknowledgements go together: at once when ACK_BATCH are waiting, else within ACK_DELAY_MS.
    // The timer is not cleared and set again at each batch (a thousand times a second in a burst):
    // once set it fires, sends what waits by then, if anything, and is set again only when needed.
    if (this.acks.length >= ACK_BATCH * 2) this.sendAcks();
    else if (this.acks.length > 0 && !this.ackTimer) this.ackTimer = setTimeout(this.onAckTimer, ACK_DELAY_MS);
  }

  private readonly onAckTimer = () => {
    this.ackTimer = null;
    this.sendAcks();
  };

  /** The acknowledgements waiting, as one WebSocket message, and no timer left. */
  private flushAcks(): void {
    if (this.ackTimer) clearTimeout(this.ackTimer);
    this.ackTimer = null;
    this.sendAcks();
  }

  /** The acknowledgements waiting, as one WebSocket message. */
  private sendAcks(): void {
    const count = this.acks.length / 2;
    if (count === 0) return;
    const frame = new Uint8Array(count * 4);
    for (let i = 0; i < count; i++) {
      frame[i * 4] = this.acks[i * 2];
      frame[i * 4 + 1] = 2;
      frame[i * 4 + 2] = this.acks[i * 2 + 1] >> 8;
      frame[i * 4 + 3] = this.acks[i * 2 + 1] & 0xff;
    }
    this.acks = [];
    this.send(frame);
  }

  private onPublish(message: MqttMessage, packetId: number): void {
    if (message.qos === 2) {
      // Exactly once: delivered on the first PUBLISH, acknowledged with PUBREC until PUBREL.
      const fresh = !this.qos2.has(packetId);
      this.qos2.add(packetId);
      if (fresh) this.handlers.onMessage(message);
      this.acks.push(PACKET.PUBREC << 4, packetId);
      return;
    }
    this.handlers.onMessage(message);
    if (message.qos === 1) this.acks.push(PACKET.PUBACK << 4, packetId);
  }

  private onPacket(type: number, _flags: number, body: Uint8Array): void {
    switch (type) {
      case PACKET.CONNACK: {
        if (body.length < 2) return this.handlers.onMalformed(`CONNACK of ${body.length} bytes`);
        const code = body[1];
        if (code !== 0) return this.end(`the broker refused the connection: ${CONNACK_REASONS[code] ?? `code ${code}`}`);
        if (this.connectTimer) clearTimeout(this.connectTimer);
        this.connectTimer = null;
        this.connected = true;
        const keepalive = (this.options.keepaliveSeconds ?? 60) * 1000;
        if (keepalive > 0)
          this.pingTimer = setInterval(() => {
            // A keepalive and a half without a byte (not even PINGRESP): the link is dead (§3.1.2.10).
            if (Date.now() - this.lastReceivedAt > keepalive * 1.5) this.end(`no answer from the broker for ${Math.round((Date.now() - this.lastReceivedAt) / 1000)} s`);
            else this.send(encodePingreq());
          }, keepalive / 2);
        this.handlers.onConnect((body[0] & 0x01) === 1);
        return;
      }
      case PACKET.SUBACK:
        this.handlers.onSubscribed(Array.from(body.subarray(2)));
        return;
      case PACKET.PUBREL: {
        if (body.length < 2) return this.handlers.onMalformed(`PUBREL of ${body.length} bytes`);
        const packetId = (body[0] << 8) | body[1];
        this.qos2.delete(packetId);
        this.acks.push(PACKET.PUBCOMP << 4, packetId);
        return;
      }
      case PACKET.PINGRESP:
      case PACKET.UNSUBACK:
      case PACKET.PUBACK:
      case PACKET.PUBREC:
      case PACKET.PUBCOMP:
        return;
      default:
        this.handlers.onMalformed(`${PACKET_NAMES[type]} packet: not expected from a broker`);
    }
  }
}
