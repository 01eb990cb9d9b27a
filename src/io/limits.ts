/**
 * How large an input Vigie reads on the page. Checked before parsing (the size announced by the
 * server, then the text's length) so that a 200 MB CSV or a GeoJSON of 500,000 features is refused
 * with a clear message instead of freezing the tab; the rest of the territory still loads.
 * A commune's inventory is far below: the demo's largest layer is under 2 MB and 3,000 features.
 */
export const LIMITS = {
  /** A layer or history file, in bytes of text (UTF-16 length is checked as a proxy once read). */
  fileBytes: 64 * 1024 * 1024,
  /** Features in one layer file. */
  featuresPerLayer: 200_000,
  /** A scenario or scene file chosen by the user. */
  scenarioBytes: 4 * 1024 * 1024,
  /** One MQTT message. */
  payloadBytes: 256 * 1024,
} as const;

/** A file refused for its size: the message names the file, its size and the limit, in bytes. */
export class TooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`${file}: ${bytes} bytes, over the limit of ${limit}`);
    this.name = 'TooLargeError';
  }
}

/** Throws a TooLargeError when `bytes` is over `limit`. */
export function checkSize(file: string, bytes: number, limit: number = LIMITS.fileBytes): void {
  if (bytes > limit) throw new TooLargeError(file, bytes, limit);
}
