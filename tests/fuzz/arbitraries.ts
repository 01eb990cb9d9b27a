/** Generators shared by the entries: damaged documents, hostile strings, valid records. */
import fc from 'fast-check';

/** Strings a hostile or careless file holds: markup, formulas, control characters, huge numbers. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '=HYPERLINK("http://x","y")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '__proto__',
    'constructor',
    'prototype',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '"',
    ',',
    '\r\n',
    '',
    ' ',
    '9'.repeat(400),
  ),
);

/** Any JSON value, with hostile strings among them. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 0.5, [], {}, [[]], { type: 'FeatureCollection' }),
  fc.double(),
  fc.integer(),
);

type Step = { path: number[]; kind: 'set' | 'delete' | 'wrap' | 'duplicate'; value: unknown };

const step: fc.Arbitrary<Step> = fc.record({
  path: fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
  kind: fc.constantFrom('set', 'set', 'delete', 'wrap', 'duplicate'),
  value: anyJson,
});

/** Applies one damage to a copy of `document`: the path picks keys or items by index, modulo their count. */
function apply(document: unknown, damage: Step): unknown {
  const root = { value: structuredClone(document) as unknown };
  let parent: Record<string, unknown> | unknown[] = root as unknown as Record<string, unknown>;
  let key: string | number = 'value';
  for (const index of damage.path) {
    const current: unknown = (parent as Record<string | number, unknown>)[key];
    if (typeof current !== 'object' || current === null) break;
    const keys: Array<string | number> = Array.isArray(current) ? current.map((_, i) => i) : Object.keys(current);
    if (keys.length === 0) break;
    parent = current as Record<string, unknown>;
    key = keys[index % keys.length];
  }
  const container = parent as Record<string | number, unknown>;
  switch (damage.kind) {
    case 'set':
      container[key] = damage.value;
      break;
    case 'delete':
      if (Array.isArray(container)) container.splice(key as number, 1);
      else delete container[key];
      break;
    case 'wrap':
      container[key] = [container[key]];
      break;
    case 'duplicate':
      if (Array.isArray(container)) container.push(structuredClone(container[key]));
      else container[`${String(key)}_`] = container[key];
      break;
  }
  return root.value;
}

/** `document` with 1 to 4 random damages (the same seed gives the same damages). */
export function damaged<T>(document: T): fc.Arbitrary<unknown> {
  return fc.array(step, { minLength: 1, maxLength: 4 }).map((steps) => steps.reduce<unknown>((doc, damage) => apply(doc, damage), document));
}

/** Text for a JSON entry point: damaged valid documents most of the time, else arbitrary text. */
export function jsonText(valid: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: valid.chain((document) => damaged(document)).map((document) => JSON.stringify(document) ?? 'undefined') },
    { weight: 1, arbitrary: valid.map((document) => JSON.stringify(document)) },
    { weight: 1, arbitrary: anyJson.map((value) => JSON.stringify(value) ?? '') },
    { weight: 1, arbitrary: hostileString },
    { weight: 1, arbitrary: valid.chain((document) => fc.nat().map((cut) => { const text = JSON.stringify(document); return text.slice(0, cut % (text.length + 1)); })) },
  );
}
