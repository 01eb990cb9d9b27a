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

/** A file refused for its size: the message names the file, its size and the limit. */
export class TooLargeError extends Error {
  constructor(
    readonly file: string,
    readonly size: string,
    readonly limit: string,
  ) {
    super(`${file}: ${size}, au-delà de la limite de ${limit}`);
    this.name = 'TooLargeError';
  }
}

/** "64 Mo" style, in the units the French UI uses (the English dictionary says MB). */
export function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1048576) * 10) / 10} Mo`;
}

/** Throws a TooLargeError when `bytes` is over `limit`. */
export function checkSize(file: string, bytes: number, limit: number = LIMITS.fileBytes): void {
  if (bytes > limit) throw new TooLargeError(file, megabytes(bytes), megabytes(limit));
}
