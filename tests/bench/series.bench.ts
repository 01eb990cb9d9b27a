/**
 * `npm run bench:series`: the sensor data path, as JSON lines.
 * - history: time to generate the demo's year, observations, bytes of the store's columns, and the
 *   heap and array-buffer memory they take in this process;
 * - lookup: the cost of one time change (every sensor's value at a new time, as the map restyle
 *   reads it) over 1,000 random times;
 * - ingest: a burst of ChirpStack v4 uplinks (1,000 devices, 10,000 messages a second for 60 s by
 *   default) published with QoS 1 to a real Mosquitto (persistence on) and received by the PAGE —
 *   the production build in Chromium, its MQTT source on a persistent session, its series store
 *   and the map's sensor tints — with the broker stopped in the middle and started again. Prints
 *   sent, received, stored, duplicates dropped, stored twice, lost, the rate, the restyle time per
 *   frame (p99) and the end-to-end latency from publication to the store (p50, p99), outside the
 *   restart (from the stop until the page has caught up) and overall.
 *
 * Options: --seconds N (burst length, 60), --rate N (messages a second, 10000), --devices N (1000),
 * --publishers N (publisher threads, each with its own MQTT client, 4),
 * --signal SIGTERM|SIGKILL (how the broker is stopped: SIGTERM lets Mosquitto save its queues,
 * SIGKILL is a crash), --autosave N (Mosquitto's autosave interval, s, 60), --no-restart, --skip-history,
 * --shown burst|scene (the time bar at the burst's last reading, so that the burst is on the map, or
 * left at the scene's time, before it). Missing data is generated (the demo) or built
 * (dist/); a figure that cannot be measured fails the run with a message instead of printing zero.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { loadTerritoryFromFile } from '../../src/io/loadTerritoryNode';
import { generateHistory } from '../../src/domain/series/history';
import { SeriesStore } from '../../src/domain/series/store';
import { Broker } from '../browser/broker';
import { startServer } from '../browser/harness';
import { BarePage } from './barePage';
import { diffThreads, mergeSnapshots, snapshotThreads, type Snapshot, type ThreadCpu } from './threadCpu';
import { writeLiveTerritory } from '../live/fixtures';

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;
const megabytes = (bytes: number) => round(bytes / 1048576);
const option = (name: string, fallback: number) => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const flag = (name: string) => process.argv.includes(`--${name}`);
const signalIndex = process.argv.indexOf('--signal');
const SIGNAL = (signalIndex >= 0 ? process.argv[signalIndex + 1] : 'SIGTERM') as 'SIGTERM' | 'SIGKILL';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function fail(message: string): never {
  console.error(`bench:series: ${message}`);
  process.exit(1);
}

/**
 * Where the cores went during the burst, for stderr: the CPU seconds used by the run's threads and
 * by the whole machine, and the ten busiest threads (with their nice value when it is not 0), in
 * tenths of a second; a sentence instead when Chromium was not found or nothing was counted.
 */
function describeBurstCpu(cpu: ThreadCpu): string {
  if (cpu.chromiumThreads === 0) return 'CPU during the burst: no Chromium thread found under this process in /proc, so no account of where the cores went';
  if (cpu.cpuSeconds === 0) return 'CPU during the burst: /proc showed no CPU time used by the run between its start and end';
  const tenths = (seconds: number) => seconds.toFixed(1);
  const shown = cpu.rows.slice(0, 10).filter((row) => row.cpuSeconds >= 0.05);
  const rest = cpu.cpuSeconds - shown.reduce((sum, row) => sum + row.cpuSeconds, 0);
  const rows = shown.map((row) => `${row.process} ${row.thread}${row.nice === 0 ? '' : ` (nice ${row.nice})`} ${tenths(row.cpuSeconds)} s`);
  if (rest >= 0.05) rows.push(`other threads ${tenths(rest)} s`);
  const machine = cpu.machineBusySeconds === null ? '' : ` (the whole machine ${tenths(cpu.machineBusySeconds)}, of which ${tenths(Math.max(0, cpu.machineBusySeconds - cpu.cpuSeconds))} outside the run: other processes, interrupts)`;
  return `CPU during the burst (${tenths(cpu.wallSeconds)} s wall, ${cpu.cores} cores = ${tenths(cpu.wallSeconds * cpu.cores)} CPU-s available): used ${tenths(cpu.cpuSeconds)} CPU-s${machine}; ${rows.join(', ')}`;
}

