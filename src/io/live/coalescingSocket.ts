/**
 * A browser WebSocket for mqtt.js that sends what is written within a few milliseconds as one
 * WebSocket message.
 *
 * mqtt.js writes each MQTT packet with its own `send`, so a QoS 1 subscriber sends one PUBACK
 * frame for every message it receives. In Chromium each `send` is a message from the worker to the
 * network service and a frame on the wire: measured with `npm run bench:series` (200,000 uplinks),
 * the browser's and the network service's threads spent about 100 µs of CPU per message, as much
 * as the worker's whole MQTT and JSON work. MQTT over WebSocket allows several packets in one
 * WebSocket message (MQTT 3.1.1 §6: "a single WebSocket data frame can contain multiple or partial
 * MQTT Control Packets"; Mosquitto reads them so), so the acknowledgements of a burst go out
 * together: one message every `flushMs` at most (5 ms: at 10,000 messages a second, 50 PUBACKs a
 * message, far inside the broker's window of 1,000 unacknowledged messages).
 *
 * Only for the browser (mqtt.js's browser stream builder reads `readyState`, `bufferedAmount`,
 * `binaryType`, `addEventListener`, `send` and `close`); Node goes through the `ws` package.
 */

export const COALESCE_MS = 5;

export interface CoalescingSocketStats {
  /** `send` calls made by mqtt.js. */
  writes: number;
  /** WebSocket messages actually sent. */
  messages: number;
}

export const coalescingStats: CoalescingSocketStats = { writes: 0, messages: 0 };

function bytesOf(data: unknown): Uint8Array | null {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return null;
}

/** `createWebsocket` for mqtt.js's options: a WebSocket whose binary sends are coalesced. */
export function createCoalescingWebSocket(url: string, protocols: string[], flushMs = COALESCE_MS): WebSocket {
  const socket = new WebSocket(url, protocols);
  socket.binaryType = 'arraybuffer';
  const send = socket.send.bind(socket);
  const close = socket.close.bind(socket);
  let chunks: Uint8Array[] = [];
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (chunks.length === 0) return;
    const parts = chunks;
    chunks = [];
    const length = queued;
    queued = 0;
    if (socket.readyState !== WebSocket.OPEN) return;
    let frame: Uint8Array;
    if (parts.length === 1) frame = parts[0];
    else {
      frame = new Uint8Array(length);
      let at = 0;
      for (const part of parts) {
        frame.set(part, at);
        at += part.length;
      }
    }
    coalescingStats.messages++;
    send(frame);
  };
  Object.defineProperty(socket, 'send', {
    value(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
      coalescingStats.writes++;
      const bytes = bytesOf(data);
      if (!bytes) {
        // Text or a Blob (mqtt.js sends neither): in order, after what is waiting.
        flush();
        coalescingStats.messages++;
        send(data);
        return;
      }
      // mqtt.js may reuse its buffer: keep a copy.
      chunks.push(bytes.slice());
      queued += bytes.length;
      if (!timer) timer = setTimeout(flush, flushMs);
    },
  });
  Object.defineProperty(socket, 'close', {
    value(code?: number, reason?: string) {
      flush();
      close(code, reason);
    },
  });
  return socket;
}
