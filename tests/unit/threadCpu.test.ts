/**
 * The per-thread CPU of the series bench (tests/bench/threadCpu.ts) on a fake /proc: a bench
 * process with Chromium below it, Mosquitto as a second root and a stranger, read twice.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffThreads, mergeSnapshots, snapshotThreads, type Snapshot } from '../bench/threadCpu';

interface FakeThread {
  tid: number;
  name: string;
  /** User and system time in clock ticks (100 a second). */
  utime: number;
  stime: number;
  nice?: number;
  /** Start time in ticks since boot: a thread id reused by a later thread has another. */
  start?: number;
}
interface FakeProcess {
  pid: number;
  ppid: number;
  name: string;
  argv: string[];
  /** A command line rewritten as one space-separated string, as Chromium's child processes do, instead of NUL-terminated arguments. */
  retitled?: boolean;
  threads: FakeThread[];
}

/** A stat line as the kernel writes it: fields 14–15 utime and stime, 19 nice, 22 start time. */
const statLine = (tid: number, name: string, ppid: number, pid: number, thread: Pick<FakeThread, 'utime' | 'stime' | 'nice' | 'start'>) =>
  `${tid} (${name}) S ${ppid} ${pid} ${pid} 0 -1 4194368 120 0 0 0 ${thread.utime} ${thread.stime} 0 0 20 ${thread.nice ?? 0} 4 0 ${thread.start ?? 5000} 1000 100\n`;

function writeProc(root: string, processes: FakeProcess[], machineBusy: [number, number, number]): void {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root);
  // Not a process: skipped.
  mkdirSync(join(root, 'self'));
  const [user, nice, system] = machineBusy;
  writeFileSync(join(root, 'stat'), `cpu  ${user} ${nice} ${system} 90000 40 0 10 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\n`);
  for (const process of processes) {
    const folder = join(root, String(process.pid));
    mkdirSync(join(folder, 'task'), { recursive: true });
    writeFileSync(join(folder, 'stat'), statLine(process.pid, process.name, process.ppid, process.pid, process.threads[0]));
    writeFileSync(join(folder, 'cmdline'), process.retitled ? process.argv.join(' ') : `${process.argv.join('\0')}\0`);
    for (const thread of process.threads) {
      mkdirSync(join(folder, 'task', String(thread.tid)));
      writeFileSync(join(folder, 'task', String(thread.tid), 'stat'), statLine(thread.tid, thread.name, process.ppid, process.pid, thread));
    }
  }
}

const CHROMIUM = '/usr/lib/chromium/chromium';
/** The tree at the burst's start: CPU in ticks since each thread started. */
const before = (): FakeProcess[] => [
  { pid: 50, ppid: 1, name: 'node', argv: ['node', 'series.bench.ts'], threads: [{ tid: 50, name: 'node', utime: 300, stime: 20 }, { tid: 51, name: 'node', utime: 100, stime: 0 }] },
  { pid: 100, ppid: 50, name: 'chromium', argv: [CHROMIUM, '--headless=new'], threads: [{ tid: 100, name: 'chromium', utime: 200, stime: 50 }, { tid: 101, name: 'Chrome_IOThread', utime: 10, stime: 10 }] },
  { pid: 150, ppid: 100, name: 'chromium', argv: [CHROMIUM, '--type=zygote'], retitled: true, threads: [{ tid: 150, name: 'chromium', utime: 5, stime: 5 }] },
  {
    pid: 200,
    ppid: 150,
    name: 'chromium',
    argv: [CHROMIUM, '--type=gpu-process', '--use-angle=swiftshader'],
    retitled: true,
    threads: [
      { tid: 200, name: 'chromium', utime: 40, stime: 0 },
      { tid: 201, name: 'Thread<00>', utime: 1000, stime: 0, nice: -8 },
      { tid: 202, name: 'Thread<01>', utime: 1000, stime: 0, nice: -8 },
    ],
  },
  {
    pid: 300,
    ppid: 150,
    name: 'chromium',
    argv: [CHROMIUM, '--type=renderer', '--renderer-client-id=5'],
    retitled: true,
    threads: [
      { tid: 300, name: 'chromium', utime: 80, stime: 0 },
      { tid: 301, name: 'DedicatedWorker', utime: 500, stime: 100 },
      { tid: 302, name: 'my (odd) name', utime: 1, stime: 0, nice: 5 },
      { tid: 303, name: 'DedicatedWorker', utime: 0, stime: 0 },
    ],
  },
  { pid: 400, ppid: 100, name: 'chromium', argv: [CHROMIUM, '--type=utility', '--utility-sub-type=network.mojom.NetworkService'], retitled: true, threads: [{ tid: 401, name: 'Chrome_ChildIOT', utime: 50, stime: 50 }] },
  { pid: 450, ppid: 100, name: 'chromium', argv: [CHROMIUM, '--type=utility', '--utility-sub-type=storage.mojom.StorageService'], threads: [{ tid: 451, name: 'Chrome_ChildIOT', utime: 3, stime: 0 }] },
  { pid: 500, ppid: 1, name: 'mosquitto', argv: ['/usr/sbin/mosquitto', '-c', '/tmp/m.conf'], threads: [{ tid: 500, name: 'mosquitto', utime: 70, stime: 30 }] },
  // Not under the roots: left out whatever it spends.
  { pid: 600, ppid: 1, name: 'python3', argv: ['python3', 'solver.py'], threads: [{ tid: 600, name: 'python3', utime: 10, stime: 0 }] },
];

