/**
 * HTTP transport: one function that sends a request (over src/http/request.ts) and
 * returns the status and the body text. It owns everything about getting bytes
 * over the wire safely — per-attempt timeouts, retries with backoff, Retry-After,
 * bounded concurrency, a response size cap and credential-safe redirects — and
 * nothing about what the bytes mean (that is decode/).
 *
 * Retry policy (requests marked `retry: true`, i.e. idempotent GETs only):
 * network errors (refused, reset, a body cut short of its Content-Length: undici reports
 * each with an error code),
 * per-attempt timeouts, 408, 429 and 5xx. A truncated body is a network
 * failure, not a format problem, so it is retried; a complete body that does not
 * parse is the server's answer and is not. Everything else is returned as is.
 */
import pLimit from 'p-limit';
import {
  StageBlocApiError,
  StageBlocError,
  StageBlocNetworkError,
  StageBlocRateLimitError,
  StageBlocResponseTooLargeError,
  StageBlocTimeoutError,
} from './errors.js';
import {
  ContentEncodingError,
  discard,
  headerValue,
  httpRequest,
  isTooLarge,
  readText,
  type RequestBody,
  type ResponseData,
} from '../http/request.js';
import { redactError } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn';
export type LogFn = (level: LogLevel, message: string) => void;

export interface TransportConfig {
  timeoutMs: number;
  retries: number;
  retryBaseDelayMs: number;
  maxRetryAfterMs: number;
  concurrency: number;
  maxResponseBytes: number;
  maxRedirects: number;
  userAgent: string;
  /** Receives unredacted text; the caller's logger redacts (see client.ts). */
  log: LogFn;
  /** Current credentials, so errors thrown from here are scrubbed of them. */
  secrets: () => Iterable<string>;
  /** Injected for deterministic backoff tests; defaults to Math.random. */
  random?: () => number;
  /** Injected so tests can record the waits instead of timing them; defaults to setTimeout. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /**
   * Cancels everything this transport does: requests waiting for a slot or a retry reject
   * with its reason, attempts on the wire are aborted, and nothing more is logged.
   */
  signal?: AbortSignal;
  /** Called as each attempt is handed to the HTTP client (see StageBlocClient.requestsStarted). */
  onAttempt?: () => void;
}

export interface OutgoingBody {
  body: RequestBody;
  /** Sent as Content-Length, so streamed uploads are not chunked. */
  contentLength?: number;
  contentType?: string;
}

export interface HttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** API path for messages, e.g. `/audio/list` (never the URL: it may carry secrets). */
  endpoint: string;
  headers?: Record<string, string>;
  /**
   * Builds the body for an attempt. It receives `onActivity`, to be called
   * whenever upload bytes move, which turns the per-attempt timeout into an
   * inactivity timeout: a large upload may take longer than `timeoutMs` overall.
   */
  body?: (onActivity: () => void) => OutgoingBody;
  /** Whether failures may be retried. Only for idempotent requests. */
  retry: boolean;
  /**
   * Abandons the request while it waits for a slot or for a retry (it then rejects with
   * the signal's reason). An attempt already on the wire is left to finish.
   */
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  /** Lower-case names. */
  headers: ResponseData['headers'];
  text: string;
  attempts: number;
}

export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

const MAX_BACKOFF_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

type AttemptResult =
  | { kind: 'response'; response: HttpResponse }
  | { kind: 'retryable-status'; response: HttpResponse; retryAfterMs: number | undefined }
  | { kind: 'network'; error: unknown }
  | { kind: 'timeout' };

