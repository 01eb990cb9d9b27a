import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeCodecWorker } from '../../../tests/live/nodeCodecWorker';
import { chirpstackUplink, em310Bytes, ttsUplink } from '../../../tests/live/uplinks';
import { CodecPool, CodecRunner } from './codecs';
import { fillFromDistance, parseChirpStack, parseTheThingsStack, type RawUplink } from './payloads';
import { QUALITY_SUSPECT } from '../../domain/series/store';

const EM310 = new URL('../../../public/codecs/milesight-em310-udl.js', import.meta.url);

/** The codec script as The Things Stack or ChirpStack would run it: a classic script, decodeUplink called. */
function em310(bytes: number[], fPort = 85) {
  const context: { decodeUplink?: (input: unknown) => { data?: Record<string, unknown>; warnings?: string[]; errors?: string[] } } = {};
  runInNewContext(readFileSync(EM310, 'utf8'), context);
  return context.decodeUplink!({ bytes, fPort, recvTime: new Date() });
}

describe('Milesight EM310-UDL codec (TS013)', () => {
  it("decodes the vendor's example byte for byte", () => {
    // 01 75 5C | 03 82 44 08 | 04 00 01: battery 92 %, distance 0x0844 = 2116 mm (little-endian), tilted.
    const out = em310([0x01, 0x75, 0x5c, 0x03, 0x82, 0x44, 0x08, 0x04, 0x00, 0x01]);
    expect(out.data).toEqual({ battery: 92, distance: 2116, position: 'tilt' });
    expect(out.warnings).toEqual(['sensor tilted: the distance may not be the waste level']);
    expect(out.errors).toBeUndefined();
  });
  it('reads the distance as unsigned little-endian 16 bits, channels in any order, attributes skipped', () => {
    expect(em310([0x03, 0x82, 0xff, 0xff]).data).toEqual({ distance: 65535 });
    expect(em310([0x03, 0x82, 0x00, 0x01, 0x01, 0x75, 0x64]).data).toEqual({ distance: 256, battery: 100 });
    // A boot frame: IPSO version, hardware and firmware versions, then telemetry.
    expect(em310([0xff, 0x01, 0x01, 0xff, 0x09, 0x01, 0x10, 0xff, 0x0a, 0x01, 0x14, 0x01, 0x75, 0x50, 0x03, 0x82, 0xe8, 0x03, 0x04, 0x00, 0x00]).data).toEqual({ battery: 80, distance: 1000, position: 'normal' });
    expect(em310(Array.from(em310Bytes(55, 742))).data).toEqual({ battery: 55, distance: 742, position: 'normal' });
  });
  it('refuses truncated and unknown frames with the offset', () => {
    expect(em310([0x03, 0x82, 0x44]).errors).toEqual(['distance: 2 byte(s) expected at offset 2, payload has 3']);
    expect(em310([0x01]).errors).toEqual(['channel header: 2 byte(s) expected at offset 0, payload has 1']);
    expect(em310([0x07, 0x99, 0x00]).errors).toEqual(['unknown channel 0x7 type 0x99 at offset 0']);
  });
  it('fill % from the distance and the container depth', () => {
    expect(fillFromDistance(300, 1200)).toBe(75);
    expect(fillFromDistance(1200, 1200)).toBe(0);
    expect(fillFromDistance(1500, 1200)).toBe(0);
    expect(fillFromDistance(0, 1200)).toBe(100);
    expect(fillFromDistance(Number.NaN, 1200)).toBeNaN();
  });
});

describe('undecoded uplinks go to the codec of their device type', () => {
  const devices = { '24e124713b234567': { sensorId: 'S0001', type: 'em310-udl', containerDepthMm: 1200 }, 'bac-7': { sensorId: 'S0002', type: 'em310-udl' } };
  const types = { 'em310-udl': { codec: EM310.href, field: 'distance', containerDepthMm: 1000 } };
  it('ChirpStack v4 with only data (base64) and The Things Stack v3 with only frm_payload', () => {
    const cs = parseChirpStack(chirpstackUplink({ devEui: '24e124713b234567', fCnt: 12, time: Date.UTC(2026, 10, 24, 10), bytes: em310Bytes(90, 300) }), devices, types);
    expect(cs.ok).toBe('decode');
    if (cs.ok !== 'decode') return;
    expect(Array.from(cs.uplink.bytes)).toEqual(Array.from(em310Bytes(90, 300)));
    expect(cs.uplink).toMatchObject({ sensorId: 'S0001', type: 'em310-udl', fPort: 85, containerDepthMm: 1200, field: 'distance', keys: ['cs:24e124713b234567:01234567:12', 'cs:00000000-0000-4000-8000-456700000012'] });
    const tts = parseTheThingsStack(ttsUplink({ deviceId: 'bac-7', devEui: '24e124713b2345ff', fCnt: 3, time: Date.UTC(2026, 10, 24, 10), bytes: em310Bytes(90, 250) }), devices, types);
    expect(tts).toMatchObject({ ok: 'decode', uplink: { sensorId: 'S0002', containerDepthMm: 1000, keys: ['tts:bac-7:AXBSH1Pk6Z0G166AAAAA:3', 'tts:as:up:01H2345FF0000000003'] } });
  });
  it('refuses bytes without a codec, and bytes that are not base64', () => {
    expect(parseChirpStack(chirpstackUplink({ devEui: '24e124713b234567', fCnt: 1, time: 0, bytes: em310Bytes(1, 1) }), { '24e124713b234567': { sensorId: 'S1', field: 'distance' } })).toEqual({
      ok: false,
      reason: 'device 24e124713b234567: undecoded uplink and no codec for its device type',
    });
    const broken = JSON.parse(chirpstackUplink({ devEui: '24e124713b234567', fCnt: 1, time: 0 })) as Record<string, unknown>;
    broken.data = '%%%';
    expect(parseChirpStack(JSON.stringify(broken), devices, types)).toEqual({ ok: false, reason: 'device 24e124713b234567: payload bytes are not base64' });
  });
});

