/**
 * CPU seconds per thread of a tree of processes, read from Linux's /proc: where the cores went
 * while a benchmark timed something in wall-clock time. `snapshotThreads` reads every thread of
 * the given processes and their descendants (with Chromium's processes named by their role: gpu,
 * renderer, network…); `diffThreads` turns two snapshots into CPU seconds per process and thread
 * name. Where there is no /proc (macOS, Windows) a snapshot is null: a diagnosis, not a figure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';

/**
 * USER_HZ, the unit of the times in /proc: 100 on the architectures this runs on (x86, ARM), fixed
 * by the kernel's interface whatever its internal tick (`getconf CLK_TCK` prints it).
 */
const TICKS_PER_SECOND = 100;

/** One thread at the time of a snapshot. */
export interface ThreadReading {
  /** The process's role: `gpu`, `renderer`, `network`, `utility`, `browser` for Chromium, else a given label or the process's name. */
  process: string;
  /** The thread's name (`comm`, at most 15 characters). */
  thread: string;
  nice: number;
  /** Whether the thread belongs to one of Chromium's processes. */
  chromium: boolean;
  /** User and system time since the thread started, in clock ticks. */
  cpuTicks: number;
}

export interface Snapshot {
  /** `performance.now()` when the snapshot was taken. */
  takenAtMilliseconds: number;
  /** Keyed by thread id and start time, so that a reused id is another thread. */
  threads: Map<string, ThreadReading>;
  /** The whole machine's busy time (every CPU, /proc/stat) in clock ticks; null when it cannot be read. */
  machineBusyTicks: number | null;
}

/** CPU seconds of the threads of one process role that share a name, between two snapshots. */
export interface ThreadCpuRow {
  process: string;
  thread: string;
  /** The nice value of the group's thread that used the most CPU. */
  nice: number;
  cpuSeconds: number;
}

export interface ThreadCpu {
  /** Threads that used CPU between the snapshots, grouped, the busiest first. */
  rows: ThreadCpuRow[];
  /** The sum of the rows. */
  cpuSeconds: number;
  wallSeconds: number;
  cores: number;
  /** Chromium's threads found in the later snapshot: none means the browser was not in the tree. */
  chromiumThreads: number;
  /** The whole machine's busy CPU seconds between the snapshots, this tree's and everyone else's; null when unknown. */
  machineBusySeconds: number | null;
}

export interface SnapshotOptions {
  /** Where /proc is mounted: a fake tree in the tests. */
  procRoot?: string;
  /** Names for given processes, instead of the one read from their command line. */
  labels?: ReadonlyMap<number, string>;
}

/** A file of /proc, or null when its process or thread has exited since the directory was listed. */
function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH') return null;
    throw error;
  }
}

/**
 * A stat line's name and fields. The name, between parentheses, may itself hold spaces and
 * parentheses: it ends at the line's last ')'. `fields[0]` is the stat's field 3 (the state).
 */
function parseStat(stat: string): { name: string; fields: string[] } {
  const close = stat.lastIndexOf(')');
  return { name: stat.slice(stat.indexOf('(') + 1, close), fields: stat.slice(close + 2).trim().split(' ') };
}

/** The process's role from its command line: Chromium's `--type` (and the utility's sub-type), else its name. */
function processRole(argv: string[], name: string): { process: string; chromium: boolean } {
  const type = argv.find((arg) => arg.startsWith('--type='))?.slice('--type='.length);
  if (type === 'gpu-process') return { process: 'gpu', chromium: true };
  if (type === 'renderer') return { process: 'renderer', chromium: true };
  if (type === 'utility') return { process: argv.includes('--utility-sub-type=network.mojom.NetworkService') ? 'network' : 'utility', chromium: true };
  if (type) return { process: type, chromium: true };
  if (argv.length > 0 && /^chrom(e|ium)$/.test(basename(argv[0]))) return { process: 'browser', chromium: true };
  return { process: name, chromium: false };
}

function machineBusyTicks(procRoot: string): number | null {
  const line = readIfPresent(join(procRoot, 'stat'))?.split('\n')[0];
  if (!line?.startsWith('cpu ')) return null;
  // user nice system idle iowait irq softirq steal (guest time is already counted in user).
  const [user, nice, system, , , irq, softirq, steal] = line.slice(4).trim().split(/\s+/).map(Number);
  return user + nice + system + irq + softirq + (steal || 0);
}

