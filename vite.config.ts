import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { cspPlugin } from './scripts/csp';

export default defineConfig({
  // Relative paths: the built app runs from any folder of any static host.
  base: './',
  // The Content Security Policy, as a meta tag in the built pages (scripts/csp.ts).
  plugins: [react(), cspPlugin('public')],
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
