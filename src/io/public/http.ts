/**
 * HTTP for the public services: counts bytes, retries with backoff on 429 and 5xx (honouring
 * `Retry-After`, in seconds or as a date), gives up after a few attempts, and stops at once when
 * the build is cancelled. Shared by the browser and Node (global fetch).
 */

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly url: string,
  ) {
    super(message);
  }
}

/** What a service's answer lacked, against what its documentation promises. */
export type AnswerFault = 'notJson' | 'notImage' | 'noElements' | 'overpassRemark' | 'noFeatures' | 'heightCount';

/**
 * A service answered, but not as documented (not JSON, an XML error with status 200, a list of the
 * wrong length): the fault and its values, which the page words in its language; never retried.
 */
export class UnexpectedAnswer extends Error {
  constructor(
    readonly fault: AnswerFault,
    readonly values: Record<string, string | number>,
  ) {
    super(`${fault} ${JSON.stringify(values)}`);
  }
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface HttpOptions {
  signal?: AbortSignal;
  /** Called with the bytes of each response body as it arrives. */
  onBytes?: (bytes: number) => void;
  /** Called before waiting to retry (for the progress line). */
  onRetry?: (attempt: number, waitMs: number, status: number | null) => void;
  maxAttempts?: number;
  /** First backoff in milliseconds (doubled at each retry) when the service sends no Retry-After. */
  baseDelayMs?: number;
  /** Longest wait this client accepts for one Retry-After. */
  maxDelayMs?: number;
  init?: RequestInit;
  fetchImpl?: typeof fetch;
  /** Told how long parsing an answer took (processing time, apart from waiting). */
  onParse?: (milliseconds: number) => void;
}

/** Milliseconds to wait from a Retry-After header (delta-seconds or HTTP date), or null. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CancelledError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CancelledError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Fetches a URL and returns its body; retries 429/5xx and network errors, then throws a ServiceError. */
export async function fetchBytes(url: string, options: HttpOptions = {}): Promise<{ body: Uint8Array; contentType: string; status: number }> {
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const doFetch = options.fetchImpl ?? fetch;
  let lastError: ServiceError | null = null;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (options.signal?.aborted) throw new CancelledError();
    let response: Response;
    try {
      response = await doFetch(url, { ...options.init, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw new CancelledError();
      lastError = new ServiceError((error as Error).message || 'network error', null, url);
      if (attempt === maxAttempts) break;
      const wait = base * 2 ** (attempt - 1);
      options.onRetry?.(attempt, wait, null);
      await sleep(wait, options.signal);
      continue;
    }
    if (response.status === 429 || response.status >= 500) {
      lastError = new ServiceError(`HTTP ${response.status}`, response.status, url);
      await response.body?.cancel().catch(() => undefined);
      if (attempt === maxAttempts) break;
      const wait = Math.min(maxDelay, retryAfterMs(response.headers.get('retry-after')) ?? base * 2 ** (attempt - 1));
      options.onRetry?.(attempt, wait, response.status);
      await sleep(wait, options.signal);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new ServiceError(`HTTP ${response.status}`, response.status, url);
    }
    const body = new Uint8Array(await response.arrayBuffer());
    options.onBytes?.(body.byteLength);
    return { body, contentType: response.headers.get('content-type') ?? '', status: response.status };
  }
  throw lastError ?? new ServiceError('no response', null, url);
}

export async function fetchJson<T>(url: string, options: HttpOptions = {}): Promise<T> {
  const { body } = await fetchBytes(url, options);
  const start = performance.now();
  const text = new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new UnexpectedAnswer('notJson', { excerpt: text.slice(0, 80) });
  } finally {
    options.onParse?.(performance.now() - start);
  }
}

/** Runs `task` over items with at most `limit` at a time; stops at the first error. */
export async function pool<T>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await task(items[index], index);
    }
  });
  await Promise.all(workers);
}

/** Keeps calls at most `perSecond` a second (the services' documented rates). */
export function rateLimiter(perSecond: number): () => Promise<void> {
  const gap = 1000 / perSecond;
  let nextAt = 0;
  return async () => {
    const now = Date.now();
    const at = Math.max(now, nextAt);
    nextAt = at + gap;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  };
}
