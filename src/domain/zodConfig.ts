/**
 * zod without its JIT: zod 4 compiles object parsers with `new Function` when the page allows it,
 * and probes that by calling it. Under the page's Content Security Policy (no 'unsafe-eval') the
 * probe would be refused and reported; jitless parsing is plenty fast for Vigie's files.
 * Set here for the workers and Node; the page sets it even earlier, before any module runs
 * (public/zod-jitless.js, a classic script in index.html), because zod decides at schema creation.
 */
import { z } from 'zod';

z.config({ jitless: true });
