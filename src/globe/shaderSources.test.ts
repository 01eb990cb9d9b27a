import { describe, expect, it } from 'vitest';
import { releaseCompiledShaderTexts, sceneShaderCache, type ShaderCacheLike } from './shaderSources';

describe('releaseCompiledShaderTexts', () => {
  it('drops the texts of linked programs only and counts what it released', () => {
    const linked = { _program: {}, _vertexShaderText: 'void main() {}', _fragmentShaderText: 'out vec4 c;' };
    const pending = { _program: undefined, _vertexShaderText: 'vertex', _fragmentShaderText: 'fragment' };
    const cache: ShaderCacheLike = { _shaders: { a: { shaderProgram: linked }, b: { shaderProgram: pending }, c: undefined, d: {} } };
    expect(releaseCompiledShaderTexts(cache)).toBe('void main() {}'.length + 'out vec4 c;'.length);
    expect(linked._vertexShaderText).toBeUndefined();
    expect(linked._fragmentShaderText).toBeUndefined();
    expect(pending._vertexShaderText).toBe('vertex');
    expect(pending._fragmentShaderText).toBe('fragment');
    // A second pass finds nothing left to release.
    expect(releaseCompiledShaderTexts(cache)).toBe(0);
  });

  it('does nothing without a cache it recognises', () => {
    expect(releaseCompiledShaderTexts(undefined)).toBe(0);
    expect(releaseCompiledShaderTexts({} as ShaderCacheLike)).toBe(0);
    expect(sceneShaderCache({})).toBeUndefined();
    const cache = { _shaders: {} };
    expect(sceneShaderCache({ context: { shaderCache: cache } })).toBe(cache);
  });
});
