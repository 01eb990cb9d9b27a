/**
 * Large inventory files read in chunks, so that a 200 MB CSV or a GeoJSON of 500,000 features
 * never has to be one string in memory, reports its progress as it goes, can be cancelled, and is
 * refused with a clear message past a real limit (`IMPORT_LIMITS`) instead of freezing the tab.
 * Run in the import worker (workers/import); pure enough for Node's tests (Blob is global there).
 *
 * - Encoding: decided on the first megabyte (BOM, else valid UTF-8, else Windows-1252); if a
 *   later chunk is not valid UTF-8 after all, the file is read again as Windows-1252.
 * - CSV: papaparse's own chunked streaming (its readable-stream input: partial lines carried from
 *   one chunk to the next, delimiter guessed on the first), rows handed to `CsvTableBuilder`.
 * - GeoJSON: `FeatureSplitter` finds each element of the top-level `features` array in the text
 *   (tracking strings, escapes and nesting), and each feature is `JSON.parse`d alone; `type` and
 *   `crs` are read wherever they stand. A single Feature falls back to the whole-file reader.
 */
import type { ProblemWords } from '../../domain/problem';
import Papa from 'papaparse';
import { CSV_DELIMITERS, CsvTableBuilder, headerDelimiter } from './csv';
import { GeoJsonTableBuilder, readGeoJson } from './geojson';
import type { RawTable } from './types';
import type { EncodingSource } from './text';

export const IMPORT_LIMITS = {
  /** Records (CSV lines, features, shapefile records) in one file: past this, the file is refused. */
  records: 200_000,
  /** Size of a file read in chunks (CSV, GeoJSON), bytes. */
  streamedBytes: 1024 * 1024 * 1024,
  /** Size of a file that must be read whole (zip, shapefile parts), bytes. */
  wholeBytes: 256 * 1024 * 1024,
  /** Bytes read at a time. */
  chunkBytes: 4 * 1024 * 1024,
} as const;

export interface StreamOptions {
  /** Bytes done, bytes in all; called after each chunk. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  chunkBytes?: number;
  maxRecords?: number;
}

/** Thrown when the reading is cancelled through the signal. */
export class ImportCancelled extends Error {
  constructor(readonly file: string) {
    super(`${file}: import annulé`);
    this.name = 'ImportCancelled';
  }
}

interface Encoding {
  encoding: string;
  source: EncodingSource;
}

/** The encoding of a file from its first megabyte. */
export async function detectBlobEncoding(blob: Blob): Promise<Encoding> {
  const head = new Uint8Array(await blob.slice(0, 1024 * 1024).arrayBuffer());
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', source: 'bom' };
  try {
    // `stream: true`: a character cut at the end of the slice is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return { encoding: 'utf-8', source: 'valid-utf-8' };
  } catch {
    return { encoding: 'windows-1252', source: 'fallback' };
  }
}

class NotUtf8 extends Error {}

/** The text of a blob, chunk by chunk, decoded as `encoding` (UTF-8 strictly: a bad byte throws NotUtf8). */
async function eachText(file: string, blob: Blob, encoding: Encoding, options: StreamOptions, onText: (text: string) => boolean): Promise<void> {
  const chunk = options.chunkBytes ?? IMPORT_LIMITS.chunkBytes;
  const decoder = new TextDecoder(encoding.encoding, { fatal: encoding.encoding === 'utf-8', ignoreBOM: false });
  for (let start = 0; start < blob.size; start += chunk) {
    if (options.signal?.aborted) throw new ImportCancelled(file);
    const bytes = new Uint8Array(await blob.slice(start, Math.min(blob.size, start + chunk)).arrayBuffer());
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: start + chunk < blob.size });
    } catch {
      throw new NotUtf8();
    }
    options.onProgress?.(Math.min(blob.size, start + chunk), blob.size);
    if (!onText(text)) return;
    // A turn of the event loop between chunks: a cancel message (or a timer) gets its turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (blob.size === 0) options.onProgress?.(0, 0);
}

/** Reads with the detected encoding; UTF-8 that turns out not to be is read again as Windows-1252. */
async function withEncoding(file: string, blob: Blob, options: StreamOptions, read: (encoding: Encoding) => Promise<RawTable>): Promise<RawTable> {
  const encoding = await detectBlobEncoding(blob);
  try {
    return await read(encoding);
  } catch (error) {
    if (!(error instanceof NotUtf8)) throw error;
    return read({ encoding: 'windows-1252', source: 'fallback' });
  }
}

/** Characters given to papaparse at once at the start, for its guess of the delimiter. */
const FIRST_CHUNK = 64 * 1024;

