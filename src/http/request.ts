/**
 * The package's one HTTP client: undici's pooled `request()` (the undici Astro installs) for the
 * API transport, image probes, media downloads, the feeds' HEAD requests and the CLI. It sets
 * the policy every caller shares, and nothing about retries, credentials or timeouts (the API's
 * are transport.ts's; other callers pass a signal):
 * - gzip, deflate and br are asked for and decoded by undici's decompress interceptor; a
 *   Content-Encoding it cannot decode is refused (ContentEncodingError), never handed on as
 *   the body;
 * - `maxBodyBytes` bounds every decoding stage, and a body reader past its limit destroys the
 *   body, which aborts the request: socket, response and decoders go together, so a small
 *   compressed body that expands to gigabytes stops costing CPU at once;
 * - only requests that are safe to send again ride kept-alive connections;
 * - HTTP(S)_PROXY/NO_PROXY are honoured when NODE_USE_ENV_PROXY=1 or --use-env-proxy, as by
 *   Node's own fetch.
 */
import { createRequire } from 'node:module';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Dispatcher } from 'undici';

export type RequestBody = string | Uint8Array | ReadableStream<Uint8Array>;
/** undici's response: `statusCode`, `headers` (lower-case names), `body` (a Readable). */
export type ResponseData = Dispatcher.ResponseData;

export interface HttpRequestOptions {
  /** Default GET. */
  method?: 'GET' | 'HEAD' | 'POST';
  /** Lower-case names. */
  headers?: Record<string, string>;
  body?: RequestBody;
  signal?: AbortSignal;
  /**
   * Whether the request may ride a kept-alive connection (default true). A reused connection
   * can turn out to be closed by the server only once the request is on it, so a request that
   * is not safe to send again (a POST) should not reuse one.
   */
  reuseConnection?: boolean;
  /**
   * 'follow': up to 20 redirects, as fetch follows them, dropping credentials on a hop to
   * another origin. 'manual' (default): a 3xx is the answer, for callers that decide about
   * each hop themselves.
   */
  redirect?: 'follow' | 'manual';
  /**
   * Ask for compressed bodies and decode them (default true). False takes the bytes as sent:
   * for Range requests, whose offsets are those of the encoded body.
   */
  decode?: boolean;
  /** Decoded bytes any decoding stage may produce before the request fails (default: no bound). */
  maxBodyBytes?: number;
  /** Connecting (DNS, TCP, TLS) may take this long (default: undici's 10 s). */
  connectTimeoutMs?: number;
}

/** More bytes than the caller's limit: declared by Content-Length, or counted while decoding or reading. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`response body over ${limitBytes} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** A Content-Encoding that is neither asked for nor decodable (unknown, or too many stacked). */
export class ContentEncodingError extends Error {
  constructor(
    readonly encoding: string,
    readonly status: number | null,
    options?: { cause?: unknown },
  ) {
    super(
      `unsupported Content-Encoding ${JSON.stringify(encoding.slice(0, 60))} (gzip, deflate and br are decoded)`,
      options,
    );
    this.name = 'ContentEncodingError';
  }
}

const ACCEPT_ENCODING = 'gzip, deflate, br';
const FOLLOWED_REDIRECTS = 20;

/** Per-request options of undici's redirect interceptor (see dispatcherFor). */
interface RedirectOptions {
  maxRedirections: number;
  throwOnMaxRedirect: boolean;
}

/**
 * Sends one request and resolves with its status, headers and body stream once the headers
 * are in. With `decode`, the body is the decoded one, or this rejects (ContentEncodingError,
 * response closed) when the server used an encoding that cannot be decoded.
 */
