/**
 * Text encodings of French inventory exports: UTF-8 (with or without a BOM) or Windows-1252 (Excel
 * "CSV (séparateur : point-virgule)", older GIS). Decoded with the platform's `TextDecoder`.
 */
export type EncodingSource = 'bom' | 'valid-utf-8' | 'fallback' | 'cpg' | 'ldid' | 'default';

export interface DecodedText {
  text: string;
  encoding: string;
  source: EncodingSource;
}

/**
 * UTF-8 when the bytes start with its BOM or are valid UTF-8 with at least one multi-byte
 * sequence or plain ASCII; otherwise Windows-1252 (a lone byte ≥ 0x80 is not valid UTF-8, so an
 * "é" written as 0xE9 is caught).
 */
export function decodeDetected(bytes: Uint8Array): DecodedText {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', source: 'bom' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', source: 'valid-utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', source: 'fallback' };
  }
}

/**
 * Windows-1252 as the WHATWG table says (0x80 '€', 0x9C 'œ', 0x9F 'Ÿ'…). Node 20's TextDecoder
 * takes a Latin-1 shortcut for a whole-buffer decode of 'windows-1252' and gives C1 controls for
 * 0x80–0x9F; a streaming decode goes through ICU's table (a single-byte encoding keeps nothing
 * pending), so `npm run import` reads "Œuvre" as the browser does.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes, { stream: true });
}

/** A `.cpg` file's content (`UTF-8`, `1252`, `ANSI 1252`, `ISO-8859-1`…) as a TextDecoder label, or null. */
export function encodingFromCpg(content: string): string | null {
  const value = content.trim().toLowerCase();
  if (value === '') return null;
  if (/utf-?8/.test(value)) return 'utf-8';
  if (/(^|\D)1252$/.test(value) || value === 'ansi') return 'windows-1252';
  if (/8859-?15/.test(value)) return 'iso-8859-15';
  if (/8859-?1$/.test(value) || value === 'latin1') return 'windows-1252';
  try {
    return new TextDecoder(value).encoding;
  } catch {
    return null;
  }
}

/**
 * The dBASE header's language driver id (byte 29) as a TextDecoder label, or null when it says
 * nothing (0) or something this table does not know. Codes from the ESRI/dBASE code page table.
 */
export function encodingFromLdid(ldid: number): string | null {
  switch (ldid) {
    case 0x03: // Windows ANSI
    case 0x57: // ANSI (ESRI's usual value)
    case 0x58: // Western European ANSI
      return 'windows-1252';
    case 0x64:
      return 'windows-1250';
    case 0x65:
      return 'ibm866';
    case 0xc8:
      return 'windows-1250';
    case 0xc9:
      return 'windows-1251';
    case 0xca:
      return 'windows-1254';
    case 0xcb:
      return 'windows-1253';
    default:
      // 0: not said; DOS code pages (437, 850) have no TextDecoder: the caller falls back to Windows-1252.
      return null;
  }
}

export function decodeWith(bytes: Uint8Array, encoding: string): string {
  try {
    const decoder = new TextDecoder(encoding);
    return decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
