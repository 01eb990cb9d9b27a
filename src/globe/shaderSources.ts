/**
 * Cesium keeps, in every shader program of its cache, the whole GLSL text of both shaders as they
 * were compiled (`_vertexShaderText`, `_fragmentShaderText`: the program's sources with all of
 * Cesium's built-in functions it uses, 20 to 60 KB each), for as long as the program lives. Once
 * the program is linked nothing reads them again (Cesium does not rebuild programs; a lost context
 * means a new view here, with its own cache); derived programs (picking, depth only, log depth) are
 * made from the program's `ShaderSource`, which stays. A kiosk measured 3.4 MB of these texts in its
 * heap (tests/bench/soak.bench.ts), growing with every program the weeks bring.
 * `releaseCompiledShaderTexts` drops the texts of the linked programs; TwinGlobe calls it now and
 * then after a frame. Programs not linked yet keep theirs (they are compiled from them on first use).
 */

/** The part of Cesium's private `ShaderProgram` this needs. */
export interface ShaderProgramLike {
  /** The WebGL program, once compiled and linked. */
  _program?: unknown;
  _vertexShaderText?: string;
  _fragmentShaderText?: string;
}

/** The part of Cesium's private `ShaderCache` this needs. */
export interface ShaderCacheLike {
  _shaders: Record<string, { shaderProgram?: ShaderProgramLike } | undefined>;
}

/** Drops the GLSL texts of the linked programs of a cache; returns the characters released. */
export function releaseCompiledShaderTexts(cache: ShaderCacheLike | null | undefined): number {
  if (!cache || typeof cache._shaders !== 'object' || cache._shaders === null) return 0;
  let released = 0;
  for (const keyword in cache._shaders) {
    const program = cache._shaders[keyword]?.shaderProgram;
    if (!program || program._program === undefined || program._program === null) continue;
    if (typeof program._vertexShaderText === 'string') {
      released += program._vertexShaderText.length;
      program._vertexShaderText = undefined;
    }
    if (typeof program._fragmentShaderText === 'string') {
      released += program._fragmentShaderText.length;
      program._fragmentShaderText = undefined;
    }
  }
  return released;
}

/** The shader cache of a Cesium scene (private). */
export function sceneShaderCache(scene: unknown): ShaderCacheLike | undefined {
  return (scene as { context?: { shaderCache?: ShaderCacheLike } }).context?.shaderCache;
}