/** A CSV file read in chunks (see the file's comment). */
export function readCsvStream(file: string, blob: Blob, options: StreamOptions = {}): Promise<RawTable> {
  return withEncoding(file, blob, options, async (encoding) => {
    const builder = new CsvTableBuilder(file, encoding, options.maxRecords ?? IMPORT_LIMITS.records);
    // papaparse streams from anything shaped as a Node readable: we push the decoded chunks.
    const listeners = new Map<string, (value?: unknown) => void>();
    const input = {
      readable: true,
      read() {},
      on(event: string, listener: (value?: unknown) => void) {
        listeners.set(event, listener);
      },
      removeListener(event: string) {
        listeners.delete(event);
      },
      pause() {},
      resume() {},
    };
    let delimiter: string | undefined;
    let rowsBefore = 0;
    const parserErrors: Array<{ row?: number; message: string; code?: string }> = [];
    const seenErrors = new Set<string>();
    // Started with the first text, once the header's delimiter is known (see headerDelimiter).
    const start = (first: string) =>
      Papa.parse<string[]>(input as never, {
        delimiter: headerDelimiter(first),
        delimitersToGuess: CSV_DELIMITERS,
        skipEmptyLines: false,
        chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
          if (delimiter === undefined) {
            delimiter = results.meta.delimiter || ';';
            builder.table.delimiter = delimiter;
          }
          // The parser's own errors come after the rows' problems, as when the file is read whole.
          // A row cut at the end of a chunk is parsed again with the next one: its errors are said once.
          for (const error of results.errors) {
            const row = typeof error.row === 'number' ? error.row + rowsBefore : undefined;
            const key = `${row}|${error.code}|${error.message}`;
            if (seenErrors.has(key)) continue;
            seenErrors.add(key);
            parserErrors.push({ ...error, row });
          }
          for (const row of results.data) {
            builder.add(row);
            if (builder.full) {
              parser.abort();
              return;
            }
          }
          rowsBefore += results.data.length;
        },
      } as Papa.ParseConfig<string[]>);
    // papaparse guesses the delimiter on its first chunk: it gets at least FIRST_CHUNK characters.
    let head: string | null = '';
    await eachText(file, blob, encoding, options, (text) => {
      if (head !== null) {
        head += text;
        if (head.length < FIRST_CHUNK) return true;
        text = head;
        head = null;
        start(text);
      }
      listeners.get('data')?.(text);
      return !builder.full;
    });
    if (head !== null) {
      start(head);
      listeners.get('data')?.(head);
    }
    if (!builder.full) listeners.get('end')?.();
    for (const error of parserErrors) builder.error(error);
    return builder.finish(delimiter);
  });
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;

/**
 * Splits the text of a GeoJSON FeatureCollection, pushed in pieces, into its features (each given
 * to `onFeature` as text), and keeps the top-level `type` and `crs` members. Only the text of the
 * feature being read is held, never the whole file.
 */
export class FeatureSplitter {
  private buffer = '';
  /** Absolute position of buffer[0] in the whole text. */
  private offset = 0;
  private position = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Start (absolute) of the string being read at depth 1, to know the member's name. */
  private stringStart = -1;
  private stringIsKey = false;
  private key: string | null = null;
  private expectingValue = false;
  /** The member of the root object whose value is being kept (type, crs), and where it starts. */
  private keeping: { key: string; start: number } | null = null;
  private inFeatures = false;
  private featureStart = -1;
  readonly members: Record<string, string> = {};
  /** The root is an object; false once something else is seen. */
  rootIsObject = true;
  sawFeatures = false;

  constructor(private readonly onFeature: (text: string) => void) {}

  get complete(): boolean {
    return this.depth === 0 && this.offset + this.buffer.length > 0 && !this.inString;
  }

