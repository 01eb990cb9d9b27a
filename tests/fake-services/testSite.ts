/**
 * The test build (dist-test/: the app with every public service at http://127.0.0.1:4390, set at
 * BUILD time by `npm run build:test-services`) served next to the fake services.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { preview } from 'vite';
import { startFakeServices, type FakeOptions, type FakeServices } from './server';

export const FAKE_PORT = 4390;
export const FAKE_URL = `http://127.0.0.1:${FAKE_PORT}`;

/** Makes dist-test/ when it is missing or older than dist/ (about 20 s). */
export function ensureTestBuild(): void {
  const fresh = existsSync('dist-test/index.html') && (!existsSync('dist/index.html') || statSync('dist-test/index.html').mtimeMs >= statSync('dist/index.html').mtimeMs);
  if (!fresh) execFileSync('npm', ['run', '--silent', 'build:test-services'], { stdio: 'inherit' });
}

export async function withTestSite(options: FakeOptions, use: (origin: string, fake: FakeServices) => Promise<void>): Promise<void> {
  ensureTestBuild();
  const fake = await startFakeServices({ ...options, port: FAKE_PORT });
  const server = await preview({ build: { outDir: 'dist-test' }, preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'silent' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('no preview address');
  try {
    await use(`http://127.0.0.1:${address.port}`, fake);
  } finally {
    await server.close();
    await fake.close();
  }
}
