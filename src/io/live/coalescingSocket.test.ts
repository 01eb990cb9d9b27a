import { afterEach, describe, expect, it, vi } from 'vitest';
import { coalescingStats, createCoalescingWebSocket } from './coalescingSocket';

/** A stand-in for the browser's WebSocket that records what it sends. */
class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 1;
  binaryType = 'blob';
  sent: unknown[] = [];
  closed = false;
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    FakeSocket.last = this;
  }
  send(data: unknown) {
    this.sent.push(data instanceof Uint8Array ? Array.from(data) : data);
  }
  close() {
    this.closed = true;
  }
}

describe('coalescing WebSocket (MQTT packets of a few ms in one message)', () => {
  const original = globalThis.WebSocket;
  afterEach(() => {
    globalThis.WebSocket = original;
    vi.useRealTimers();
  });

  it('sends what was written within the delay as one message, in order, from copies', () => {
    vi.useFakeTimers();
    globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket;
    const socket = createCoalescingWebSocket('ws://broker', ['mqtt'], 5);
    const fake = FakeSocket.last!;
    expect(fake.binaryType).toBe('arraybuffer');
    const before = coalescingStats.messages;
    const reused = new Uint8Array([0x40, 2, 0, 1]);
    socket.send(reused);
    reused.set([0x40, 2, 0, 2]);
    socket.send(reused);
    socket.send(new Uint8Array([0x40, 2, 0, 3]).buffer);
    expect(fake.sent).toEqual([]);
    vi.advanceTimersByTime(5);
    expect(fake.sent).toEqual([[0x40, 2, 0, 1, 0x40, 2, 0, 2, 0x40, 2, 0, 3]]);
    expect(coalescingStats.messages - before).toBe(1);
  });

  it('close sends what waits first; text goes after what waits; nothing is sent on a closed socket', () => {
    vi.useFakeTimers();
    globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket;
    const socket = createCoalescingWebSocket('ws://broker', ['mqtt'], 5);
    const fake = FakeSocket.last!;
    socket.send(new Uint8Array([1]));
    socket.send('text');
    expect(fake.sent).toEqual([[1], 'text']);
    socket.send(new Uint8Array([2]));
    socket.close();
    expect(fake.sent).toEqual([[1], 'text', [2]]);
    expect(fake.closed).toBe(true);
    fake.readyState = 3;
    socket.send(new Uint8Array([3]));
    vi.advanceTimersByTime(10);
    expect(fake.sent).toEqual([[1], 'text', [2]]);
  });
});
