/**
 * The Content Security Policy of the production build, written as a <meta http-equiv> into every
 * built page (a static app has no server to send headers; `frame-ancestors`, `report-uri` and
 * `sandbox` cannot be set that way: a host that can should also send them as headers).
 *
 * - No inline script, no `unsafe-eval`: every script is a file of this origin. CesiumJS 1.140
 *   does not need eval for what Vigie uses (CesiumWidget, primitives, its workers from
 *   ./cesium/Workers/); zod would probe `new Function` for its JIT, so the app sets it jitless
 *   (src/domain/zodConfig.ts). The browser test (tests/browser/suites/hardening.ts) fails on any
 *   violation while the demo loads and the panels are used.
 * - `worker-src 'self' blob:`: the app's workers and Cesium's (which it may start from a blob).
 * - `connect-src`: the page's origin, the public services a twin is built from (issue 9: the
 *   commune list, IGN's Géoplateforme, Overpass), the origins named in the services of the
 *   manifests shipped in public/, and `ws:`/`wss:` for MQTT brokers. A meta policy is static while
 *   a manifest can name any broker: listing the schemes is the trade-off (the page itself decides
 *   which broker to open, from the manifest only). Other HTTPS services: add their origins with
 *   VIGIE_CSP_CONNECT="https://a.example https://b.example" at build time.
 * - `img-src 'self' data: blob: https://data.geopf.fr`: Cesium's and the canvases' data/blob
 *   images, IGN's tiles.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** The public services of issue 9 (commune build). */
export const PUBLIC_SERVICES = ['https://geo.api.gouv.fr', 'https://data.geopf.fr', 'https://overpass-api.de', 'https://overpass.kumi.systems'];

/** Origins of the http(s) services named by the manifests under `folder` (public/). */
export function manifestServiceOrigins(folder: string): string[] {
  const origins = new Set<string>();
  const visit = (directory: string, depth: number): void => {
    if (depth > 3 || !existsSync(directory)) return;
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (name === 'cesium' || name === 'node_modules') continue;
      if (statSync(path).isDirectory()) visit(path, depth + 1);
      else if (name === 'manifest.json') {
        try {
          const services = (JSON.parse(readFileSync(path, 'utf8')) as { services?: Array<{ url?: unknown }> }).services ?? [];
          for (const service of services) {
            if (typeof service.url !== 'string') continue;
            const url = new URL(service.url);
            if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
          }
        } catch {
          // A broken manifest is the loader's business; it adds no origin here.
        }
      }
    }
  };
  visit(folder, 0);
  return [...origins].sort();
}

export function contentSecurityPolicy(extraConnect: readonly string[] = []): string {
  const connect = ["'self'", 'data:', 'blob:', ...PUBLIC_SERVICES, ...extraConnect, 'ws:', 'wss:'];
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https://data.geopf.fr'],
    'font-src': ["'self'", 'data:'],
    'connect-src': [...new Set(connect)],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'media-src': ["'self'", 'data:', 'blob:'],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Vite plugin: the policy as the first element of <head> of every page, in `vite build` only. */
export function cspPlugin(publicFolder: string): Plugin {
  return {
    name: 'vigie-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (process.env.VIGIE_CSP === 'off') return html; // For diagnosis only: the tests expect the policy.
        const extra = (process.env.VIGIE_CSP_CONNECT ?? '').split(/\s+/u).filter((origin) => /^(https?|wss?):\/\/[^\s;,'"]+$/u.test(origin));
        const policy = contentSecurityPolicy([...manifestServiceOrigins(publicFolder), ...extra]);
        if (/<script(?![^>]*\bsrc=)[^>]*>/iu.test(html)) throw new Error('vigie-csp: a page has an inline <script>, which the policy forbids');
        const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
        // After the charset (which must come first), before anything that loads.
        return /<meta charset="UTF-8" \/>/iu.test(html) ? html.replace(/(<meta charset="UTF-8" \/>)/iu, `$1\n    ${meta}`) : html.replace(/<head>/iu, `<head>\n    ${meta}`);
      },
    },
  };
}