export function createTransport(config: TransportConfig): Transport {
  const limit = pLimit(Math.max(1, Math.floor(config.concurrency)));
  const random = config.random ?? Math.random;
  const wait = config.sleep ?? sleep;

  const cancelled = config.signal;
  const log: LogFn = (level, message) => {
    if (!cancelled?.aborted) config.log(level, message);
  };

  return async function send(request: HttpRequest): Promise<HttpResponse> {
    try {
      cancelled?.throwIfAborted();
      const signal =
        request.signal && cancelled ? AbortSignal.any([request.signal, cancelled]) : (request.signal ?? cancelled);
      return await sendWithRetries(signal ? { ...request, signal } : request);
    } catch (error) {
      throw redactError(cancelled?.aborted ? cancelled.reason : error, config.secrets());
    }
  };

  async function sendWithRetries(request: HttpRequest): Promise<HttpResponse> {
    const maxAttempts = request.retry ? Math.max(0, Math.floor(config.retries)) + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      const result = await limit(() => {
        request.signal?.throwIfAborted();
        config.onAttempt?.();
        return attemptOnce(request, attempt);
      });
      if (result.kind === 'response') return result.response;

      const canRetry = attempt < maxAttempts;
      let delayMs: number;
      let reason: string;
      if (result.kind === 'retryable-status') {
        const { response, retryAfterMs } = result;
        reason = `HTTP ${response.status}`;
        if (retryAfterMs !== undefined && retryAfterMs > config.maxRetryAfterMs) {
          if (response.status === 429) {
            throw new StageBlocRateLimitError(
              `Rate limited on ${request.endpoint}: the server asked to wait ${formatMs(retryAfterMs)} ` +
                `(Retry-After), more than the ${formatMs(config.maxRetryAfterMs)} allowed by maxRetryAfterMs; not retrying`,
              request.endpoint,
              retryAfterMs,
            );
          }
          return response;
        }
        if (!canRetry) {
          if (response.status === 429) {
            throw new StageBlocRateLimitError(
              `Rate limited on ${request.endpoint}: still HTTP 429 after ${attempt} attempt(s)`,
              request.endpoint,
              retryAfterMs,
            );
          }
          return response;
        }
        delayMs = retryAfterMs ?? backoff(attempt);
      } else {
        reason =
          result.kind === 'timeout' ? `timeout after ${config.timeoutMs} ms` : describeNetworkError(result.error);
        if (!canRetry) throw finalFailure(request, result, attempt);
        delayMs = backoff(attempt);
      }
      log(
        'warn',
        `${request.method} ${request.endpoint} failed (${reason}); retrying in ${delayMs} ms (attempt ${attempt + 1} of ${maxAttempts})`,
      );
      await wait(delayMs, request.signal).catch(() => undefined);
      request.signal?.throwIfAborted();
    }
  }

  /** Full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
  function backoff(attempt: number): number {
    const ceiling = Math.min(MAX_BACKOFF_MS, config.retryBaseDelayMs * 2 ** (attempt - 1));
    return Math.floor(random() * ceiling);
  }

  function finalFailure(request: HttpRequest, result: AttemptResult, attempts: number): StageBlocError {
    if (result.kind === 'timeout') {
      return new StageBlocTimeoutError(
        `Timed out on ${request.endpoint}: no complete response within ${config.timeoutMs} ms (${attempts} attempt(s))`,
        request.endpoint,
        attempts,
      );
    }
    const error = result.kind === 'network' ? result.error : undefined;
    return new StageBlocNetworkError(
      `Network error on ${request.endpoint} after ${attempts} attempt(s): ${describeNetworkError(error)}`,
      request.endpoint,
      attempts,
      { cause: error },
    );
  }

  async function attemptOnce(request: HttpRequest, attempt: number): Promise<AttemptResult> {
    const controller = new AbortController();
    const deadline = startDeadline(controller, config.timeoutMs);
    const started = Date.now();
    const cancel = () => controller.abort(cancelled?.reason);
    cancelled?.addEventListener('abort', cancel, { once: true });
    try {
      const response = await sendFollowingRedirects(request, controller.signal, deadline.touch, attempt);
      log(
        'debug',
        `${request.method} ${request.endpoint} → ${response.status} in ${Date.now() - started} ms (attempt ${attempt})`,
      );
      if (isRetryableStatus(response.status)) {
        return {
          kind: 'retryable-status',
          response,
          retryAfterMs: parseRetryAfter(headerValue(response.headers, 'retry-after')),
        };
      }
      return { kind: 'response', response };
    } catch (error) {
      if (cancelled?.aborted) throw cancelled.reason;
      if (deadline.timedOut) return { kind: 'timeout' };
      if (error instanceof StageBlocError) throw error;
      if (isNetworkError(error)) return { kind: 'network', error };
      throw error;
    } finally {
      deadline.clear();
      cancelled?.removeEventListener('abort', cancel);
    }
  }

  async function sendFollowingRedirects(
    request: HttpRequest,
    signal: AbortSignal,
    onActivity: () => void,
    attempt: number,
  ): Promise<HttpResponse> {
    let url = request.url;
    const headers: Record<string, string> = { 'user-agent': config.userAgent, ...lowerCaseKeys(request.headers ?? {}) };
    for (let redirects = 0; ; redirects++) {
      const outgoing = request.body?.(onActivity);
      if (outgoing?.contentLength !== undefined) headers['content-length'] = String(outgoing.contentLength);
      if (outgoing?.contentType !== undefined) headers['content-type'] = outgoing.contentType;
      const res = await httpRequest(url, {
        method: request.method,
        headers,
        ...(outgoing ? { body: outgoing.body } : {}),
        signal,
        // Only what may be retried rides a kept-alive connection (see HttpRequestOptions).
        reuseConnection: request.retry,
        maxBodyBytes: config.maxResponseBytes,
      }).catch((error: unknown) => {
        if (error instanceof ContentEncodingError)
          throw new StageBlocApiError(error.message, request.endpoint, error.status ?? 0);
        throw error;
      });

      const location = headerValue(res.headers, 'location');
      if (REDIRECT_STATUSES.has(res.statusCode) && location) {
        discard(res);
        if (request.method !== 'GET') {
          throw new StageBlocApiError(
            `unexpected redirect (HTTP ${res.statusCode}); redirects are not followed for ${request.method} requests`,
            request.endpoint,
            res.statusCode,
          );
        }
        if (redirects >= config.maxRedirects) {
          throw new StageBlocApiError(
            `too many redirects (more than ${config.maxRedirects})`,
            request.endpoint,
            res.statusCode,
          );
        }
        const next = new URL(location, url);
        if (next.protocol !== 'https:' && next.protocol !== 'http:') {
          throw new StageBlocApiError(
            `redirect to unsupported protocol ${next.protocol}`,
            request.endpoint,
            res.statusCode,
          );
        }
        if (next.origin !== url.origin) {
          // Credentials are scoped to the API origin: never hand them to another host,
          // port or scheme, and do not restore them if a later hop comes back.
          delete headers.authorization;
          delete headers.cookie;
        }
        log(
          'debug',
          `${request.endpoint}: HTTP ${res.statusCode} redirect to ${next.origin}${next.pathname}` +
            (next.origin !== url.origin ? ' (other origin: credentials not forwarded)' : '') +
            ` (attempt ${attempt})`,
        );
        url = next;
        continue;
      }

      let text: string;
      try {
        text = await readText(res, config.maxResponseBytes);
      } catch (error) {
        if (isTooLarge(error)) throw new StageBlocResponseTooLargeError(request.endpoint, config.maxResponseBytes);
        throw error;
      }
      return { status: res.statusCode, statusText: res.statusText, headers: res.headers, text, attempts: attempt };
    }
  }
}

/** 408 Request Timeout, 429 Too Many Requests and every 5xx are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status <= 599);
}

/**
 * `Retry-After` as milliseconds: delay-seconds (`120`) or an HTTP-date. Dates in
 * the past mean "now". Unparseable values are ignored (undefined).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** Connection failures carry a code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET for a body cut short…). */
function isNetworkError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

/** A short human description: the innermost cause's code and message. */
export function describeNetworkError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code;
      parts.push(typeof code === 'string' ? `${code}: ${current.message}` : current.message);
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.length > 0 ? parts.join(' ← ') : 'unknown network failure';
}

interface Deadline {
  readonly timedOut: boolean;
  /** Pushes the deadline back by the full timeout (inactivity semantics). */
  touch: () => void;
  clear: () => void;
}

function startDeadline(controller: AbortController, timeoutMs: number): Deadline {
  let timedOut = false;
  const fire = () => {
    timedOut = true;
    controller.abort(new Error(`attempt timed out after ${timeoutMs} ms`));
  };
  let timer = setTimeout(fire, timeoutMs);
  return {
    get timedOut() {
      return timedOut;
    },
    touch() {
      if (timedOut) return;
      clearTimeout(timer);
      timer = setTimeout(fire, timeoutMs);
    },
    clear() {
      clearTimeout(timer);
    },
  };
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** A wait that ends early (and leaves no timer behind) when `signal` aborts. */
function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