  push(text: string): void {
    this.buffer += text;
    const buffer = this.buffer;
    const base = this.offset;
    for (let i = this.position - base; i < buffer.length; i++) {
      const code = buffer.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) {
          this.inString = false;
          if (this.depth === 1 && this.stringStart >= 0 && this.stringIsKey) this.key = buffer.slice(this.stringStart - base + 1, i);
          this.stringStart = -1;
        }
        continue;
      }
      switch (code) {
        case QUOTE:
          this.inString = true;
          if (this.depth === 2 && this.inFeatures && this.featureStart < 0) this.featureStart = base + i;
          if (this.depth === 1) {
            this.stringStart = base + i;
            this.stringIsKey = !this.expectingValue;
            if (this.expectingValue) this.startValue(base + i);
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          if (this.depth === 0 && code !== OPEN_BRACE) this.rootIsObject = false;
          if (this.depth === 1 && this.expectingValue) {
            if (this.key === 'features' && code === OPEN_BRACKET) {
              this.inFeatures = true;
              this.sawFeatures = true;
              this.expectingValue = false;
            } else this.startValue(base + i);
          } else if (this.depth === 2 && this.inFeatures && this.featureStart < 0) this.featureStart = base + i;
          this.depth++;
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.depth--;
          if (this.depth === 2 && this.featureStart >= 0) {
            this.onFeature(buffer.slice(this.featureStart - base, i + 1));
            this.featureStart = -1;
          } else if (this.depth === 1 && this.inFeatures && code === CLOSE_BRACKET) {
            // A scalar element last in the array ends here.
            if (this.featureStart >= 0) this.onFeature(buffer.slice(this.featureStart - base, i).trim());
            this.featureStart = -1;
            this.inFeatures = false;
          }
          if (this.depth === 0) this.endValue(base + i);
          break;
        case COLON:
          if (this.depth === 1) this.expectingValue = true;
          break;
        case COMMA:
          // A scalar element (a string, number, true, false or null) ends at its comma.
          if (this.depth === 2 && this.inFeatures && this.featureStart >= 0) {
            this.onFeature(buffer.slice(this.featureStart - base, i).trim());
            this.featureStart = -1;
          }
          if (this.depth === 1) {
            this.endValue(base + i);
            this.expectingValue = false;
            this.key = null;
          }
          break;
        default:
          if (this.depth === 2 && this.inFeatures && this.featureStart < 0 && code > 0x20) this.featureStart = base + i;
          else if (this.depth === 1 && this.expectingValue && code > 0x20) this.startValue(base + i);
          else if (this.depth === 0 && code > 0x20 && code !== 0xfeff) this.rootIsObject = false;
      }
    }
    this.position = base + buffer.length;
    // Keep only what is still needed: the feature or member being read.
    const keepFrom = Math.min(this.featureStart >= 0 ? this.featureStart : Number.POSITIVE_INFINITY, this.keeping ? this.keeping.start : Number.POSITIVE_INFINITY, this.stringStart >= 0 ? this.stringStart : Number.POSITIVE_INFINITY, this.position);
    if (keepFrom > this.offset) {
      this.buffer = buffer.slice(keepFrom - base);
      this.offset = keepFrom;
    }
  }

  private startValue(at: number): void {
    this.expectingValue = false;
    if (this.key === 'type' || this.key === 'crs') this.keeping = { key: this.key, start: at };
  }

  private endValue(at: number): void {
    if (!this.keeping) return;
    this.members[this.keeping.key] = this.buffer.slice(this.keeping.start - this.offset, at - this.offset).trim();
    this.keeping = null;
  }
}

/** A GeoJSON file read in chunks (see the file's comment). */
export function readGeoJsonStream(file: string, blob: Blob, options: StreamOptions = {}): Promise<RawTable> {
  return withEncoding(file, blob, options, async (encoding) => {
    const maxRecords = options.maxRecords ?? IMPORT_LIMITS.records;
    const builder = new GeoJsonTableBuilder(file, encoding, maxRecords);
    let index = 0;
    const splitter = new FeatureSplitter((text) => {
      index++;
      let feature: unknown;
      try {
        feature = JSON.parse(text);
      } catch (error) {
        builder.table.problems.push({ file, line: index, field: null, code: 'unreadable', detail: (error as Error).message, severity: 'error' });
        builder.skip();
        return;
      }
      builder.add(feature);
    });
    let failed: ProblemWords | null = null;
    await eachText(file, blob, encoding, options, (text) => {
      splitter.push(text);
      if (!splitter.rootIsObject) {
        failed = { words: 'feature-collection' };
        return false;
      }
      return !builder.full;
    });
    if (builder.full) return builder.finish(parseMember(splitter.members.crs));
    const type = parseMember(splitter.members.type);
    if (failed !== null || (type !== 'FeatureCollection' && type !== 'Feature')) return new GeoJsonTableBuilder(file, encoding).refuse('type', failed ?? { words: 'feature-collection' });
    if (type === 'Feature' || !splitter.sawFeatures) {
      // A single Feature: read whole (it is one record), within the size a whole file may have.
      if (blob.size > IMPORT_LIMITS.wholeBytes) return new GeoJsonTableBuilder(file, encoding).refuse('type', { words: 'feature-collection' });
      return readGeoJson(file, new Uint8Array(await blob.arrayBuffer()), maxRecords);
    }
    if (!splitter.complete) builder.table.problems.push({ file, line: null, field: null, code: 'unreadable', detail: { words: 'truncated' }, severity: 'error' });
    return builder.finish(parseMember(splitter.members.crs));
  });
}

function parseMember(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
