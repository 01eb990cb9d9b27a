/**
 * Share links (src/domain/session/urlState.ts): the whole view in a query string. Inputs are valid
 * links with random damage (a parameter cut, swapped for hostile text, duplicated, or the query
 * truncated), and arbitrary text. A link is either read whole, and then writing it again gives a
 * link that reads back to the same state, or refused with each problem naming its parameter;
 * never an exception, never half applied.
 */
import fc from 'fast-check';
import LZString from 'lz-string';
import { LINK_LAYERS, decodeViewState, encodeViewState, type ViewState } from '../../../src/domain/session/urlState';
import { hostileString } from '../arbitraries';
import type { FuzzEntry } from '../entry';

const PARAMETERS = ['v', 'scene', 'session', 'slide', 'lang', 'mode', 'cam', 't', 'play', 'layers', 'view', 'div', 'light', 'lightz', 'waste'] as const;

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const validState: fc.Arbitrary<ViewState> = fc.record({
  scene: fc.option(fc.constantFrom('default', 'centre-bourg', 'rue'), { nil: null }),
  session: fc.option(fc.constantFrom('conseil-demo'), { nil: null }),
  slide: fc.nat({ max: 59 }),
  camera: fc.option(fc.record({ lon: finite(-180, 180), lat: finite(-89, 89), heightMetres: finite(1, 1e6), headingDegrees: finite(0, 360), pitchDegrees: finite(-90, 0), rollDegrees: finite(-1, 1) }), { nil: null }),
  time: fc.option(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2100-01-01T00:00:00Z') }), { nil: null }),
  playing: fc.boolean(),
  layers: fc.option(fc.tuple(...LINK_LAYERS.map(() => fc.boolean())).map((flags) => Object.fromEntries(LINK_LAYERS.map((layer, i) => [layer, flags[i]])) as ViewState['layers']), { nil: null }),
  language: fc.constantFrom('fr' as const, 'en' as const),
  mode: fc.constantFrom('planning' as const, 'engineer' as const, 'kiosk' as const),
  view: fc.constantFrom('single' as const, 'split' as const, 'swipe' as const),
  divider: finite(0, 1),
  lighting: fc.oneof(fc.constant(null), fc.constantFrom('extinction-23h-5h', 'abaissement-50').map((id) => ({ id })), fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 12 }), fc.integer())).map((inline) => ({ inline }))),
  waste: fc.option(fc.record({ policy: fc.constantFrom('fixed' as const, 'fill-level' as const), thresholdPercent: fc.integer({ min: 1, max: 100 }), vehicles: fc.integer({ min: 1, max: 9 }), weeks: fc.integer({ min: 1, max: 8 }) }), { nil: null }),
});

type Damage = { kind: 'drop' | 'replace' | 'duplicate'; parameter: (typeof PARAMETERS)[number]; text: string } | { kind: 'truncate'; at: number };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop' as const, 'replace' as const, 'duplicate' as const), parameter: fc.constantFrom(...PARAMETERS), text: fc.oneof(hostileString, fc.string(), fc.constant(LZString.compressToEncodedURIComponent('[1,2'))) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(query: string, change: Damage): string {
  if (change.kind === 'truncate') return query.slice(0, change.at % (query.length + 1));
  const params = new URLSearchParams(query);
  if (change.kind === 'drop') params.delete(change.parameter);
  else if (change.kind === 'replace') params.set(change.parameter, change.text);
  else params.append(change.parameter, change.text);
  return params.toString();
}

const linkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: validState.map(encodeViewState) },
  { weight: 4, arbitrary: fc.tuple(validState, fc.array(damage, { minLength: 1, maxLength: 4 })).map(([state, changes]) => changes.reduce(apply, encodeViewState(state))) },
  { weight: 1, arbitrary: fc.oneof(hostileString, fc.string()).map((text) => `?${text}`) },
  { weight: 1, arbitrary: fc.string() },
);

function run(query: string): string[] {
  const read = decodeViewState(query);
  if (!read.ok) {
    if (read.problems.length === 0) return ['refused without a problem'];
    return read.problems.flatMap((problem) => (typeof problem === 'string' && PARAMETERS.some((name) => problem.startsWith(name)) ? [] : [`a problem that names no parameter: ${JSON.stringify(problem)}`]));
  }
  const again = decodeViewState(encodeViewState(read.state));
  if (!again.ok) return [`a link read whole does not read back once written: ${again.problems.join('; ')}`];
  if (encodeViewState(again.state) !== encodeViewState(read.state)) return [`writing the link again changes it: ${encodeViewState(read.state)} → ${encodeViewState(again.state)}`];
  const camera = read.state.camera;
  if (camera && ![camera.lon, camera.lat, camera.heightMetres, camera.headingDegrees, camera.pitchDegrees, camera.rollDegrees].every(Number.isFinite)) return [`a camera with a number that is not finite: ${JSON.stringify(camera)}`];
  return [];
}

export const entries = [{ name: 'share link', arbitrary: linkText, run }] as FuzzEntry[];
