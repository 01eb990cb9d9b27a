import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACK_BATCH, ACK_DELAY_MS, encodeConnect, encodeSubscribe, MqttClient, MqttReader, type MqttMessage, type WebSocketLike } from './mqttClient';

const hex = (text: string) => Uint8Array.from(text.match(/../g)!.map((byte) => parseInt(byte, 16)));
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/**
 * Bytes sent by Mosquitto 2.0 over WebSocket to a subscriber (captured with tests/browser/broker.ts):
 * CONNACK, SUBACK granting QoS 1 twice, a ChirpStack uplink with QoS 1 (packet id 1), a plain
 * payload with QoS 0, and QoS 1 on a topic with a non-ASCII character (packet id 2).
 */
const CONNACK = hex('20020000');
const SUBACK = hex('900400010101');
const CHIRPSTACK_QOS1 = hex(
  '329e0100316170706c69636174696f6e2f626163732f6465766963652f373062336435653735653030303030312f6576656e742f757000017b22646576696365496e666f223a7b22646576457569223a2237306233643565373565303030303031227d2c2266436e74223a372c2274696d65223a22323032362d31312d32345430363a30303a30305a222c226f626a656374223a7b226c6576656c223a34327d7d',
);
const PLAIN_QOS0 = hex('303f000b76696769652f706c61696e7b2273656e736f724964223a225331222c2274696d65223a313736343030303030303030302c2276616c7565223a332e357d');
const UTF8_TOPIC_QOS1 = hex('320d000876696769652fc3a9000278');
/** The same QoS 1 PUBLISH with packet id `id` (bytes 12–13). */
function qos1Publish(id: number): Uint8Array {
  const bytes = UTF8_TOPIC_QOS1.slice();
  bytes[12] = id >> 8;
  bytes[13] = id & 0xff;
  return bytes;
}
/** A PUBLISH QoS 1 whose topic length (0x0100) runs past its 11 bytes. */
const TOPIC_TOO_LONG = hex('320b0100766967692f61000378');
/** A PUBLISH QoS 0 whose topic is not UTF-8 (0xff). */
const TOPIC_NOT_UTF8 = hex('3006000376ff6978');

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function reader() {
  const messages: Array<{ topic: string; payload: string; qos: number; dup: boolean; packetId: number }> = [];
  const packets: Array<{ type: number; body: number[] }> = [];
  const malformed: string[] = [];
  const read = new MqttReader({
    onPublish: (message: MqttMessage, packetId: number) => messages.push({ topic: message.topic, payload: text(message.payload), qos: message.qos, dup: message.dup, packetId }),
    onPacket: (type, _flags, body) => packets.push({ type, body: Array.from(body) }),
    onMalformed: (reason) => malformed.push(reason),
  });
  return { read, messages, packets, malformed };
}

const STREAM = concat(CONNACK, SUBACK, CHIRPSTACK_QOS1, PLAIN_QOS0, UTF8_TOPIC_QOS1);
const EXPECTED = [
  { topic: 'application/bacs/device/70b3d5e75e000001/event/up', payload: '{"deviceInfo":{"devEui":"70b3d5e75e000001"},"fCnt":7,"time":"2026-11-24T06:00:00Z","object":{"level":42}}', qos: 1, dup: false, packetId: 1 },
  { topic: 'vigie/plain', payload: '{"sensorId":"S1","time":1764000000000,"value":3.5}', qos: 0, dup: false, packetId: 0 },
  { topic: 'vigie/é', payload: 'x', qos: 1, dup: false, packetId: 2 },
];

