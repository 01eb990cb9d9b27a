/**
 * zod without its JIT: zod 4 compiles object parsers with `new Function` when the page allows it,
 * and probes that by calling it. Under the page's Content Security Policy (no 'unsafe-eval') the
 * probe would be refused and reported; jitless parsing is plenty fast for Vigie's files.
 * Imported first by the page's entry points.
 */
import { z } from 'zod';

z.config({ jitless: true });
