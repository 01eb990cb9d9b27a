// Runs before the app's modules (a classic script, not inline: the page's CSP forbids inline
// script). zod 4 decides at schema creation whether to compile parsers with `new Function`,
// probing it first; under the CSP (no 'unsafe-eval') the probe would be refused and reported.
// Jitless from the start: the probe never runs. See src/domain/zodConfig.ts and scripts/csp.ts.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