/** Every thread of `rootPids` and of their descendants, now; null without /proc. */
export function snapshotThreads(rootPids: number[], options: SnapshotOptions = {}): Snapshot | null {
  const procRoot = options.procRoot ?? '/proc';
  if (!existsSync(procRoot)) return null;
  const takenAtMilliseconds = performance.now();
  const parents = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync(procRoot)) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readIfPresent(join(procRoot, entry, 'stat'));
    if (stat === null) continue;
    const { name, fields } = parseStat(stat);
    parents.set(Number(entry), Number(fields[1]));
    names.set(Number(entry), name);
  }
  const roots = new Set(rootPids);
  const inTree = (pid: number) => {
    // Bounded: the files are read one after the other, so a pid reused meanwhile could close a loop.
    let ancestor = pid;
    for (let hops = 0; ancestor > 0 && hops <= parents.size; hops++) {
      if (roots.has(ancestor)) return true;
      ancestor = parents.get(ancestor) ?? 0;
    }
    return false;
  };
  const threads = new Map<string, ThreadReading>();
  for (const [pid, name] of names) {
    if (!inTree(pid)) continue;
    const cmdline = readIfPresent(join(procRoot, String(pid), 'cmdline'));
    if (cmdline === null) continue;
    let tids: string[];
    try {
      tids = readdirSync(join(procRoot, String(pid), 'task'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const label = options.labels?.get(pid);
    // Split on spaces too: Chromium's zygote and its children rewrite theirs as one space-separated string.
    const role = processRole(cmdline.split(/[\0 ]/).filter(Boolean), name);
    for (const tid of tids) {
      const stat = readIfPresent(join(procRoot, String(pid), 'task', tid, 'stat'));
      if (stat === null) continue;
      const { name: thread, fields } = parseStat(stat);
      // Fields 14 and 15 (utime, stime), 19 (nice) and 22 (starttime), counted from 1 with the state as 3.
      threads.set(`${tid}@${fields[19]}`, {
        process: label ?? role.process,
        thread,
        nice: Number(fields[16]),
        chromium: role.chromium,
        cpuTicks: Number(fields[11]) + Number(fields[12]),
      });
    }
  }
  return { takenAtMilliseconds, threads, machineBusyTicks: machineBusyTicks(procRoot) };
}

/**
 * `later`, with the threads of `earlier` that had exited by then at their last reading: for a
 * window in which a process stopped (a broker restarted), snapshotted just before it stopped.
 */
export function mergeSnapshots(earlier: Snapshot, later: Snapshot): Snapshot {
  const threads = new Map(earlier.threads);
  for (const [key, reading] of later.threads) threads.set(key, reading);
  return { ...later, threads };
}

/**
 * The CPU each thread used from `a` to `b`, grouped by process role and thread name. A thread
 * started meanwhile counts from zero; one that exited before `b` is missing (see `mergeSnapshots`).
 */
export function diffThreads(a: Snapshot, b: Snapshot): ThreadCpu {
  const groups = new Map<string, { process: string; thread: string; nice: number; ticks: number; busiestTicks: number }>();
  let chromiumThreads = 0;
  for (const [key, reading] of b.threads) {
    if (reading.chromium) chromiumThreads++;
    const ticks = reading.cpuTicks - (a.threads.get(key)?.cpuTicks ?? 0);
    if (ticks <= 0) continue;
    const groupKey = `${reading.process}\0${reading.thread}`;
    const group = groups.get(groupKey);
    if (!group) groups.set(groupKey, { process: reading.process, thread: reading.thread, nice: reading.nice, ticks, busiestTicks: ticks });
    else {
      group.ticks += ticks;
      if (ticks > group.busiestTicks) {
        group.busiestTicks = ticks;
        group.nice = reading.nice;
      }
    }
  }
  const sorted = [...groups.values()].sort((x, y) => y.ticks - x.ticks || x.process.localeCompare(y.process) || x.thread.localeCompare(y.thread));
  const totalTicks = sorted.reduce((sum, group) => sum + group.ticks, 0);
  return {
    rows: sorted.map((group) => ({ process: group.process, thread: group.thread, nice: group.nice, cpuSeconds: group.ticks / TICKS_PER_SECOND })),
    cpuSeconds: totalTicks / TICKS_PER_SECOND,
    wallSeconds: (b.takenAtMilliseconds - a.takenAtMilliseconds) / 1000,
    cores: availableParallelism(),
    chromiumThreads,
    machineBusySeconds: a.machineBusyTicks !== null && b.machineBusyTicks !== null ? (b.machineBusyTicks - a.machineBusyTicks) / TICKS_PER_SECOND : null,
  };
}
