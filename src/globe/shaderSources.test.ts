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

  it('makes the texts of unlinked programs computed from their sources, and then drops them once linked', () => {
    const context = { webgl2: true };
    const contexts: unknown[] = [];
    const source = (text: string) => ({
      createCombinedVertexShader: (c: unknown) => (contexts.push(c), `${text} (vertex)`),
      createCombinedFragmentShader: (c: unknown) => (contexts.push(c), `${text} (fragment)`),
    });
    const program: Record<string, unknown> = { _program: undefined, _vertexShaderSource: source('a'), _fragmentShaderSource: source('a'), _vertexShaderText: 'a (vertex)', _fragmentShaderText: 'a (fragment)' };
    // Cesium renamed this one's uniforms: its fragment text is not what its source gives.
    const renamed: Record<string, unknown> = { _program: undefined, _vertexShaderSource: source('b'), _fragmentShaderSource: source('b'), _vertexShaderText: 'b (vertex)', _fragmentShaderText: 'b (fragment) renamed' };
    const cache = { _shaders: { a: { shaderProgram: program }, b: { shaderProgram: renamed } } } as unknown as ShaderCacheLike;
    expect(releaseCompiledShaderTexts(cache, context)).toBe('a (vertex)'.length + 'a (fragment)'.length);
    expect(contexts.every((c) => c === context)).toBe(true);
    // Read when Cesium compiles: the same texts, computed.
    expect(program._vertexShaderText).toBe('a (vertex)');
    expect(program._fragmentShaderText).toBe('a (fragment)');
    expect(Object.getOwnPropertyDescriptor(program, '_vertexShaderText')?.get).toBeTypeOf('function');
    expect(renamed._fragmentShaderText).toBe('b (fragment) renamed');
    expect(Object.getOwnPropertyDescriptor(renamed, '_fragmentShaderText')?.get).toBeUndefined();
    // Looked at once only.
    expect(releaseCompiledShaderTexts(cache, context)).toBe(0);
    // Linked: the computed texts go, and a write makes a plain property again.
    program._program = {};
    renamed._program = {};
    const calls = contexts.length;
    expect(releaseCompiledShaderTexts(cache, context)).toBe('b (vertex)'.length + 'b (fragment) renamed'.length);
    expect(contexts.length).toBe(calls);
    expect(program._vertexShaderText).toBeUndefined();
    expect(program._fragmentShaderText).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(program, '_vertexShaderText')).toMatchObject({ value: undefined, writable: true });
  });

  it('defers a few unlinked programs a call, not all at once', () => {
    const source = { createCombinedVertexShader: () => 'v', createCombinedFragmentShader: () => 'f' };
    const shaders: Record<string, { shaderProgram: Record<string, unknown> }> = {};
    for (let i = 0; i < 10; i++) shaders[`p${i}`] = { shaderProgram: { _program: undefined, _vertexShaderSource: source, _fragmentShaderSource: source, _vertexShaderText: 'v', _fragmentShaderText: 'f' } };
    const cache = { _shaders: shaders } as unknown as ShaderCacheLike;
    expect(releaseCompiledShaderTexts(cache, {})).toBe(8);
    expect(releaseCompiledShaderTexts(cache, {})).toBe(8);
    expect(releaseCompiledShaderTexts(cache, {})).toBe(4);
    expect(releaseCompiledShaderTexts(cache, {})).toBe(0);
  });
});
