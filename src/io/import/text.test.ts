import { describe, expect, it } from 'vitest';
import { decodeDetected, decodeWith } from './text';

describe('Windows-1252 text', () => {
  // "Œuvre – 50 €" and "Ÿ" as Excel writes them: bytes 0x80–0x9F are letters and signs in
  // Windows-1252, not C1 controls (Node 20's whole-buffer decode gets them wrong).
  const bytes = Uint8Array.from([0x8c, 0x75, 0x76, 0x72, 0x65, 0x20, 0x96, 0x20, 0x35, 0x30, 0x20, 0x80, 0x3b, 0x9f, 0xe9]);

  it('is detected and decoded with the WHATWG table', () => {
    expect(decodeDetected(bytes)).toEqual({ text: 'Œuvre – 50 €;Ÿé', encoding: 'windows-1252', source: 'fallback' });
  });

  it('reads the same when the encoding is named (a .cpg or dBASE header)', () => {
    expect(decodeWith(bytes, 'windows-1252')).toBe('Œuvre – 50 €;Ÿé');
    expect(decodeWith(bytes, 'latin1')).toBe('Œuvre – 50 €;Ÿé');
    expect(decodeWith(bytes, 'no-such-encoding')).toBe('Œuvre – 50 €;Ÿé');
  });
});