/** The tree at the burst's end: `before` with `ticks` added to the named threads. */
function after(ticks: Record<number, number>): FakeProcess[] {
  return before().map((process) => ({
    ...process,
    threads: process.threads.map((thread) => ({ ...thread, utime: thread.utime + (ticks[thread.tid] ?? 0) })),
  }));
}

let folder = '';
beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'vigie-proc-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The fake /proc written anew, and read from the bench (pid 50) and Mosquitto (pid 500) unless told. */
function snapshot(processes: FakeProcess[], { roots = [50, 500], machineBusy = [1000, 0, 500] as [number, number, number] } = {}): Snapshot {
  const procRoot = join(folder, 'proc');
  writeProc(procRoot, processes, machineBusy);
  const result = snapshotThreads(roots, { procRoot, labels: new Map([[50, 'bench (publishers)']]) });
  expect(result).not.toBeNull();
  return result!;
}

describe('snapshotThreads', () => {
  it('reads every thread of the roots and their descendants, named by role, with the name up to the last parenthesis', () => {
    const { threads } = snapshot(before());
    const read = [...threads.values()].map(({ process, thread, nice, cpuTicks }) => `${process}|${thread}|${nice}|${cpuTicks}`);
    expect(read.sort()).toEqual(
      [
        'bench (publishers)|node|0|320',
        'bench (publishers)|node|0|100',
        'browser|chromium|0|250',
        'browser|Chrome_IOThread|0|20',
        'zygote|chromium|0|10',
        'gpu|chromium|0|40',
        'gpu|Thread<00>|-8|1000',
        'gpu|Thread<01>|-8|1000',
        'renderer|chromium|0|80',
        'renderer|DedicatedWorker|0|600',
        'renderer|my (odd) name|5|1',
        'renderer|DedicatedWorker|0|0',
        'network|Chrome_ChildIOT|0|100',
        'utility|Chrome_ChildIOT|0|3',
        'mosquitto|mosquitto|0|100',
      ].sort(),
    );
    expect([...threads.values()].filter((reading) => reading.chromium)).toHaveLength(12);
  });

  it('is null where there is no /proc', () => {
    expect(snapshotThreads([50], { procRoot: join(folder, 'no-proc-here') })).toBeNull();
  });
});

