/**
 * startSimulator: two real node:http listeners — the API origin and a media
 * origin (StageBloc's CDN lives on another host; keeping them apart lets tests
 * prove tokens never travel to it) — serving a live DemoAccount.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApiHandler } from './api-server.js';
import { createAuthStore } from './auth.js';
import { DEFAULT_MAX_UPLOAD_BYTES } from './audio-edit.js';
import { createDemoAccount } from './demo-account.js';
import { createFaultQueue } from './faults.js';
import { createMediaHandler } from './media-server.js';
import { createSortedViews } from './sorted-views.js';
import type { DemoAccount, RequestLogEntry, Simulator, SimulatorOptions } from './types.js';

/** The reference doc's example lifetime for client_credentials tokens: 14 days. */
export const DEFAULT_TOKEN_TTL_SECONDS = 1_209_600;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  const seed = options.seed ?? 1;
  checkNonNegative(options.latencyMs, 'latencyMs');
  checkNonNegative(options.mediaLatencyMs, 'mediaLatencyMs');
  checkNonNegative(options.tokenTtlSeconds, 'tokenTtlSeconds');
  if (options.pageSizeCap !== undefined && !(Number.isInteger(options.pageSizeCap) && options.pageSizeCap >= 1)) {
    throw new RangeError(`pageSizeCap must be a positive integer, got ${options.pageSizeCap}`);
  }

  const now = clockOf(options.now);
  // Before anything listens: a bad accessToken throws without leaving a server open.
  const auth = createAuthStore(
    seed,
    Date.now,
    options.accessToken === undefined ? {} : { demoToken: options.accessToken },
  );
  const lifetime = new AbortController();
  const requests: RequestLogEntry[] = [];
  const mediaRequests: RequestLogEntry[] = [];
  const mediaServer = createServer(
    createMediaHandler(mediaRequests, { latencyMs: options.mediaLatencyMs ?? 0, lifetime: lifetime.signal }),
  );
  // A fixed API port gets the next port for media, so URLs in a built site stay valid across restarts.
  const mediaPort = await listen(mediaServer, port === 0 ? 0 : port + 1, host);
  const mediaOrigin = `http://${urlHost(host)}:${mediaPort}`;

  let account: DemoAccount =
    options.account ?? createDemoAccount({ seed, scale: options.scale ?? 1, mediaBaseUrl: mediaOrigin, now: now() });
  let listWrapping = options.listWrapping;
  const faults = createFaultQueue();
  const apiServer = createServer(
    createApiHandler({
      account: () => account,
      auth,
      faults,
      log: requests,
      views: createSortedViews(),
      mediaBaseUrl: mediaOrigin,
      latencyMs: options.latencyMs ?? 0,
      pageSizeCap: options.pageSizeCap,
      tokenTtlSeconds: options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      maxUploadBytes: options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES,
      lifetime: lifetime.signal,
      listWrapping: () => listWrapping,
      onChange: options.onChange,
      now,
      accessLog: options.quiet === false ? (line) => process.stderr.write(`[stagebloc simulator] ${line}\n`) : null,
    }),
  );
  let apiPort: number;
  try {
    apiPort = await listen(apiServer, port, host);
  } catch (error) {
    await closeServer(mediaServer);
    throw error;
  }
  const origin = `http://${urlHost(host)}:${apiPort}`;

  let closing: Promise<void> | undefined;
  return {
    apiUrl: `${origin}/2.0/`,
    origin,
    mediaOrigin,
    token: auth.demoToken,
    clientId: auth.clientId,
    clientSecret: auth.clientSecret,
    issueCode: (redirectUri) => auth.issueCode(redirectUri),
    get account() {
      return account;
    },
    set account(next: DemoAccount) {
      account = next;
    },
    get listWrapping() {
      return listWrapping;
    },
    set listWrapping(next) {
      listWrapping = next;
    },
    requests,
    mediaRequests,
    clearRequests() {
      requests.length = 0;
      mediaRequests.length = 0;
    },
    injectFault: (fault) => faults.inject(fault),
    clearFaults: () => faults.clear(),
    close() {
      closing ??= (async () => {
        lifetime.abort();
        await Promise.all([closeServer(apiServer), closeServer(mediaServer)]);
      })();
      return closing;
    },
  };
}

/** A fixed instant (`now` given) or the real clock. */
function clockOf(now: SimulatorOptions['now']): () => number {
  if (now === undefined) return Date.now;
  const ms = now instanceof Date ? now.getTime() : typeof now === 'number' ? now : Date.parse(now);
  if (!Number.isFinite(ms)) throw new RangeError(`now must be a date (e.g. 2026-12-06T12:00:00Z), got ${String(now)}`);
  return () => ms;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops listening and ends every connection, including stalled ones. */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

function checkNonNegative(value: number | undefined, name: string): void {
  if (value !== undefined && !(value >= 0 && Number.isFinite(value)))
    throw new RangeError(`${name} must be a non-negative number, got ${value}`);
}