export async function httpRequest(url: URL, options: HttpRequestOptions = {}): Promise<ResponseData> {
  const { method = 'GET', decode = true, signal } = options;
  const dispatcher = await dispatcherFor({
    proxy: useEnvProxy(),
    reuse: options.reuseConnection ?? true,
    decode,
    maxBodyBytes: options.maxBodyBytes ?? 0,
    connectTimeoutMs: options.connectTimeoutMs ?? 0,
  });
  const headers = decode ? { 'accept-encoding': ACCEPT_ENCODING, ...options.headers } : (options.headers ?? {});
  let response: ResponseData;
  try {
    const request: Dispatcher.RequestOptions & RedirectOptions = {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      body: requestBody(options.body),
      signal: signal ?? null,
      maxRedirections: options.redirect === 'follow' ? FOLLOWED_REDIRECTS : 0,
      throwOnMaxRedirect: true,
    };
    response = await dispatcher.request(request);
  } catch (error) {
    // The decompress interceptor refuses more than five stacked encodings with a plain Error.
    if (error instanceof Error && !hasCode(error) && /content-encodings/i.test(error.message)) {
      throw new ContentEncodingError('(too many stacked encodings)', null, { cause: error });
    }
    throw error;
  }
  if (decode && method !== 'HEAD' && carriesBody(response.statusCode)) {
    const left = response.headers['content-encoding'];
    // The interceptor removes the header of what it decodes; what is left it could not decode.
    const encoding = Array.isArray(left) ? left.join(', ') : left;
    if (encoding !== undefined && !isIdentity(encoding)) {
      discard(response);
      throw new ContentEncodingError(encoding, response.statusCode);
    }
  }
  return response;
}

/**
 * The whole body, failing with BodyTooLargeError as soon as more than `limitBytes` are
 * declared or arrive (the request is then aborted).
 */
export async function readBody(response: ResponseData, limitBytes: number): Promise<Buffer> {
  const declared = headerValue(response.headers, 'content-length')?.trim();
  if (declared !== undefined && /^\d+$/.test(declared) && Number(declared) > limitBytes) {
    discard(response);
    throw new BodyTooLargeError(limitBytes);
  }
  // Read with the stream's own events rather than an async iterator: one promise per body, not per chunk.
  return new Promise<Buffer>((resolve, reject) => {
    const body = response.body;
    const chunks: Buffer[] = [];
    let received = 0;
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Destroying the body aborts the request: socket, response and decoders go together.
      if (received > limitBytes) body.destroy(new BodyTooLargeError(limitBytes));
      else chunks.push(chunk);
    });
    body.once('error', (error) => reject(isTooLarge(error) ? new BodyTooLargeError(limitBytes) : error));
    body.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, received)));
    // Closed with neither (destroyed without an error): the body is not whole. After 'end' or 'error' this changes nothing.
    body.once('close', () => reject(new Error('response body closed before its end')));
  });
}

