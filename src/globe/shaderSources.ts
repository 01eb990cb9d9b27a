/**
 * Cesium keeps, in every shader program of its cache, the whole GLSL text of both shaders as they
 * were compiled (`_vertexShaderText`, `_fragmentShaderText`: the program's sources with all of
 * Cesium's built-in functions it uses, 20 to 60 KB each), for as long as the program lives. Once
 * the program is linked nothing reads them again (Cesium does not rebuild programs; a lost context
 * means a new view here, with its own cache); derived programs (picking, depth only, log depth) are
 * made from the program's `ShaderSource`, which stays. A kiosk measured 3.4 MB of these texts in its
 * heap (tests/bench/soak.bench.ts), growing with every program the weeks bring.
 * `releaseCompiledShaderTexts` drops the texts of the linked programs; TwinGlobe calls it now and
 * then after a frame.
 * Programs not linked yet (most derived ones: picking, log depth, depth only, made in advance and
 * often never drawn) need their texts on first use; given the scene's context, their texts become
 * computed on demand from the program's `ShaderSource` (as Cesium's cache made them), once a check
 * finds the computed text equal to the one kept. A kiosk had 18 such programs' texts in its heap
 * (48 KB vertex texts each), more or fewer with what the screen showed lately.
 */

/** The part of Cesium's private `ShaderSource` this needs. */
export interface ShaderSourceLike {
  createCombinedVertexShader?: (context: unknown) => string;
  createCombinedFragmentShader?: (context: unknown) => string;
}

/** The part of Cesium's private `ShaderProgram` this needs. */
export interface ShaderProgramLike {
  /** The WebGL program, once compiled and linked. */
  _program?: unknown;
  _vertexShaderText?: string;
  _fragmentShaderText?: string;
  _vertexShaderSource?: ShaderSourceLike;
  _fragmentShaderSource?: ShaderSourceLike;
}

/** The part of Cesium's private `ShaderCache` this needs. */
export interface ShaderCacheLike {
  _shaders: Record<string, { shaderProgram?: ShaderProgramLike } | undefined>;
}

/** Programs already looked at for deferred texts (whether or not they could be deferred). */
const looked = new WeakSet<object>();

/** Unlinked programs whose texts are deferred in one call at most (each check combines both texts once). */
const DEFER_PER_CALL = 4;

type TextKey = '_vertexShaderText' | '_fragmentShaderText';

function isDeferred(program: ShaderProgramLike, key: TextKey): boolean {
  return typeof Object.getOwnPropertyDescriptor(program, key)?.get === 'function';
}

/** The text becomes computed when read; a write (Cesium's, or the release below) makes it plain again. */
function deferText(program: ShaderProgramLike, key: TextKey, make: () => string): void {
  Object.defineProperty(program, key, {
    configurable: true,
    enumerable: true,
    get: make,
    set: (value: string | undefined) => Object.defineProperty(program, key, { value, writable: true, configurable: true, enumerable: true }),
  });
}

/** Makes an unlinked program's texts computed on demand, if its sources give exactly the texts kept; returns the characters released. */
function deferTexts(program: ShaderProgramLike, context: unknown): number {
  const vertex = program._vertexShaderSource;
  const fragment = program._fragmentShaderSource;
  const vertexText = program._vertexShaderText;
  const fragmentText = program._fragmentShaderText;
  if (typeof vertexText !== 'string' || typeof fragmentText !== 'string') return 0;
  if (typeof vertex?.createCombinedVertexShader !== 'function' || typeof fragment?.createCombinedFragmentShader !== 'function') return 0;
  const makeVertex = () => vertex.createCombinedVertexShader!(context);
  const makeFragment = () => fragment.createCombinedFragmentShader!(context);
  // Cesium renames a fragment shader's uniforms in some programs (precision mismatches), and a
  // source could have changed since: then the texts stay as they are.
  if (makeVertex() !== vertexText || makeFragment() !== fragmentText) return 0;
  deferText(program, '_vertexShaderText', makeVertex);
  deferText(program, '_fragmentShaderText', makeFragment);
  return vertexText.length + fragmentText.length;
}

/**
 * Drops the GLSL texts of the linked programs of a cache and, given the scene's context, defers
 * those of a few programs not linked yet; returns the characters released.
 */
export function releaseCompiledShaderTexts(cache: ShaderCacheLike | null | undefined, context?: unknown): number {
  if (!cache || typeof cache._shaders !== 'object' || cache._shaders === null) return 0;
  let released = 0;
  let deferred = 0;
  for (const keyword in cache._shaders) {
    const program = cache._shaders[keyword]?.shaderProgram;
    if (!program) continue;
    if (program._program === undefined || program._program === null) {
      if (context === undefined || deferred >= DEFER_PER_CALL || looked.has(program)) continue;
      looked.add(program);
      const characters = deferTexts(program, context);
      if (characters > 0) deferred++;
      released += characters;
      continue;
    }
    for (const key of ['_vertexShaderText', '_fragmentShaderText'] as const) {
      if (isDeferred(program, key)) program[key] = undefined;
      else if (typeof program[key] === 'string') {
        released += program[key].length;
        program[key] = undefined;
      }
    }
  }
  return released;
}

/** The WebGL context wrapper of a Cesium scene (private), which combined shader texts depend on. */
export function sceneContext(scene: unknown): unknown {
  return (scene as { context?: unknown }).context;
}

/** The shader cache of a Cesium scene (private). */
export function sceneShaderCache(scene: unknown): ShaderCacheLike | undefined {
  return (sceneContext(scene) as { shaderCache?: ShaderCacheLike } | undefined)?.shaderCache;
}
