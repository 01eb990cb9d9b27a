/**
 * A real Mosquitto broker for the browser tests: Debian's `mosquitto`, a WebSocket listener on
 * loopback (with a plain MQTT listener beside it, without which Mosquitto 2.0 refuses to start a
 * WebSocket-only configuration), started and stopped at will; and a Node client to publish.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';

const MOSQUITTO = ['/usr/sbin/mosquitto', '/usr/bin/mosquitto'].find((path) => existsSync(path));

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

  constructor() {
    const folder = mkdtempSync(join(tmpdir(), 'vigie-broker-'));
    this.config = join(folder, 'mosquitto.conf');
    writeFileSync(this.config, `listener ${this.port + 1} 127.0.0.1\nlistener ${this.port} 127.0.0.1\nprotocol websockets\nallow_anonymous true\npersistence false\n`);
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!MOSQUITTO) throw new Error('mosquitto is not installed (the test command installs it with apt-get)');
    this.process = spawn(MOSQUITTO, ['-c', this.config], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await portOpen(this.port)); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async publish(topic: string, payload: string): Promise<void> {
    if (!this.client) this.client = await mqtt.connectAsync(`mqtt://127.0.0.1:${this.port + 1}`, { reconnectPeriod: 0 });
    await this.client.publishAsync(topic, payload, { qos: 1 });
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.endAsync(true).catch(() => undefined);
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
