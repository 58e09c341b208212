/**
 * The API origin's request handler: routing (`/2.0/<endpoint>.<json|xml>`,
 * `/2.0/oauth2/token`, `/connect`), the request log, global latency, injected
 * faults, authentication, and writing the response (whole, or broken the way
 * a fault asks).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Format } from './types.js';
import { serializeError, serializeItems, serializeList, type ListWrapping } from '../wire/serialize.js';
import { ApiError } from './api-error.js';
import { handleAudioEdit } from './audio-edit.js';
import type { AuthStore } from './auth.js';
import { malformBody, type FaultQueue } from './faults.js';
import { flatHeaders, prepared, queryRecord, sleep, type PreparedResponse } from './http-io.js';
import { LIST_ENDPOINTS, type ListResult } from './list-endpoints.js';
import { handleConnect, handleToken } from './oauth-endpoints.js';
import type { SortedViews } from './sorted-views.js';
import type { DemoAccount, Fault, RequestLogEntry, WireRecord } from './types.js';

export interface ApiState {
  /** Read per request: tests may edit (or replace) the live account. */
  account(): DemoAccount;
  auth: AuthStore;
  faults: FaultQueue;
  log: RequestLogEntry[];
  views: SortedViews;
  mediaBaseUrl: string;
  latencyMs: number;
  pageSizeCap: number | undefined;
  tokenTtlSeconds: number;
  maxUploadBytes: number;
  /** Aborted when the simulator closes: pending delays end, drips stop. */
  lifetime: AbortSignal;
  accessLog: ((line: string) => void) | null;
  /** After a request changed the account. */
  onChange?: (() => void | Promise<void>) | undefined;
  /** Read per request: how nested lists are wrapped (undefined: as the docs show). */
  listWrapping(): ListWrapping | undefined;
  /** The simulator's clock (ms). */
  now(): number;
}

type Route =
  | { kind: 'list' | 'edit' | 'token-info'; endpoint: string; format: Format }
  | { kind: 'token'; endpoint: '/oauth2/token'; format: 'json' }
  | { kind: 'connect'; endpoint: '/connect'; format: null }
  | { kind: 'unknown'; endpoint: string; format: Format | null };

const CONTENT_TYPES: Record<Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};

export function routeOf(pathname: string): Route {
  if (pathname === '/connect' || pathname === '/connect/')
    return { kind: 'connect', endpoint: '/connect', format: null };
  if (pathname === '/2.0/oauth2/token' || pathname === '/2.0/oauth2/token/')
    return { kind: 'token', endpoint: '/oauth2/token', format: 'json' };
  const match = /^\/2\.0(\/[\w/]+?)\.(json|xml)$/.exec(pathname);
  if (match) {
    const endpoint = match[1] as string;
    const format = match[2] as Format;
    if (endpoint in LIST_ENDPOINTS) return { kind: 'list', endpoint, format };
    if (endpoint === '/audio/edit') return { kind: 'edit', endpoint, format };
    if (endpoint === '/oauth2/token/info') return { kind: 'token-info', endpoint, format };
    return { kind: 'unknown', endpoint, format };
  }
  return { kind: 'unknown', endpoint: pathname.startsWith('/2.0/') ? pathname.slice(4) : pathname, format: null };
}

export function createApiHandler(state: ApiState): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const route = routeOf(url.pathname);
    const entry: RequestLogEntry = {
      method: req.method ?? 'GET',
      path: url.pathname,
      endpoint: route.endpoint,
      format: route.format,
      query: queryRecord(url.searchParams),
      headers: flatHeaders(req),
      status: 0,
      bodyBytes: 0,
      receivedAt: performance.timeOrigin + started,
    };
    state.log.push(entry);
    const finish = () => {
      entry.closedAt = performance.timeOrigin + performance.now();
      state.accessLog?.(
        `${entry.method} ${entry.path} ${entry.status || '-'} ${Math.round(performance.now() - started)}ms${entry.fault ? ` [fault: ${entry.fault}]` : ''}`,
      );
    };
    res.once('close', finish);
    handle(state, req, res, route, entry).catch((error: unknown) => {
      // A bug in the simulator itself: answer 500 rather than hang the client.
      if (!res.headersSent && !res.destroyed) {
        const body = serializeError(
          route.format ?? 'json',
          `Simulator error: ${error instanceof Error ? error.message : String(error)}`,
        );
        writeWhole(req, res, prepared(500, CONTENT_TYPES[route.format ?? 'json'], body), entry);
      }
    });
  };
}