function run(command: string, args: string[], what: string): void {
  console.error(`bench:series: ${what}…`);
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) fail(`${what} failed (exit ${result.status}): ${command} ${args.join(' ')}`);
}

// --- The demo: generated when absent ------------------------------------------------------------

if (!existsSync('public/demo/manifest.json')) run('npx', ['tsx', 'data/generate.ts'], 'the demo territory is not generated: generating it (public/demo)');
const { territory, problems } = await loadTerritoryFromFile('public/demo/manifest.json');
if (territory.sensors.length === 0) fail(`the demo territory has no sensors (public/demo/manifest.json: ${problems.length} problems): regenerate it with \`npm run generate -- --force\``);

if (!flag('skip-history')) {
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  const histories = generateHistory(territory, 2026);
  const store = new SeriesStore();
  for (const history of histories) store.adopt(history.sensorId, history.seconds, history.values);
  const seconds = (performance.now() - started) / 1000;
  global.gc?.();
  const after = process.memoryUsage();
  if (store.sensorCount === 0 || store.totalCount === 0) fail(`the history of ${territory.sensors.length} sensors came out empty: nothing to measure`);
  console.log(
    JSON.stringify({
      bench: 'history',
      sensors: store.sensorCount,
      observations: store.totalCount,
      seconds: round(seconds, 2),
      storeMB: megabytes(store.bytes()),
      heapMB: megabytes(after.heapUsed - before.heapUsed),
      arrayBuffersMB: megabytes(after.arrayBuffers - before.arrayBuffers),
      targetMB: 100,
    }),
  );

  const values = new Float32Array(store.sensorCount);
  const ages = new Float64Array(store.sensorCount);
  const from = Date.UTC(2026, 0, 1);
  let checksum = 0;
  const lookupStart = performance.now();
  for (let i = 0; i < 1000; i++) {
    store.valuesAt(from + ((i * 7919) % 365) * 86_400_000 + ((i * 104729) % 86_400) * 1000, values, ages);
    checksum += values[i % values.length] || 0;
  }
  const perChange = (performance.now() - lookupStart) / 1000;
  if (checksum === 0) fail('every lookup returned no value: the history is not where the lookups look');
  console.log(JSON.stringify({ bench: 'lookup', sensors: store.sensorCount, timeChanges: 1000, msPerTimeChange: round(perChange, 3), target: 16, checksum: round(checksum) }));
}

/** What each publisher thread (publisher.worker.mjs) is given, and what it reports. */
interface PublisherData {
  index: number;
  count: number;
  url: string;
  rate: number;
  total: number;
  devices: number;
  sensors: number;
  t0: number;
  startAt: number;
}
interface PublisherReport {
  index: number;
  sent: number;
  acked: number;
  errors: number;
  done: boolean;
}

// --- Ingest into the page -------------------------------------------------------------------------

const SECONDS = option('seconds', 60);
const RATE = option('rate', 10_000);
const DEVICES = option('devices', 1000);
const RESTART = !flag('no-restart');
const shownIndex = process.argv.indexOf('--shown');
const SHOWN = shownIndex >= 0 ? process.argv[shownIndex + 1] : 'burst';
if (SHOWN !== 'burst' && SHOWN !== 'scene') fail(`--shown must be burst or scene, not ${SHOWN}`);
if (!(SECONDS > 0 && RATE > 0 && DEVICES > 0)) fail('--seconds, --rate and --devices must be positive');

if (!existsSync('dist/index.html') || !existsSync('dist/demo/manifest.json') || !existsSync('dist/codecs/host.js')) run('npm', ['run', 'build'], 'the production build is missing or predates the codecs: building it (dist/)');

// 1,000 devices on the demo's sensors: device d reads sensor d mod S, as the (d div S)-th device of
// that sensor; its frame f is measured at T0 + (f × K + rank) s, so no two uplinks share a sensor
// and a second (the store's resolution) and each one must be stored exactly once.
const sensorIds = territory.sensors.map((sensor) => sensor.id);
const S = sensorIds.length;
const K = Math.ceil(DEVICES / S);
const eui = (d: number) => `70b3d5e75e${d.toString(16).padStart(6, '0')}`;
const devices: Record<string, { sensorId: string; field: string }> = {};
for (let d = 0; d < DEVICES; d++) devices[eui(d)] = { sensorId: sensorIds[d % S], field: 'level' };
const T0 = Math.floor((Date.now() - 30 * 86_400_000) / 1000) * 1000;