describe('diffThreads', () => {
  it('sums the CPU of same-named threads of a role, busiest first, and leaves out idle threads', () => {
    const start = snapshot(before(), { machineBusy: [1000, 0, 500] });
    const end = snapshot(after({ 201: 1920, 202: 1910, 301: 1500, 303: 410, 50: 1200, 51: 450, 401: 1100, 451: 7, 500: 500, 300: 360, 302: 2, 600: 9000 }), { machineBusy: [9000, 100, 2500] });
    const cpu = diffThreads({ ...start, takenAtMilliseconds: 0 }, { ...end, takenAtMilliseconds: 61_000 });
    expect(cpu.rows).toEqual([
      { process: 'gpu', thread: 'Thread<00>', nice: -8, cpuSeconds: 19.2 },
      { process: 'gpu', thread: 'Thread<01>', nice: -8, cpuSeconds: 19.1 },
      { process: 'renderer', thread: 'DedicatedWorker', nice: 0, cpuSeconds: 19.1 },
      { process: 'bench (publishers)', thread: 'node', nice: 0, cpuSeconds: 16.5 },
      { process: 'network', thread: 'Chrome_ChildIOT', nice: 0, cpuSeconds: 11 },
      { process: 'mosquitto', thread: 'mosquitto', nice: 0, cpuSeconds: 5 },
      { process: 'renderer', thread: 'chromium', nice: 0, cpuSeconds: 3.6 },
      { process: 'utility', thread: 'Chrome_ChildIOT', nice: 0, cpuSeconds: 0.07 },
      { process: 'renderer', thread: 'my (odd) name', nice: 5, cpuSeconds: 0.02 },
    ]);
    expect(cpu.cpuSeconds).toBeCloseTo(93.59, 10);
    expect(cpu.wallSeconds).toBe(61);
    expect(cpu.cores).toBe(availableParallelism());
    expect(cpu.chromiumThreads).toBe(12);
    expect(cpu.machineBusySeconds).toBe(101);
  });

  it('counts a thread started meanwhile from zero, and a reused thread id as a new thread', () => {
    const start = snapshot(before());
    const later = after({});
    later[4].threads.push({ tid: 304, name: 'DedicatedWorker', utime: 250, stime: 0 });
    // Thread 101 exited and its id went to a new thread, started later, that has already spent 0.3 s.
    later[1].threads[1] = { tid: 101, name: 'Chrome_IOThread', utime: 30, stime: 0, start: 9000 };
    expect(diffThreads(start, snapshot(later)).rows).toEqual([
      { process: 'renderer', thread: 'DedicatedWorker', nice: 0, cpuSeconds: 2.5 },
      { process: 'browser', thread: 'Chrome_IOThread', nice: 0, cpuSeconds: 0.3 },
    ]);
  });

  it('keeps, with mergeSnapshots, what a process that stopped in the window spent until its last reading', () => {
    const start = snapshot(before());
    const beforeStop = snapshot(after({ 500: 200 }));
    // The broker restarted: pid 500 gone, pid 700 in its place, started by the bench.
    const restarted = after({ 500: 200, 201: 100 }).filter((process) => process.pid !== 500);
    restarted.push({ pid: 700, ppid: 50, name: 'mosquitto', argv: ['/usr/sbin/mosquitto'], threads: [{ tid: 700, name: 'mosquitto', utime: 150, stime: 0, start: 8000 }] });
    const end = snapshot(restarted);
    expect(diffThreads(start, end).rows).toEqual([
      { process: 'mosquitto', thread: 'mosquitto', nice: 0, cpuSeconds: 1.5 },
      { process: 'gpu', thread: 'Thread<00>', nice: -8, cpuSeconds: 1 },
    ]);
    expect(diffThreads(start, mergeSnapshots(beforeStop, end)).rows).toEqual([
      { process: 'mosquitto', thread: 'mosquitto', nice: 0, cpuSeconds: 3.5 },
      { process: 'gpu', thread: 'Thread<00>', nice: -8, cpuSeconds: 1 },
    ]);
  });

  it('finds no Chromium thread when the browser is not under the roots', () => {
    const start = snapshot(before(), { roots: [500] });
    const cpu = diffThreads(start, snapshot(after({ 500: 100, 201: 100 }), { roots: [500] }));
    expect(cpu.chromiumThreads).toBe(0);
    expect(cpu.rows).toEqual([{ process: 'mosquitto', thread: 'mosquitto', nice: 0, cpuSeconds: 1 }]);
  });
});
