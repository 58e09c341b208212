/**
 * One HTTP request and its response over node:http/https: the bytes on the wire and
 * nothing else (retries, redirects, credentials and timeouts are transport.ts's). Node's
 * fetch does the same through WHATWG streams, which in a cold build process costs about
 * twice the CPU per API page (136 list pages, 5 MB: 103–130 ms of CPU against 188–215 ms;
 * DEVELOPERS.md, "Where a cached-sizes build's sync time goes"), and a sync is CPU-bound
 * once latency is low.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable, pipeline, type Transform } from 'node:stream';
import zlib from 'node:zlib';

export type RequestBody = string | Uint8Array | ReadableStream<Uint8Array>;

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: URL;
  /** Lower-case names. */
  headers: Record<string, string>;
  body?: RequestBody;
  signal: AbortSignal;
  /**
   * Whether the request may ride a kept-alive connection. A reused connection can turn out
   * to be closed by the server only once the request is on it, so only requests that are
   * safe to send again should reuse one.
   */
  reuseConnection: boolean;
}

export interface ExchangeResponse {
  status: number;
  statusText: string;
  headers: Headers;
  /** The whole body as UTF-8 text, failing as soon as more than `limitBytes` arrive. */
  text(limitBytes: number): Promise<string>;
  /** Drops the body unread (the connection is not reused). */
  discard(): void;
}

/** More bytes than the caller's limit: declared by Content-Length, or counted while reading. */
export class BodyTooLargeError extends Error {
  constructor(limitBytes: number) {
    super(`response body over ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Fewer bytes than Content-Length promised before the connection ended. */
export class TruncatedBodyError extends Error {
  constructor(received: number, declared: number) {
    super(`body truncated: received ${received} of ${declared} bytes`);
    this.name = 'TruncatedBodyError';
  }
}

/** A Content-Encoding we cannot decode: the body is refused, never handed on undecoded. */
export class UnsupportedEncodingError extends Error {
  constructor(readonly encoding: string) {
    super(`unsupported Content-Encoding ${JSON.stringify(encoding.slice(0, 40))}`);
    this.name = 'UnsupportedEncodingError';
  }
}

/** Encodings we ask for, decoded as fetch would. A Map: header values must not reach Object.prototype. */
const ACCEPT_ENCODING = 'gzip, deflate, br';
const DECODERS = new Map<string, () => Transform>([
  ['gzip', () => zlib.createGunzip()],
  ['x-gzip', () => zlib.createGunzip()],
  ['deflate', () => zlib.createInflate()],
  ['br', () => zlib.createBrotliDecompress()],
]);
/** More stacked encodings than anyone sends is an attack on our CPU, not a format. */
const MAX_STACKED_ENCODINGS = 3;

/**
 * The decoders for a Content-Encoding header, in the order to apply them: `gzip, br` was
 * gzipped, then brotli-compressed, so it is decoded brotli first. `identity` decodes to itself.
 */
function decodersFor(header: string | undefined): Array<() => Transform> {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length > MAX_STACKED_ENCODINGS) throw new UnsupportedEncodingError(header ?? '');
  return codings.reverse().map((coding) => {
    const decoder = DECODERS.get(coding);
    if (!decoder) throw new UnsupportedEncodingError(coding);
    return decoder;
  });
}

export interface HttpExchange {
  (request: ExchangeRequest): Promise<ExchangeResponse>;
}

/** An exchange function with its own connection pools (kept-alive sockets are unref'd while idle). */
export function createHttpExchange(): HttpExchange {
  // Node's fetch and global agents honour HTTP(S)_PROXY/NO_PROXY when NODE_USE_ENV_PROXY=1
  // (or --use-env-proxy); agents of our own only do when handed the environment.
  const useEnvProxy = process.env['NODE_USE_ENV_PROXY'] === '1' || process.execArgv.includes('--use-env-proxy');
  const agentOptions = (keepAlive: boolean) => ({ keepAlive, ...(useEnvProxy ? { proxyEnv: process.env } : {}) });
  const reused = { http: new http.Agent(agentOptions(true)), https: new https.Agent(agentOptions(true)) };
  const single = { http: new http.Agent(agentOptions(false)), https: new https.Agent(agentOptions(false)) };

  return function exchange(request) {
    const secure = request.url.protocol === 'https:';
    const pool = request.reuseConnection ? reused : single;
    const options: http.RequestOptions = {
      method: request.method,
      headers: { 'accept-encoding': ACCEPT_ENCODING, ...request.headers },
      agent: secure ? pool.https : pool.http,
      signal: request.signal,
    };
    return new Promise<ExchangeResponse>((resolve, reject) => {
      const req = (secure ? https : http).request(request.url, options, (res) => resolve(responseOf(res, request.signal)));
      req.on('error', reject);
      const { body } = request;
      if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) {
        req.end(body);
      } else {
        // A failing body (a file that changed size mid-upload) fails the request with its own error.
        pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), req, (error) => {
          if (error) req.destroy(error);
        });
      }
    });
  };
}

function responseOf(res: http.IncomingMessage, signal: AbortSignal): ExchangeResponse {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  return {
    status: res.statusCode ?? 0,
    statusText: res.statusMessage ?? '',
    headers,
    text: (limitBytes) => readText(res, limitBytes, signal),
    discard: () => res.destroy(),
  };
}

function readText(res: http.IncomingMessage, limitBytes: number, signal: AbortSignal): Promise<string> {
  const declaredHeader = res.headers['content-length'];
  const declared = declaredHeader !== undefined && /^\d+$/.test(declaredHeader.trim()) ? Number(declaredHeader.trim()) : undefined;
  if (declared !== undefined && declared > limitBytes) {
    res.destroy();
    return Promise.reject(new BodyTooLargeError(limitBytes));
  }
  let decoders: Transform[];
  try {
    decoders = decodersFor(res.headers['content-encoding']).map((create) => create());
  } catch (error) {
    res.destroy();
    return Promise.reject(error);
  }
  const decoder = decoders.length > 0;
  let source: Readable = res;
  for (const stage of decoders) source = source.pipe(stage);

  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      // The whole pipeline: a decompressor left alone would go on inflating what it has buffered.
      res.destroy();
      for (const stage of decoders) stage.destroy();
      reject(error);
    };
    const onAbort = () => fail(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    // Node reports a connection that closed mid-body as an 'aborted' response error (ECONNRESET).
    res.on('error', fail);
    for (const stage of decoders) stage.on('error', (error: Error) => fail(error));
    source.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limitBytes) return fail(new BodyTooLargeError(limitBytes));
      chunks.push(chunk);
    });
    source.once('end', () => {
      if (settled) return;
      // A decoded body no longer has the length Content-Length describes.
      if (!decoder && declared !== undefined && received !== declared) return fail(new TruncatedBodyError(received, declared));
      settled = true;
      signal.removeEventListener('abort', onAbort);
      const text = (chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)).toString('utf8');
      // As TextDecoder does: a byte-order mark is not part of the text.
      resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    });
  });
}