// Autosave every 60 s (broker.ts): a SIGTERM stop still writes every session and queued message.
const broker = new Broker({ autosaveSeconds: option('autosave', 60) });
await broker.start();
const folder = join('dist', '_bench');
writeLiveTerritory(folder, [{ id: 'bench', kind: 'mqtt', label: 'ChirpStack (banc)', url: broker.url, topics: ['application/+/device/+/event/up'], format: 'chirpstack', devices }]);
const { server, origin } = await startServer();
let page: BarePage | null = null;
type Source = { state: string; received: number; rejected: number; duplicates: number; catchingUp: number };
const pageState = (page: BarePage) =>
  page.evaluate(() => {
    const vigie = (window as unknown as { vigie: { sensors(): { observations: number; sources: Source[] } } }).vigie;
    const state = vigie.sensors();
    return { stored: state.observations, source: state.sources[0] as Source | undefined };
  });

let exitCode = 0;
try {
  // The page without a test driver's instrumentation (barePage.ts): what a user's browser runs.
  const opened = await BarePage.open(`${origin}/?msaa=1&debug=1&territory=_bench/manifest.json`);
  page = opened;
  const browserPid = opened.pid;
  await page.waitFor(() => document.documentElement.dataset.twinReady === 'true', 300_000, 'the twin to be ready');
  for (let i = 0; ; i++) {
    const state = await pageState(page);
    if (state.source?.state === 'connected') break;
    if (i > 300) throw new Error(`the page did not connect to the broker: ${JSON.stringify(state.source)}`);
    await sleep(100);
  }

  // The time bar at the burst's last reading (--shown scene keeps the scene's time, months before
  // the burst: then no reading of the burst is on the map and a restyle finds nothing to change).
  // Each reading of the burst is then its sensor's current one: icons, cabinets, lamps and alerts follow.
  if (SHOWN === 'burst') {
    const lastMs = T0 + Math.ceil(Math.round(RATE * SECONDS) / DEVICES) * K * 1000;
    type Debug = { vigie: { store: { getState(): { setTime(time: number): void } }; live(q: number): { restyles: number } } };
    const restyled = await page.evaluate(() => (window as unknown as Debug).vigie.live(0.5).restyles);
    await page.evaluate((time) => (window as unknown as Debug).vigie.store.getState().setTime(time), lastMs);
    // The restyle for the new time is not a live one: done, and its frame drawn, before the burst.
    await page.waitFor(new Function(`return window.vigie.live(0.5).restyles > ${restyled}`) as () => boolean, 60_000, 'the restyle at the burst\'s time');
    await sleep(2000);
  }
  // Diagnosis aid: VIGIE_BENCH_RENDERS=1 counts who asked the globe for frames during the run (printed at the end).
  if (process.env.VIGIE_BENCH_RENDERS) {
    await page.evaluate(() => {
      const scene = (window as unknown as { vigie: { globe(): { widget: { scene: { requestRender(): void } } } } }).vigie.globe().widget.scene;
      const callers = new Map<string, number>();
      (window as unknown as { renderCallers: Map<string, number> }).renderCallers = callers;
      const original = scene.requestRender.bind(scene);
      scene.requestRender = () => {
        const where = (new Error().stack ?? '').split('\n').slice(2, 5).map((line) => line.trim().replace(/\(.*\/assets\//, '(').replace(/^at /, '')).join(' < ');
        callers.set(where, (callers.get(where) ?? 0) + 1);
        original();
      };
    });
  }

  // The network server's side: PUBLISHERS threads, each with its own MQTT client, its share of the
  // devices and of the rate (publisher.worker.ts); what they publish while the broker is away waits
  // in their own queues.
  const PUBLISHERS = DEVICES % option('publishers', 4) === 0 ? option('publishers', 4) : 1;
  const total = Math.round(RATE * SECONDS);
  const started = Date.now() + 500;
  const reports = new Map<number, PublisherReport>();
  let publisherError: string | null = null;
  const publishers = Array.from({ length: PUBLISHERS }, (_, index) => {
    const worker = new Worker(new URL('./publisher.worker.mjs', import.meta.url), {
      workerData: { index, count: PUBLISHERS, url: broker.tcpUrl, rate: RATE, total, devices: DEVICES, sensors: S, t0: T0, startAt: started } satisfies PublisherData,
    });
    worker.on('message', (report: PublisherReport) => reports.set(report.index, report));
    worker.on('error', (error) => {
      publisherError = `publisher ${index} failed: ${error.message}`;
    });
    return worker;
  });
  const counted = () => {
    let sent = 0;
    let acked = 0;
    let errors = 0;
    let done = 0;
    for (const report of reports.values()) {
      sent += report.sent;
      acked += report.acked;
      errors += report.errors;
      if (report.done) done++;
    }
    return { sent, acked, errors, done };
  };
  /** Publication time of each second of the burst, and how many had been published by then. */
  const progress: Array<{ at: number; sent: number; stored: number }> = [];
  let stoppedAt = 0;
  let restartedAt = 0;
  let restart: Promise<void> | null = null;
  let sampler = true;
  /** CPU time of the map's frames drawn during the run (SwiftShader here: software WebGL). */
  const frameMs: number[] = [];
  let lastFrames = -1;
  const sampling = (async () => {
    while (sampler) {
      const state = await pageState(page).catch(() => null);
      if (state) progress.push({ at: Date.now(), sent: counted().sent, stored: state.stored });
      const frame = await page.evaluate(() => (window as unknown as { vigie: { stats(): { lastFrameCpuMilliseconds: number; frames: number } | null } }).vigie.stats()).catch(() => null);
      if (frame && frame.frames !== lastFrames) {
        frameMs.push(frame.lastFrameCpuMilliseconds);
        lastFrames = frame.frames;
      }
      await sleep(250);
    }
  })();
  // Diagnosis aid: VIGIE_BENCH_TRACE=file.json traces the burst (V8's garbage collections and the
  // page's slow restyles, which it marks with `performance.measure`) and says which collections
  // fell within a slow restyle on the page's main thread.
  const traceEvents: Array<{ name: string; cat: string; ph: string; ts: number; dur?: number; pid: number; tid: number; args?: { name?: string } }> = [];
  const tracing = process.env.VIGIE_BENCH_TRACE
    ? (async () => {
        page.on((message) => {
          if (message.method === 'Tracing.dataCollected') traceEvents.push(...((message.params as { value: typeof traceEvents }).value));
        });
        await page.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: ['disabled-by-default-v8.gc', 'blink.user_timing', '__metadata'], excludedCategories: ['*'] } }, '');
      })()
    : null;
  await tracing;
  // Where the cores went during the burst (stderr, at the end): every thread of this process (the
  // publishers), of Chromium and of Mosquitto, read from /proc at the burst's start and end, and
  // just before the broker's stop, since the process that stops is gone by the end.
  const cpuLabels = new Map([[process.pid, 'bench (publishers)']]);
  const cpuSnapshot = () => snapshotThreads([process.pid, browserPid, broker.pid].filter((pid): pid is number => pid !== undefined), { labels: cpuLabels });
  const cpuAtStart = cpuSnapshot();
  let cpuAtStop: Snapshot | null = null;
  // Profiling aid: VIGIE_PROFILE_WORKER=file.json profiles the live worker for 8 s from 5 s into the
  // burst (VIGIE_PROFILE_AFTER=ms: from that far into it instead).
  const profiling = process.env.VIGIE_PROFILE_WORKER
    ? (async () => {
        const workers: Array<{ sessionId: string; title: string }> = [];
        page.on((message) => {
          if (message.method === 'Target.attachedToTarget') {
            const params = message.params as { sessionId: string; targetInfo: { title: string } };
            workers.push({ sessionId: params.sessionId, title: params.targetInfo.title });
          }
        });
        await page.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
        await sleep(500);
        const live = workers.find((worker) => worker.title.includes('live'));
        if (!live) throw new Error(`no live worker among ${workers.map((worker) => worker.title).join(', ')}`);
        await sleep(Number(process.env.VIGIE_PROFILE_AFTER ?? 5000));
        // VIGIE_PROFILE_PAGE=file.json profiles the page's main thread over the same 8 s.
        const sessions: Array<[string | undefined, string]> = [[live.sessionId, process.env.VIGIE_PROFILE_WORKER!]];
        if (process.env.VIGIE_PROFILE_PAGE) sessions.push([undefined, process.env.VIGIE_PROFILE_PAGE]);
        for (const [session] of sessions) {
          await page.send('Profiler.enable', {}, session);
          await page.send('Profiler.setSamplingInterval', { interval: 200 }, session);
          await page.send('Profiler.start', {}, session);
        }
        await sleep(8000);
        const { writeFileSync } = await import('node:fs');
        for (const [session, file] of sessions) {
          const result = (await page.send('Profiler.stop', {}, session)) as { profile: unknown };
          writeFileSync(file, JSON.stringify(result.profile));
        }
        console.error(`bench:series: profiles written (${sessions.map(([, file]) => file).join(', ')})`);
      })().catch((error) => console.error(`bench:series: profile failed: ${error}`))
    : null;
  while (counted().sent < total) {
    if (RESTART && !restart && Date.now() - started >= (SECONDS * 1000) / 2) {
      stoppedAt = Date.now();
      cpuAtStop = cpuSnapshot();
      restart = broker
        .stop(SIGNAL)
        .then(() => sleep(2000))
        .then(() => broker.start())
        .then(() => {
          restartedAt = Date.now();
        });
    }
    if (publisherError) throw new Error(publisherError);
    if (Date.now() - started > SECONDS * 1000 * 3 + 60_000) throw new Error(`the publishers produced ${counted().sent} of ${total} messages in three times the burst`);
    await sleep(20);
  }
  const sent = total;
  const cpuAtEnd = cpuSnapshot();
  const burstCpu = cpuAtStart && cpuAtEnd ? diffThreads(cpuAtStart, cpuAtStop ? mergeSnapshots(cpuAtStop, cpuAtEnd) : cpuAtEnd) : null;
  await profiling;
  const burstSeconds = (Date.now() - started) / 1000;
  const ackedByBurstEnd = counted().acked;
  await restart;
  while (counted().done < PUBLISHERS) {
    if (publisherError) throw new Error(publisherError);
    await sleep(100);
  }
  const { acked, errors: publishErrors } = counted();
  // Everything acknowledged by the broker, then everything in the page, and the source's count of
  // what it received up to date (its statistics reach the page after the readings, up to a second
  // later: read at once, `received` came out below `stored`); or no progress for 30 s.
  let lastStored = -1;
  let lastChange = Date.now();
  for (;;) {
    const state = await pageState(page);
    if (state.stored !== lastStored) {
      lastStored = state.stored;
      lastChange = Date.now();
    }
    if ((acked + publishErrors >= sent && state.stored >= sent && (state.source?.received ?? 0) >= state.stored) || Date.now() - lastChange > 30_000) break;
    await sleep(250);
  }
  sampler = false;
  await sampling;
  const endedAt = Date.now();
  const final = await pageState(page);
  // Caught up after the restart: the first sample after it where the page holds what was published 1 s before.
  let caughtUpAt = restartedAt;
  if (RESTART) {
    const after = progress.filter((sample) => sample.at >= restartedAt);
    const hit = after.find((sample) => {
      const published = progress.filter((earlier) => earlier.at <= sample.at - 1000).at(-1)?.sent ?? 0;
      return sample.stored >= published;
    });
    caughtUpAt = hit ? hit.at : endedAt;
  }
  const figures = await page.evaluate(
    ([from, to, since]) => {
      const vigie = (window as unknown as { vigie: { live(q: number, from?: number, to?: number, restyleSince?: number): { latencyMs: number; latencySamples: number; restyleMs: number; restyles: number; panelsMs: number; panels: number } } }).vigie;
      const outside50 = vigie.live(0.5, from, to);
      const outside99 = vigie.live(0.99, from, to);
      const all99 = vigie.live(0.99);
      // The restyles of the burst and its drain (not the first one, when the history came in).
      const burst99 = vigie.live(0.99, undefined, undefined, since);
      // The two sides of the restart on their own: before the stop, and after the catch-up.
      const before99 = vigie.live(0.99, from, Number.POSITIVE_INFINITY);
      const after99 = vigie.live(0.99, Number.NEGATIVE_INFINITY, to);
      return {
        latencyMsP50: outside50.latencyMs,
        latencyMsP99: outside99.latencyMs,
        latencyMsP99All: all99.latencyMs,
        latencyMsP99BeforeStop: before99.latencyMs,
        latencySamplesBeforeStop: before99.latencySamples,
        latencyMsP99AfterCatchUp: after99.latencyMs,
        latencySamplesAfterCatchUp: after99.latencySamples,
        samples: all99.latencySamples,
        restyleMsP99: burst99.restyleMs,
        restyleMsP50: vigie.live(0.5, undefined, undefined, since).restyleMs,
        restyles: burst99.restyles,
        // The panels' tasks after the frames (version, alert list, React's renders): not on the frame.
        panelsMsP99: burst99.panelsMs,
        panelsMsP50: vigie.live(0.5, undefined, undefined, since).panelsMs,
        panels: burst99.panels,
      };
    },
    [RESTART ? stoppedAt : Number.POSITIVE_INFINITY, RESTART ? caughtUpAt : Number.NEGATIVE_INFINITY, started],
  );
  if (tracing) {
    const complete = new Promise<void>((resolve) => page!.on((message) => message.method === 'Tracing.tracingComplete' && resolve()));
    await page.send('Tracing.end', {}, '');
    await complete;
    const { writeFileSync } = await import('node:fs');
    writeFileSync(process.env.VIGIE_BENCH_TRACE!, JSON.stringify({ traceEvents }));
    const main = traceEvents.find((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
    // Slow restyles: nestable async user-timing pairs (b/e) or complete events.
    const begins = new Map<string, number>();
    const slow: Array<{ from: number; to: number }> = [];
    for (const event of traceEvents) {
      if (event.name !== 'vigie:slow-restyle') continue;
      if (event.ph === 'X') slow.push({ from: event.ts, to: event.ts + (event.dur ?? 0) });
      else if (event.ph === 'b') begins.set(String((event as { id?: string; id2?: unknown }).id ?? ''), event.ts);
      else if (event.ph === 'e') slow.push({ from: begins.get(String((event as { id?: string }).id ?? '')) ?? event.ts, to: event.ts });
    }
    const gcs = traceEvents.filter((event) => main && event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.cat.includes('v8.gc') && event.name.startsWith('V8.GC_') && !event.name.includes('_BACKGROUND'));
    const inside = slow.map((restyle) => ({
      ms: Math.round((restyle.to - restyle.from) / 10) / 100,
      gc: gcs
        .filter((gc) => gc.ts < restyle.to && gc.ts + (gc.dur ?? 0) > restyle.from)
        .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
        .slice(0, 4)
        .map((gc) => `${gc.name} ${Math.round((gc.dur ?? 0) / 10) / 100} ms`),
    }));
    console.error(`bench:series: trace (${traceEvents.length} events, ${gcs.length} main-thread GC phases): slow restyles ${JSON.stringify(inside)}`);
  }
  if (process.env.VIGIE_BENCH_RENDERS) {
    const callers = await page.evaluate(() => [...(window as unknown as { renderCallers: Map<string, number> }).renderCallers].sort((a, b) => b[1] - a[1]).slice(0, 12));
    console.error(`bench:series: frames asked for, by caller\n${callers.map(([where, count]) => `${count} ${where}`).join('\n')}`);
  }
  // Diagnosis aid: VIGIE_BENCH_PROGRESS=1 prints, every second of the run, what was published and stored by then.
  if (process.env.VIGIE_BENCH_PROGRESS) {
    let lastAt = 0;
    const rows: string[] = [];
    for (const sample of progress) {
      if (sample.at - lastAt < 1000) continue;
      lastAt = sample.at;
      rows.push(`${((sample.at - started) / 1000).toFixed(1)}s ${sample.sent} ${sample.stored} (${sample.sent - sample.stored} behind)`);
    }
    console.error(`bench:series: progress (time since the burst's start, published, stored)\n${rows.join('\n')}`);
  }
  // Where a batch's first reading waited, outside the restart (stderr: a diagnosis, not a figure).
  const phases = await page.evaluate(
    ([from, to]) => {
      const vigie = (window as unknown as { vigie: { latencyPhases(q: number, from?: number, to?: number): Record<string, number> } }).vigie;
      return { p50: vigie.latencyPhases(0.5, from, to), p99: vigie.latencyPhases(0.99, from, to) };
    },
    [RESTART ? stoppedAt : Number.POSITIVE_INFINITY, RESTART ? caughtUpAt : Number.NEGATIVE_INFINITY],
  );
  console.error(`bench:series: where readings waited outside the restart, ms (arrival: publication to parsed in the worker; batching; handOff: to the page's storing; store) ${JSON.stringify(phases, (key, value) => (typeof value === 'number' ? Math.round(value * 10) / 10 : value))}`);
  // Where the slowest restyles of the burst spent their time (stderr: a diagnosis, not a figure).
  const worst = await page.evaluate((since) => (window as unknown as { vigie: { restyleWorst(n: number, since: number): unknown[] } }).vigie.restyleWorst(5, since), started);
  console.error(`bench:series: slowest restyles ${JSON.stringify(worst, (key, value) => (typeof value === 'number' && key !== 'at' ? Math.round(value * 100) / 100 : value))}`);
  // The restyle time is wall-clock time on cores shared with software WebGL and the publishers.
  if (burstCpu) console.error(`bench:series: ${describeBurstCpu(burstCpu)}`);
  // Checked rather than assumed: per sensor, times strictly increasing, and no more stored than sent.
  const repeated = await page.evaluate(() => (window as unknown as { vigie: { storedTwice(): number } }).vigie.storedTwice());
  const stored = final.stored;
  const storedTwice = repeated + Math.max(0, stored - sent);
  const received = final.source?.received ?? 0;
  if (received === 0 || stored === 0) throw new Error(`the page received ${received} and stored ${stored} of ${sent}: nothing to measure (source ${JSON.stringify(final.source)})`);
  if (!Number.isFinite(figures.latencyMsP99) || !Number.isFinite(figures.restyleMsP99)) throw new Error(`no latency or restyle samples in the page (${figures.samples} latencies, ${figures.restyles} restyles)`);
  const result = {
    bench: 'ingest',
    sent,
    acked,
    received,
    stored,
    duplicatesDropped: final.source?.duplicates ?? 0,
    storedTwice,
    lost: Math.max(0, sent - stored),
    messagesPerSecond: round(stored / Math.max(0.001, (endedAt - started) / 1000), 0),
    publishedPerSecond: round(sent / burstSeconds, 0),
    ackedPerSecondDuringBurst: round(ackedByBurstEnd / burstSeconds, 0),
    publishers: PUBLISHERS,
    restyleMsP99: round(figures.restyleMsP99, 2),
    restyleMsP50: round(figures.restyleMsP50, 2),
    restyles: figures.restyles,
    panelsMsP99: Number.isFinite(figures.panelsMsP99) ? round(figures.panelsMsP99, 2) : null,
    panelsMsP50: Number.isFinite(figures.panelsMsP50) ? round(figures.panelsMsP50, 2) : null,
    panels: figures.panels,
    shown: SHOWN,
    frameCpuMsP50: frameMs.length > 0 ? round([...frameMs].sort((a, b) => a - b)[Math.floor(frameMs.length / 2)], 0) : null,
    framesSampled: frameMs.length,
    latencyMsP50: round(figures.latencyMsP50, 0),
    latencyMsP99: round(figures.latencyMsP99, 0),
    latencyMsP99WithRestart: round(figures.latencyMsP99All, 0),
    // null, not 0, when no reading fell on that side (the page caught up only at the end): the
    // page's NaN crosses DevTools as null, which `round` would have made 0.
    latencyMsP99BeforeStop: RESTART && figures.latencySamplesBeforeStop > 0 ? round(figures.latencyMsP99BeforeStop, 0) : null,
    latencyMsP99AfterCatchUp: RESTART && figures.latencySamplesAfterCatchUp > 0 ? round(figures.latencyMsP99AfterCatchUp, 0) : null,
    restart: RESTART ? { signal: SIGNAL, downMs: restartedAt - stoppedAt, caughtUpAfterMs: caughtUpAt - restartedAt } : null,
    devices: DEVICES,
    burstSeconds: round(burstSeconds, 1),
    drainSeconds: round((endedAt - started) / 1000 - burstSeconds, 1),
    targets: { lost: 0, storedTwice: 0, restyleMsP99: 4, latencyMsP99: 1000 },
  };
  console.log(JSON.stringify(result));
  if (result.lost > 0 || storedTwice > 0) exitCode = 1;
  await Promise.all(publishers.map((worker) => worker.terminate()));
} catch (error) {
  // Fails with a message, after stopping the browser, the server and the broker (below).
  console.error(`bench:series: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await page?.close();
  await server.close();
  await broker.stop();
  rmSync(folder, { recursive: true, force: true });
}
process.exit(exitCode);