describe('MqttReader on Mosquitto bytes', () => {
  it('reads packets coalesced in one WebSocket message', () => {
    const { read, messages, packets, malformed } = reader();
    read.push(STREAM);
    expect(messages).toEqual(EXPECTED);
    expect(packets).toEqual([
      { type: 2, body: [0, 0] },
      { type: 9, body: [0, 1, 1, 1] },
    ]);
    expect(malformed).toEqual([]);
    expect(read.waiting).toBe(0);
  });

  it('reads packets split at every byte, and at every cut in two', () => {
    const bytewise = reader();
    for (let i = 0; i < STREAM.length; i++) bytewise.read.push(STREAM.subarray(i, i + 1));
    expect(bytewise.messages).toEqual(EXPECTED);
    for (let cut = 1; cut < STREAM.length; cut++) {
      const split = reader();
      split.read.push(STREAM.subarray(0, cut));
      split.read.push(STREAM.subarray(cut));
      expect(split.messages).toEqual(EXPECTED);
      expect(split.packets.length).toBe(2);
    }
  });

  it('reads a remaining length of two bytes (a payload over 127 bytes)', () => {
    // CHIRPSTACK_QOS1's remaining length is 9e 01 = 158.
    const { read, messages } = reader();
    read.push(CHIRPSTACK_QOS1.subarray(0, 2));
    expect(messages).toEqual([]);
    read.push(CHIRPSTACK_QOS1.subarray(2));
    expect(messages).toEqual([EXPECTED[0]]);
  });

  it('skips a malformed PUBLISH with a reason naming it, and keeps the messages around it', () => {
    const { read, messages, malformed } = reader();
    read.push(concat(CHIRPSTACK_QOS1, TOPIC_TOO_LONG, PLAIN_QOS0, TOPIC_NOT_UTF8, UTF8_TOPIC_QOS1));
    expect(messages).toEqual(EXPECTED);
    expect(malformed).toEqual(['PUBLISH packet 2 (11 bytes): topic of 256 bytes and packet id beyond the packet\'s end', 'PUBLISH packet 4 (6 bytes): topic is not valid UTF-8']);
  });

  it('refuses a stream whose remaining length runs over 4 bytes', () => {
    const { read, messages } = reader();
    expect(() => read.push(concat(PLAIN_QOS0, hex('30ffffffff01')))).toThrow(/MQTT stream broken after packet 1: remaining length longer than 4 bytes/);
    expect(messages).toEqual([EXPECTED[1]]);
  });
});

describe('MQTT packets written', () => {
  it('CONNECT for a persistent session, as MQTT 3.1.1 §3.1', () => {
    expect(Array.from(encodeConnect({ clientId: 'vigie-capture', clean: false, keepaliveSeconds: 60 }))).toEqual(Array.from(concat(hex('101900044d5154540400003c000d'), new TextEncoder().encode('vigie-capture'))));
    // User name and password flags, clean session.
    expect(encodeConnect({ clientId: 'a', clean: true, username: 'u', password: 'p' })[9]).toBe(0xc2);
  });

  it('SUBSCRIBE with its reserved flags and a QoS per topic', () => {
    expect(Array.from(encodeSubscribe(1, ['vigie/#'], 1))).toEqual(Array.from(hex('820c0001000776696769652f2301')));
  });
});

