/// <reference lib="webworker" />
/**
 * The live-ingest worker (see api.ts): one MQTT source, its codecs, and batches to the page.
 */
import { transfer } from 'comlink';
import { ColumnBuilder, columnBuffers } from '../../src/io/live/columns';
import { CodecPool } from '../../src/io/live/codecs';
import { MqttSource, payloadParser } from '../../src/io/live/mqttSource';
import { exposeMessages } from '../messages';
import type { LiveEvent, LiveMessages, LiveSnapshot } from './api';

/** About a frame: the page stores one batch a frame at most, whatever the rate. */
const FLUSH_MS = 16;
const FLUSH_COUNT = 2000;

let source: MqttSource | null = null;
let pool: CodecPool | null = null;
const pending = new ColumnBuilder();
let timer: ReturnType<typeof setTimeout> | null = null;
let emit: (event: LiveEvent) => void = () => undefined;

const snapshot = (): LiveSnapshot =>
  source
    ? { state: source.state, since: source.since, stats: { ...source.stats }, catchingUp: source.catchingUp, lastMessageAt: source.lastMessageAt }
    : { state: 'stopped', since: Date.now(), stats: { received: 0, rejected: 0 }, catchingUp: 0, lastMessageAt: 0 };

function flush(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  if (pending.length === 0) return;
  const columns = pending.take();
  // The typed arrays are moved to the page, not copied.
  emit(transfer({ type: 'batch', columns, snapshot: snapshot() }, columnBuffers(columns)));
}

exposeMessages<LiveMessages>({
  start(options, onEvent) {
    if (source) return;
    emit = onEvent;
    const codecs: Record<string, string> = {};
    for (const [type, entry] of Object.entries(options.deviceTypes)) if (entry.codec) codecs[type] = entry.codec;
    const codecPool = new CodecPool(codecs, { timeoutMs: options.codecTimeoutMs, hostUrl: options.codecHostUrl });
    pool = codecPool;
    source = new MqttSource(
      {
        id: options.id,
        label: options.label,
        url: options.url,
        topics: options.topics,
        parse: payloadParser(options.format, options.devices, options.deviceTypes),
        decode: (uplink) => codecPool.decode(uplink),
        clientId: options.clientId,
        staleAfterMs: options.staleAfterMs,
        username: options.username,
        password: options.password,
      },
      {
        onObservations: (batch) => {
          for (const observation of batch) pending.add(observation);
          if (pending.length >= FLUSH_COUNT) flush();
          else if (!timer) timer = setTimeout(flush, FLUSH_MS);
        },
        onState: (_state, detail) => {
          // Observations received before the change go first.
          flush();
          emit({ type: 'state', detail, snapshot: snapshot() });
        },
        onRejected: (reason) => emit({ type: 'rejected', reason, snapshot: snapshot() }),
      },
    );
    source.start();
  },
  async stop() {
    flush();
    pool?.terminate();
    pool = null;
    await source?.stop();
    source = null;
  },
});
