import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { cspPlugin } from './scripts/csp';

export default defineConfig({
  // Relative paths: the built app runs from any folder of any static host.
  base: './',
  plugins: [
    react(),
    // The Content Security Policy, as a meta tag in the built pages (scripts/csp.ts).
    cspPlugin('public'),
    // The service worker (dist/sw.js, Workbox): the app, Cesium's assets and the demo territory are
    // precached so that a kiosk starts with the network gone; other territories' files are cached as
    // they are read. The manifest and icons are our own files in public/. Registered by
    // src/app/kiosk/serviceWorker.ts (kiosk, installed app, or ?sw=1).
    VitePWA({
      strategies: 'generateSW',
      injectRegister: false,
      manifest: false,
      filename: 'sw.js',
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,json,geojson,bin,png,jpg,svg,wasm,webmanifest,xml,txt,ktx2,glb}'],
        // The benchmark's bare viewer and the browser tests' fixtures are not part of the app.
        globIgnores: ['bare.html', 'assets/bare-*', '_test/**', 'sw.js', 'workbox-*.js'],
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/\/_test\//, /bare\.html$/],
        // The URL carries the mode and scene: the cached page answers for every query.
        ignoreURLParametersMatching: [/.*/],
        cleanupOutdatedCaches: true,
        // A new deployment takes over at once; the kiosk reloads itself at its next idle moment.
        skipWaiting: true,
        clientsClaim: true,
        runtimeCaching: [
          {
            // Territory files that are not in the build (another manifest on the same site).
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /\.(json|geojson|csv|bin|png|tif)$/.test(url.pathname) && !url.pathname.includes('/_test/'),
            handler: 'NetworkFirst',
            options: { cacheName: 'vigie-territory', networkTimeoutSeconds: 4, expiration: { maxEntries: 400 } },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    // The app, and the bare viewer that `npm run bench:load` compares it with.
    rollupOptions: { input: { main: 'index.html', bare: 'bare.html' } },
  },
  server: { port: 5173 },
  preview: { port: 4173 },
});