/** A WebSocket stand-in: records what is sent, and lets the test deliver messages. */
class FakeSocket implements WebSocketLike {
  binaryType = 'blob';
  readyState = 0;
  sent: number[][] = [];
  closed = false;
  private readonly listeners = new Map<string, Array<(event: { data?: unknown; code?: number }) => void>>();
  addEventListener(type: string, listener: (event: { data?: unknown; code?: number }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  emit(type: string, event: { data?: unknown; code?: number } = {}) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
  open() {
    this.readyState = 1;
    this.emit('open');
  }
  receive(bytes: Uint8Array) {
    this.emit('message', { data: bytes.slice().buffer });
  }
  send(data: Uint8Array) {
    this.sent.push(Array.from(data));
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
}

describe('MqttClient', () => {
  afterEach(() => vi.useRealTimers());

  function client(keepaliveSeconds = 60) {
    const socket = new FakeSocket();
    const events: string[] = [];
    const received: string[] = [];
    const instance = new MqttClient(
      'ws://broker',
      { clientId: 'vigie-test', clean: false, keepaliveSeconds },
      {
        onConnect: (present) => events.push(`connect ${present}`),
        onSubscribed: (granted) => events.push(`suback ${granted.join(',')}`),
        onMessage: (message) => received.push(message.topic),
        onMalformed: (reason) => events.push(`malformed ${reason}`),
        onClose: (reason) => events.push(`close ${reason}`),
      },
      () => socket,
    );
    return { socket, events, received, instance };
  }

  /** A client whose link is open and accepted by the broker, with nothing sent recorded yet. */
  function connected(keepaliveSeconds = 60) {
    const made = client(keepaliveSeconds);
    made.socket.open();
    made.socket.receive(CONNACK);
    made.socket.sent = [];
    return made;
  }

  it('connects, and acknowledges the QoS 1 messages that came within ACK_DELAY_MS with one send', () => {
    vi.useFakeTimers();
    const { socket, events, received, instance } = client();
    socket.open();
    expect(socket.sent[0].slice(0, 2)).toEqual([0x10, 0x16]);
    socket.receive(hex('20020100'));
    expect(events).toEqual(['connect true']);
    expect(instance.isConnected).toBe(true);
    socket.sent = [];
    socket.receive(concat(CHIRPSTACK_QOS1, TOPIC_TOO_LONG, PLAIN_QOS0));
    socket.receive(UTF8_TOPIC_QOS1);
    expect(received).toEqual(['application/bacs/device/70b3d5e75e000001/event/up', 'vigie/plain', 'vigie/é']);
    expect(events[1]).toMatch(/^malformed PUBLISH packet 3 \(11 bytes\)/);
    expect(socket.sent).toEqual([]);
    vi.advanceTimersByTime(ACK_DELAY_MS);
    // PUBACK 1 and PUBACK 2 together; the QoS 0 message needs none.
    expect(socket.sent).toEqual([[0x40, 2, 0, 1, 0x40, 2, 0, 2]]);
  });

  it('sends the acknowledgements at once when ACK_BATCH are waiting (a broker window is 20 by default)', () => {
    vi.useFakeTimers();
    const { socket } = connected();
    // The same QoS 1 PUBLISH with packet ids 1 … ACK_BATCH, one WebSocket message each.
    for (let id = 1; id <= ACK_BATCH; id++) socket.receive(qos1Publish(id));
    expect(socket.sent).toEqual([Array.from({ length: ACK_BATCH }, (_, i) => [0x40, 2, 0, i + 1]).flat()]);
    vi.advanceTimersByTime(ACK_DELAY_MS);
    expect(socket.sent.length).toBe(1);
  });

  it('after a full batch, the messages that follow are acknowledged within ACK_DELAY_MS of the first of them', () => {
    vi.useFakeTimers();
    const { socket } = connected();
    const publish = (id: number) => socket.receive(qos1Publish(id));
    // One message sets the timer; a full batch goes at once; the timer, still set, sends what came after.
    publish(1);
    vi.advanceTimersByTime(ACK_DELAY_MS - 2);
    for (let id = 2; id <= ACK_BATCH; id++) publish(id);
    expect(socket.sent.length).toBe(1);
    publish(ACK_BATCH + 1);
    vi.advanceTimersByTime(1);
    expect(socket.sent.length).toBe(1);
    vi.advanceTimersByTime(1);
    expect(socket.sent).toEqual([Array.from({ length: ACK_BATCH }, (_, i) => [0x40, 2, 0, i + 1]).flat(), [0x40, 2, 0, ACK_BATCH + 1]]);
    // Nothing waits: the timer fires no more; the next message sets it again.
    vi.advanceTimersByTime(ACK_DELAY_MS * 3);
    expect(socket.sent.length).toBe(2);
    publish(ACK_BATCH + 2);
    vi.advanceTimersByTime(ACK_DELAY_MS);
    expect(socket.sent.at(-1)).toEqual([0x40, 2, 0, ACK_BATCH + 2]);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
  });

  it('acknowledges a packet split over two WebSocket messages once it is whole', () => {
    vi.useFakeTimers();
    const { socket, received } = connected();
    socket.receive(CHIRPSTACK_QOS1.subarray(0, 50));
    expect(socket.sent).toEqual([]);
    socket.receive(CHIRPSTACK_QOS1.subarray(50));
    expect(received.length).toBe(1);
    vi.advanceTimersByTime(ACK_DELAY_MS);
    expect(socket.sent).toEqual([[0x40, 2, 0, 1]]);
  });

  it('says why a CONNACK refuses, and closes', () => {
    const { socket, events } = client();
    socket.open();
    socket.receive(hex('20020005'));
    expect(events).toEqual(['close the broker refused the connection: not authorized']);
    expect(socket.closed).toBe(true);
  });

  it('pings every half keepalive and gives the link up after a keepalive and a half of silence', () => {
    vi.useFakeTimers();
    const { socket, events } = connected(10);
    vi.advanceTimersByTime(5000);
    expect(socket.sent).toEqual([[0xc0, 0]]);
    vi.advanceTimersByTime(10_000);
    expect(events.at(-1)).toBe('connect false');
    vi.advanceTimersByTime(5000);
    expect(events.at(-1)).toBe('close no answer from the broker for 20 s');
  });

  it('closes the stream it cannot frame, after acknowledging what it read', () => {
    const { socket, events } = connected();
    socket.receive(concat(CHIRPSTACK_QOS1, hex('30ffffffff01')));
    expect(socket.sent).toEqual([[0x40, 2, 0, 1]]);
    expect(events.at(-1)).toMatch(/^close MQTT stream broken after packet 2/);
  });
});

describe('MqttSource with a URL the WebSocket refuses', () => {
  it('says so in an error state naming the URL, without throwing', async () => {
    const { MqttSource } = await import('./mqttSource');
    const states: string[] = [];
    const source = new MqttSource(
      { id: 'bad', label: '', url: 'ws://exa mple', topics: ['t'], parse: () => ({ ok: false, reason: '' }), clientId: 'c' },
      { onObservations: () => undefined, onState: (state, detail) => states.push(`${state}${detail ? ` ${detail}` : ''}`) },
    );
    source.start();
    expect(states[0]).toBe('connecting');
    expect(states[1]).toMatch(/^error ws:\/\/exa mple: /);
    await source.stop();
  });
});
