/**
 * A real Mosquitto broker for the tests and benchmarks: Debian's `mosquitto`, a WebSocket listener
 * on loopback (with a plain MQTT listener beside it, without which Mosquitto 2.0 refuses to start a
 * WebSocket-only configuration), persistence on (sessions and their queued QoS 1 messages survive
 * a restart), started, stopped and killed at will; a Node client to publish; and `LinkCutter`, a
 * TCP relay in front of the WebSocket listener that can drop every connection through it for a
 * while, as a lost mobile or Wi-Fi link does to the page.
 *
 * Queues: Mosquitto holds 1,000 queued messages per client by default and drops the rest; a broker
 * that must lose nothing while a page is away needs `max_queued_messages` sized for the longest cut
 * (here 2,000,000). `max_inflight_messages` 1,000 lets QoS 1 flow at 10,000 messages a second.
 *
 * Persistence: Mosquitto 2.0 writes its whole in-memory database (sessions, subscriptions, queued
 * QoS 1 messages) to mosquitto.db when it exits and every `autosave_interval` seconds
 * (`autosave_on_changes false`: a time, not a count of changes); a QoS 1 message is not written on
 * its own when it arrives. So a clean stop (SIGTERM) keeps everything whatever the interval, and a
 * crash (SIGKILL) keeps what the last autosave wrote. The tests use 1 s (`autosaveSeconds`), so that
 * a crash keeps the subscriptions made a second before; the ingest benchmark uses 60 s: with a page
 * that lags behind a burst, each autosave rewrites every queued message (measured on 200,000
 * uplinks at 10,000 a second: Mosquitto's CPU 3.8 s with 1 s, 2.25 s with 60 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';

export const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((path) => existsSync(path));

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

export class Broker {
  readonly port = 21_000 + Math.floor(Math.random() * 4000);
  private process: ChildProcess | null = null;
  private client: MqttClient | null = null;
  private readonly config: string;
  readonly folder: string;

  constructor(options: { persistence?: boolean; autosaveSeconds?: number } = {}) {
    this.folder = mkdtempSync(join(tmpdir(), 'vigie-broker-'));
    // Started as root, Mosquitto drops to its own user: it must be able to write its database here.
    chmodSync(this.folder, 0o777);
    this.config = join(this.folder, 'mosquitto.conf');
    const persistence = options.persistence ?? true;
    writeFileSync(
      this.config,
      [
        `listener ${this.port + 1} 127.0.0.1`,
        `listener ${this.port} 127.0.0.1`,
        'protocol websockets',
        'allow_anonymous true',
        `persistence ${persistence}`,
        `persistence_location ${this.folder}/`,
        `autosave_interval ${options.autosaveSeconds ?? 1}`,
        'autosave_on_changes false',
        'max_queued_messages 2000000',
        'max_inflight_messages 1000',
        'set_tcp_nodelay true',
        '',
      ].join('\n'),
    );
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  /** The plain MQTT listener, for Node publishers. */
  get tcpUrl(): string {
    return `mqtt://127.0.0.1:${this.port + 1}`;
  }

  /** The running Mosquitto's process id: a restart makes a new process. */
  get pid(): number | undefined {
    return this.running ? this.process!.pid : undefined;
  }

  get running(): boolean {
    return this.process !== null && this.process.exitCode === null;
  }

  async start(): Promise<void> {
    if (!MOSQUITTO) throw new Error('mosquitto is not installed: `apt-get install mosquitto` (the tests of live data need a real broker and do not skip without one)');
    this.process = spawn(MOSQUITTO, ['-c', this.config], { stdio: 'ignore' });
    for (let i = 0; i < 200 && !(await portOpen(this.port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (!(await portOpen(this.port))) throw new Error(`mosquitto did not open port ${this.port}`);
  }

  async publish(topic: string, payload: string): Promise<void> {
    if (!this.client) this.client = await mqtt.connectAsync(this.tcpUrl, { reconnectPeriod: 0 });
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  /**
   * A publisher that lives through broker restarts: a persistent session, QoS 1, reconnecting every
   * 200 ms; what it publishes while the broker is away waits in its queue and goes out on return.
   */
  async publisher(clientId = `publisher-${Math.random().toString(16).slice(2, 8)}`): Promise<MqttClient> {
    return mqtt.connectAsync(this.tcpUrl, { clientId, clean: false, reconnectPeriod: 200, connectTimeout: 5000 });
  }

  /**
   * Stops the broker: SIGTERM (Mosquitto saves its sessions and queues to disk first) or SIGKILL
   * (a crash: what it held in memory since the last save is gone).
   */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.endAsync(true).catch(() => undefined);
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
    });
  }
}

/** A TCP relay to a port whose connections can be cut for a while. */
export class LinkCutter {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private cutUntil = 0;
  port = 0;

  constructor(private readonly target: number) {}

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((client) => {
      if (Date.now() < this.cutUntil) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ port: this.target, host: '127.0.0.1' });
      this.sockets.add(client);
      this.sockets.add(upstream);
      const close = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
      client.pipe(upstream);
      upstream.pipe(client);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  /** Drops every connection now and refuses new ones for `ms`. */
  cut(ms: number): void {
    this.cutUntil = Date.now() + ms;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  async stop(): Promise<void> {
    this.cut(0);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}