describe('codec runner: a sandboxed worker with a time limit', () => {
  const folder = mkdtempSync(join(tmpdir(), 'vigie-codecs-'));
  const looping = join(folder, 'looping.js');
  // Loops forever on fPort 13, decodes otherwise: the runner must refuse only the looping uplink.
  writeFileSync(looping, 'function decodeUplink(input) { if (input.fPort === 13) { for (;;) {} } return { data: { distance: input.bytes[0] } }; }');
  const spying = join(folder, 'spying.js');
  writeFileSync(spying, 'function decodeUplink(input) { return { data: { fetch: typeof fetch, xhr: typeof XMLHttpRequest, ws: typeof WebSocket, imports: typeof importScripts, distance: 5 } }; }');
  const uplink = (fPort: number, byte: number): RawUplink => ({ device: 'd', sensorId: 'S1', type: 't', bytes: Uint8Array.of(byte), fPort, time: Date.UTC(2026, 10, 24) + byte * 1000, keys: [`k${byte}`], field: 'distance' });

  it('decodes through the real host script and its worker', async () => {
    const pool = new CodecPool({ 'em310-udl': EM310.href }, { createWorker: nodeCodecWorker, timeoutMs: 2000 });
    const result = await pool.decode({ device: 'a', sensorId: 'S0001', type: 'em310-udl', bytes: em310Bytes(92, 2116, true), fPort: 85, time: Date.UTC(2026, 10, 24), keys: ['k'], field: 'distance', containerDepthMm: 2500 });
    expect(result).toEqual({ ok: true, observations: [{ sensorId: 'S0001', time: Date.UTC(2026, 10, 24), value: expect.closeTo(15.36, 5), keys: ['k'], quality: QUALITY_SUSPECT }] });
    const garbage = await pool.decode({ device: 'a', sensorId: 'S0001', type: 'em310-udl', bytes: Uint8Array.of(0x99, 0x99), fPort: 85, time: 0, keys: [], field: 'distance' });
    expect(garbage).toEqual({ ok: false, reason: 'device a: codec em310-udl: unknown channel 0x99 type 0x99 at offset 0' });
    pool.terminate();
  });

  it('terminates a codec that overruns its time limit, restarts it, and refuses only the culprit', async () => {
    const runner = new CodecRunner(pathToFileURL(looping).href, { createWorker: nodeCodecWorker, timeoutMs: 300 });
    const results = await Promise.all([runner.decode(uplink(1, 10)), runner.decode(uplink(13, 11)), runner.decode(uplink(1, 12))]);
    expect(results[0]).toEqual({ data: { distance: 10 } });
    expect(results[1]).toEqual({ errors: ['codec timed out after 300 ms'] });
    expect(results[2]).toEqual({ data: { distance: 12 } });
    expect(runner.counts.timedOut).toBe(1);
    expect(runner.counts.restarts).toBeGreaterThanOrEqual(2);
    // The runner goes on after the restart.
    expect(await runner.decode(uplink(2, 42))).toEqual({ data: { distance: 42 } });
    runner.terminate();
  }, 20_000);

  it('takes network and further imports away from the codec, and reports a codec that cannot load', async () => {
    const runner = new CodecRunner(pathToFileURL(spying).href, { createWorker: nodeCodecWorker });
    expect(await runner.decode(uplink(1, 1))).toEqual({ data: { fetch: 'undefined', xhr: 'undefined', ws: 'undefined', imports: 'undefined', distance: 5 } });
    runner.terminate();
    const missing = new CodecRunner(pathToFileURL(join(folder, 'absent.js')).href, { createWorker: nodeCodecWorker });
    const result = await missing.decode(uplink(1, 1));
    expect(String((result.errors as string[])[0])).toMatch(/ENOENT|absent/);
    missing.terminate();
  });
});