/** Faults that answer without reading or preparing anything. */
const ANSWERING_FAULTS = new Set<Fault['kind']>(['reset', 'status', 'rate-limit']);

async function handle(
  state: ApiState,
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  entry: RequestLogEntry,
): Promise<void> {
  // latencyMs is how long the API takes to answer. A read is prepared while that time runs,
  // so its answer leaves latencyMs after the request arrived, as the benchmark's bound
  // assumes (ceil(requests / concurrency) x latency), rather than latency plus the
  // simulator's own work. Anything else (uploads, the token exchange, answering faults)
  // waits first: nothing is read or changed before the delay, as before.
  const arrived = performance.now();
  const faults = state.faults.take(route.endpoint);
  const delay = faults.filter((f) => f.kind === 'latency').reduce((sum, f) => sum + (f.delayMs ?? 1000), 0);
  if (delay > 0) entry.fault = 'latency';
  entry.delayMs = state.latencyMs + delay;
  const fault = faults.find((f) => f.kind !== 'latency');
  if (fault) entry.fault = fault.kind;
  const waitUntilAnswer = () => sleep(arrived + state.latencyMs + delay - performance.now(), state.lifetime);
  const preparedEarly =
    (route.kind === 'list' || route.kind === 'token-info') &&
    req.method === 'GET' &&
    !(fault && ANSWERING_FAULTS.has(fault.kind))
      ? await produce(state, req, route, entry)
      : undefined;
  await waitUntilAnswer();
  if (state.lifetime.aborted || res.destroyed) return;

  const format = route.format ?? 'json';
  switch (fault?.kind) {
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'stall':
      if (fault.phase === 'headers') return; // never answer; close() or the client ends it
      break;
    case 'status':
      writeWhole(
        req,
        res,
        envelope(format, fault.status ?? 503, `Injected fault: HTTP ${fault.status ?? 503}.`),
        entry,
      );
      return;
    case 'rate-limit':
      writeWhole(
        req,
        res,
        envelope(format, 429, 'Rate limit exceeded. Slow down.', { 'Retry-After': fault.retryAfter ?? '1' }),
        entry,
      );
      return;
  }

  const response = preparedEarly ?? (await produce(state, req, route, entry));
  if (state.lifetime.aborted || res.destroyed) return;
  deliver(req, res, response, fault, format, entry, state.lifetime);
}

async function produce(
  state: ApiState,
  req: IncomingMessage,
  route: Route,
  entry: RequestLogEntry,
): Promise<PreparedResponse> {
  const format = route.format ?? 'json';
  try {
    switch (route.kind) {
      case 'connect':
        if (req.method !== 'GET' && req.method !== 'HEAD')
          throw new ApiError(405, 'Use GET for /connect.', { Allow: 'GET' });
        return handleConnect(entry.query, state.auth);
      case 'token':
        return await handleToken(req, { auth: state.auth, tokenTtlSeconds: state.tokenTtlSeconds });
      case 'list': {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          throw new ApiError(405, `Use GET for ${route.endpoint}.`, { Allow: 'GET, HEAD' });
        state.auth.checkAuthorization(req.headers.authorization);
        const handler = LIST_ENDPOINTS[route.endpoint];
        if (!handler) throw new ApiError(404, `Unknown endpoint ${route.endpoint}.`);
        const result = handler(entry.query, {
          account: state.account(),
          views: state.views,
          pageSizeCap: state.pageSizeCap,
          now: state.now,
        });
        return listResponse(format, result, state.listWrapping());
      }
      case 'token-info': {
        if (req.method !== 'GET' && req.method !== 'HEAD')
          throw new ApiError(405, `Use GET for ${route.endpoint}.`, { Allow: 'GET, HEAD' });
        state.auth.checkAuthorization(req.headers.authorization);
        const item = tokenInfo(state.account(), req.headers.authorization);
        return prepared(200, CONTENT_TYPES[format], serializeItems(format, [item], state.listWrapping()));
      }
      case 'edit': {
        if (req.method !== 'POST') throw new ApiError(405, 'Use POST for /audio/edit.', { Allow: 'POST' });
        state.auth.checkAuthorization(req.headers.authorization);
        const result = await handleAudioEdit(req, {
          account: state.account(),
          mediaBaseUrl: state.mediaBaseUrl,
          maxUploadBytes: state.maxUploadBytes,
          now: Date.now,
        });
        await Promise.resolve(state.onChange?.()).catch(() => undefined);
        return listResponse(format, result);
      }
      case 'unknown':
        throw new ApiError(
          404,
          route.format === null && route.endpoint !== '/'
            ? `Unknown endpoint ${route.endpoint}: add .json or .xml.`
            : `Unknown endpoint ${route.endpoint}.`,
        );
    }
  } catch (error) {
    if (error instanceof ApiError) return envelope(format, error.status, error.message, error.headers);
    throw error;
  }
}