/** The whole body as UTF-8 text, as readBody reads it; a byte-order mark is not part of the text. */
export async function readText(response: ResponseData, limitBytes: number): Promise<string> {
  const text = (await readBody(response, limitBytes)).toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A 2xx status, as fetch's `Response.ok`. */
export function isOk(response: ResponseData): boolean {
  return response.statusCode >= 200 && response.statusCode <= 299;
}

/** Drops the body unread; the request is aborted, so the connection is not reused. */
export function discard(response: ResponseData): void {
  response.body.on('error', () => undefined).destroy();
}

/** Whether an error is a size limit firing: ours, or the decompress interceptor's. */
export function isTooLarge(error: unknown): boolean {
  return error instanceof BodyTooLargeError || (hasCode(error) && error.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE');
}

/** One header, repeated fields joined as HTTP joins them. */
export function headerValue(headers: ResponseData['headers'], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function requestBody(body: RequestBody | undefined): string | Uint8Array | Readable | null {
  if (body === undefined) return null;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  // A failing stream (a file that changed size mid-upload) fails the request with its own error.
  return Readable.fromWeb(body as NodeReadableStream<Uint8Array>);
}

/** Statuses whose body a caller reads (1xx, 204 and 304 have none; 3xx bodies are never read). */
function carriesBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 304 && (status < 300 || status >= 400);
}

function isIdentity(encoding: string): boolean {
  return encoding.split(',').every((part) => ['', 'identity'].includes(part.trim().toLowerCase()));
}

function hasCode(error: unknown): error is { code: string } {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

// Node's fetch and global agents honour HTTP(S)_PROXY/NO_PROXY when NODE_USE_ENV_PROXY=1
// (or --use-env-proxy); a dispatcher of our own only does when it is an EnvHttpProxyAgent.
function useEnvProxy(): boolean {
  return process.env['NODE_USE_ENV_PROXY'] === '1' || process.execArgv.includes('--use-env-proxy');
}

interface Policy {
  proxy: boolean;
  reuse: boolean;
  decode: boolean;
  maxBodyBytes: number;
  /** 0: undici's default. */
  connectTimeoutMs: number;
}

type Undici = Pick<typeof import('undici'), 'Agent' | 'EnvHttpProxyAgent'> & {
  interceptors: Pick<typeof import('undici')['interceptors'], 'redirect' | 'decompress'>;
};

// Loaded on the first request: a process that sends none does not pay for importing undici.
let undici: Promise<Undici> | undefined;

/**
 * The parts of undici a request needs. Its index loads all of undici (fetch, WebSocket, caches,
 * mocks), about twice the compiling of these files, on every build; they are loaded as its index
 * loads them (and its request API put on the dispatchers as its index does), and the index
 * itself when any of them is not where and what it should be.
 */
async function loadUndici(): Promise<Undici> {
  try {
    const require = createRequire(import.meta.resolve('undici'));
    const Dispatcher = require('./lib/dispatcher/dispatcher.js') as { prototype: object };
    const api = require('./lib/api/index.js') as { request?: unknown };
    const parts: Undici = {
      Agent: require('./lib/dispatcher/agent.js') as Undici['Agent'],
      EnvHttpProxyAgent: require('./lib/dispatcher/env-http-proxy-agent.js') as Undici['EnvHttpProxyAgent'],
      interceptors: {
        redirect: require('./lib/interceptor/redirect.js') as Undici['interceptors']['redirect'],
        decompress: require('./lib/interceptor/decompress.js') as Undici['interceptors']['decompress'],
      },
    };
    const shaped =
      typeof api.request === 'function' &&
      typeof parts.Agent === 'function' &&
      typeof parts.EnvHttpProxyAgent === 'function' &&
      typeof parts.interceptors.redirect === 'function' &&
      typeof parts.interceptors.decompress === 'function' &&
      parts.Agent.prototype instanceof (Dispatcher as unknown as new () => object);
    if (shaped) {
      Object.assign(Dispatcher.prototype, api);
      return parts;
    }
  } catch {
    // Another layout of undici: its index, as documented.
  }
  return import('undici');
}
const pools = new Map<string, Dispatcher>();
const dispatchers = new Map<string, Dispatcher>();

/**
 * Connection pools are shared by everything with the same proxy, reuse and connect-timeout policy; each
 * decoding policy composes its interceptors over them once. The decompress interceptor is the
 * outer one, so it decodes only the final response, never the bodies of redirects followed.
 */
async function dispatcherFor(policy: Policy): Promise<Dispatcher> {
  const key = `${policy.proxy}:${policy.reuse}:${policy.connectTimeoutMs}:${policy.decode}:${policy.maxBodyBytes}`;
  const known = dispatchers.get(key);
  if (known) return known;
  const { Agent, EnvHttpProxyAgent, interceptors } = await (undici ??= loadUndici());
  const poolKey = `${policy.proxy}:${policy.reuse}:${policy.connectTimeoutMs}`;
  let pool = pools.get(poolKey);
  if (!pool) {
    // pipelining 0: one request per connection, closed after its response.
    const options = {
      ...(policy.reuse ? {} : { pipelining: 0 }),
      ...(policy.connectTimeoutMs > 0 ? { connect: { timeout: policy.connectTimeoutMs } } : {}),
    };
    pool = policy.proxy ? new EnvHttpProxyAgent(options) : new Agent(options);
    pools.set(poolKey, pool);
  }
  const composed = policy.decode
    ? pool.compose(
        interceptors.redirect(),
        interceptors.decompress({ skipErrorResponses: false, maxSize: policy.maxBodyBytes }),
      )
    : pool.compose(interceptors.redirect());
  dispatchers.set(key, composed);
  return composed;
}
