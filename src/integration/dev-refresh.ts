/**
 * Re-syncing StageBloc content while `astro dev` runs, through the content layer's
 * `refreshContent` (only the stagebloc loaders; each starts with its cheap check, so a
 * refresh with nothing changed costs one request per collection): on a POST to a local
 * endpoint guarded by a shared secret, on a timer when asked for, and in demo mode after
 * the simulator's data changed.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REFRESH_PATH = '/_stagebloc/refresh';

/** Why a refresh runs: the loaders say less about routine (periodic) checks. */
export type RefreshReason = 'endpoint' | 'periodic' | 'simulator';

export type Refresh = (reason: RefreshReason) => Promise<void>;

/**
 * One refresh at a time: calls while one runs wait for it and then share one more (what
 * changed during the first may not be in it).
 */
export function serializedRefresh(run: (reason: RefreshReason) => Promise<void>): Refresh {
  let running: Promise<void> | undefined;
  let queued: Promise<void> | undefined;
  return (reason) => {
    if (!running) {
      running = run(reason).finally(() => (running = undefined));
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = undefined;
        running = run(reason).finally(() => (running = undefined));
        return running;
      });
    return queued;
  };
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison of what the request presented with the secret. */
function presentedSecretMatches(req: IncomingMessage, url: URL, secret: string): boolean {
  const header = req.headers.authorization;
  const presented = header?.startsWith('Bearer ') ? header.slice(7) : (url.searchParams.get('secret') ?? '');
  return timingSafeEqual(digest(presented), digest(secret));
}

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

function answer(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(`${JSON.stringify(body)}\n`);
}

/**
 * `POST /_stagebloc/refresh` with `Authorization: Bearer <secret>` (or `?secret=` for a
 * webhook sender that can only be given a URL): answers once the refresh is done, so a
 * script can fetch the page right after.
 */
export function refreshMiddleware(secret: string, refresh: Refresh): Middleware {
  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== REFRESH_PATH) return next();
    if (req.method !== 'POST') return answer(res, 405, { error: 'Use POST.' }, { allow: 'POST' });
    if (!presentedSecretMatches(req, url, secret)) return answer(res, 401, { error: 'Wrong or missing secret.' });
    // The body (a webhook's payload) says nothing the cheap check does not find out itself.
    req.resume();
    refresh('endpoint').then(
      () => answer(res, 200, { refreshed: true }),
      (error: unknown) =>
        answer(res, 500, { refreshed: false, error: error instanceof Error ? error.message : String(error) }),
    );
  };
}

/** Calls `refresh` every `seconds` until stopped; a failed check is reported and the next one runs on time. */
export function periodicRefresh(seconds: number, refresh: Refresh, warn: (message: string) => void): () => void {
  const timer = setInterval(() => {
    refresh('periodic').catch((error: unknown) =>
      warn(`periodic refresh failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }, seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