/** As the docs' example: the token itself, its account, the user and the application. */
function tokenInfo(account: DemoAccount, authorization: string | undefined): WireRecord {
  return {
    access_token: authorization?.trim().split(/\s+/)[1] ?? '',
    account: { ...account.tokenOwner.account },
    user: { ...account.tokenOwner.user },
    application: { ...account.tokenOwner.application },
  };
}

function listResponse(format: Format, result: ListResult, wrapping?: ListWrapping): PreparedResponse {
  return prepared(200, CONTENT_TYPES[format], serializeList(format, result.total, result.items, wrapping));
}

function envelope(
  format: Format,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): PreparedResponse {
  return prepared(status, CONTENT_TYPES[format], serializeError(format, message), headers);
}

/** Writes the response, or the broken version a body fault asks for. */
function deliver(
  req: IncomingMessage,
  res: ServerResponse,
  response: PreparedResponse,
  fault: Fault | undefined,
  format: Format,
  entry: RequestLogEntry,
  lifetime: AbortSignal,
): void {
  switch (fault?.kind) {
    case 'malformed': {
      const text = response.body.toString('utf8');
      writeWhole(req, res, { ...response, body: Buffer.from(malformBody(text, format), 'utf8') }, entry);
      return;
    }
    case 'truncate': {
      // Declares the full length, sends half, then ends the connection.
      const half = response.body.subarray(0, Math.floor(response.body.length / 2));
      writeHead(req, res, response, entry);
      entry.bodyBytes = half.length;
      res.write(half, () => res.socket?.end());
      return;
    }
    case 'stall': {
      const part = response.body.subarray(0, Math.floor(response.body.length / 2));
      writeHead(req, res, response, entry);
      entry.bodyBytes = part.length;
      res.write(part); // …and nothing more, ever.
      return;
    }
    case 'slow-body':
      writeHead(req, res, response, entry);
      drip(res, response.body, fault.bytesPerSecond ?? 512, entry, lifetime);
      return;
    default:
      writeWhole(req, res, response, entry);
  }
}

function writeHead(
  req: IncomingMessage,
  res: ServerResponse,
  response: PreparedResponse,
  entry: RequestLogEntry,
): void {
  const headers: Record<string, string> = { ...response.headers, 'Content-Length': String(response.body.length) };
  // A request body left unread (an early 413, a fault before the upload was read) ends the connection.
  if (!req.complete) headers.Connection = 'close';
  res.writeHead(response.status, headers);
  entry.status = response.status;
}

function writeWhole(
  req: IncomingMessage,
  res: ServerResponse,
  response: PreparedResponse,
  entry: RequestLogEntry,
): void {
  writeHead(req, res, response, entry);
  entry.bodyBytes = req.method === 'HEAD' ? 0 : response.body.length;
  res.end(response.body);
}

/** Sends `body` a slice every 100 ms at about `bytesPerSecond`. */
function drip(
  res: ServerResponse,
  body: Buffer,
  bytesPerSecond: number,
  entry: RequestLogEntry,
  lifetime: AbortSignal,
): void {
  const slice = Math.max(1, Math.ceil(bytesPerSecond / 10));
  let offset = 0;
  let timer: NodeJS.Timeout | undefined;
  const stop = () => clearTimeout(timer);
  lifetime.addEventListener('abort', stop, { once: true });
  res.once('close', () => {
    stop();
    lifetime.removeEventListener('abort', stop);
  });
  const tick = () => {
    if (res.destroyed || lifetime.aborted) return;
    const next = body.subarray(offset, offset + slice);
    offset += next.length;
    entry.bodyBytes = offset;
    if (offset >= body.length) {
      res.end(next);
      return;
    }
    res.write(next);
    timer = setTimeout(tick, 100);
  };
  tick();
}
