/**
 * Getting an access token: StageBloc's authorization-code flow (connect URL,
 * then `/oauth2/token`) and a generic client-credentials grant (RFC 6749 §4.4,
 * as in the client-credentials reference doc) usable as a `tokenProvider`.
 * Token requests are POSTs and are never retried: an authorization code is
 * single use, and a retried grant could mint tokens nobody keeps.
 */
import { decodeJsonObject } from './decode/index.js';
import { StageBlocApiError, StageBlocAuthError, StageBlocParseError } from './errors.js';
import { ENDPOINTS } from './endpoints.js';
import { redactError } from './redact.js';
import { createTransport, type HttpResponse, type Transport } from './transport.js';

export const DEFAULT_BASE_URL = 'https://api.stagebloc.com/2.0/';
export const DEFAULT_CONNECT_BASE = 'https://stagebloc.com/connect/';
const DEFAULT_TIMEOUT_MS = 30_000;
const TOKEN_RESPONSE_LIMIT_BYTES = 1024 * 1024;

export interface ConnectUrlOptions {
  clientId: string;
  redirectUri: string;
  /** Opaque value echoed back to the redirect URI; use it against CSRF. */
  state?: string;
  /** Default `non-expiring`. */
  scope?: string;
  connectBase?: string;
}

/** The page a user visits to connect an account to the app (`response_type=code`). */
export function connectUrl(o: ConnectUrlOptions): string {
  const url = new URL(o.connectBase ?? DEFAULT_CONNECT_BASE);
  url.searchParams.set('client_id', o.clientId);
  url.searchParams.set('redirect_uri', o.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', o.scope ?? 'non-expiring');
  if (o.state !== undefined) url.searchParams.set('state', o.state);
  return url.toString();
}

export interface ExchangeCodeOptions {
  clientId: string;
  clientSecret: string;
  code: string;
  redirectUri?: string;
  baseUrl?: string;
  timeoutMs?: number;
}

/**
 * Trades an authorization code for an access token with a form POST to
 * `<baseUrl>oauth2/token` (no extension: the endpoint only speaks JSON).
 * Refusals become StageBlocAuthError carrying the server's message.
 */
export async function exchangeCode(o: ExchangeCodeOptions): Promise<{ accessToken: string; scope: string | null }> {
  const secrets = [o.clientSecret, o.code];
  const endpoint = ENDPOINTS.token;
  const url = new URL('oauth2/token', withTrailingSlash(o.baseUrl ?? DEFAULT_BASE_URL));
  const form = new URLSearchParams({
    client_id: o.clientId,
    client_secret: o.clientSecret,
    grant_type: 'authorization_code',
    code: o.code,
  });
  if (o.redirectUri !== undefined) form.set('redirect_uri', o.redirectUri);

  try {
    const response = await tokenTransport(
      o.timeoutMs,
      () => secrets,
    )({
      method: 'POST',
      url,
      endpoint,
      retry: false,
      headers: { accept: 'application/json' },
      body: () => ({ body: form.toString(), contentType: 'application/x-www-form-urlencoded' }),
    });
    const doc = tokenDocument(response, endpoint);
    const accessToken = doc['access_token'];
    if (typeof accessToken !== 'string' || accessToken === '') {
      throw new StageBlocParseError('the token response has no access_token', endpoint, 'json');
    }
    const scope = doc['scope'];
    return { accessToken, scope: typeof scope === 'string' ? scope : null };
  } catch (error) {
    throw redactError(error, secrets);
  }
}

export interface ClientCredentialsOptions {
  /** Full URL of the token endpoint, e.g. `https://dev.akkroo.com/api/auth`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  username?: string;
  scope?: string;
  /** Sent as Accept and Content-Type, e.g. `application/vnd.akkroo-v1.1+json`. Default `application/json`. */
  mediaType?: string;
  /** Refresh this long before the token expires. Default 60 s (at most half the token's lifetime). */
  refreshSkewMs?: number;
  timeoutMs?: number;
}

export interface TokenProvider {
  getToken(): Promise<string>;
  invalidate(): void;
}

/**
 * A token provider for the client-credentials grant: HTTP Basic client auth and
 * a JSON body. The token is cached until shortly before `expires_in` runs out;
 * concurrent `getToken()` calls share one in-flight request.
 */
export function clientCredentials(o: ClientCredentialsOptions): TokenProvider {
  const endpoint = new URL(o.tokenUrl).pathname;
  const mediaType = o.mediaType ?? 'application/json';
  const basic = Buffer.from(`${o.clientId}:${o.clientSecret}`, 'utf8').toString('base64');
  const secrets = new Set<string>([o.clientSecret, basic]);
  const send = tokenTransport(o.timeoutMs, () => secrets);
  const skewMs = o.refreshSkewMs ?? 60_000;

  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function requestToken(): Promise<{ token: string; refreshAt: number }> {
    const body: Record<string, string> = { grant_type: 'client_credentials' };
    if (o.username !== undefined) body.username = o.username;
    if (o.scope !== undefined) body.scope = o.scope;
    const requestedAt = Date.now();
    const response = await send({
      method: 'POST',
      url: new URL(o.tokenUrl),
      endpoint,
      retry: false,
      headers: { authorization: `Basic ${basic}`, accept: mediaType },
      body: () => ({ body: JSON.stringify(body), contentType: mediaType }),
    });
    const doc = tokenDocument(response, endpoint);
    const token = doc['access_token'];
    if (typeof token !== 'string' || token === '') {
      throw new StageBlocParseError('the token response has no access_token', endpoint, 'json');
    }
    secrets.add(token);
    const lifetimeMs = expiresInMs(doc['expires_in'], endpoint);
    // Measured from when we asked, so network time eats into the skew, not past expiry.
    const refreshAt =
      lifetimeMs === undefined ? Number.POSITIVE_INFINITY : requestedAt + lifetimeMs - Math.min(skewMs, lifetimeMs / 2);
    return { token, refreshAt };
  }

  return {
    getToken() {
      if (cached && Date.now() < cached.refreshAt) return Promise.resolve(cached.token);
      inFlight ??= requestToken()
        .then((fresh) => {
          cached = fresh;
          return fresh.token;
        })
        .catch((error: unknown) => {
          throw redactError(error, secrets);
        })
        .finally(() => {
          inFlight = undefined;
        });
      return inFlight;
    },
    invalidate() {
      cached = undefined;
    },
  };
}

function tokenTransport(timeoutMs: number | undefined, secrets: () => Iterable<string>): Transport {
  return createTransport({
    timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retries: 0,
    retryBaseDelayMs: 0,
    maxRetryAfterMs: 0,
    concurrency: 1,
    maxResponseBytes: TOKEN_RESPONSE_LIMIT_BYTES,
    maxRedirects: 0,
    userAgent: 'astro-stagebloc',
    log: () => undefined,
    secrets,
  });
}

/**
 * The token endpoint's JSON object. Any refusal (the documented error
 * envelope, an OAuth `{"error": …}` body, or a bare non-2xx) becomes a
 * StageBlocAuthError naming what the server said.
 */
function tokenDocument(response: HttpResponse, endpoint: string): Record<string, unknown> {
  const oauthError = standardOAuthError(response.text);
  if (oauthError !== undefined) {
    throw new StageBlocAuthError(
      `Token request failed (HTTP ${response.status}): ${oauthError}`,
      endpoint,
      response.status,
    );
  }
  try {
    return decodeJsonObject(response.text, endpoint, response.status);
  } catch (error) {
    if (error instanceof StageBlocApiError) {
      throw new StageBlocAuthError(
        `Token request failed (HTTP ${error.status}): ${error.apiMessage}`,
        endpoint,
        error.status,
      );
    }
    if (error instanceof StageBlocAuthError) {
      throw new StageBlocAuthError(
        `Token request failed (HTTP ${response.status}): ${envelopeMessage(response.text) ?? 'client credentials rejected'}`,
        endpoint,
        response.status,
      );
    }
    throw error;
  }
}

/** RFC 6749 §5.2: `{"error": "invalid_grant", "error_description": "…"}`. */
function standardOAuthError(text: string): string | undefined {
  const doc = safeJson(text);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return undefined;
  const { error, error_description: description } = doc as Record<string, unknown>;
  if (typeof error !== 'string') return undefined;
  return typeof description === 'string' && description !== '' ? `${description} (${error})` : error;
}

function envelopeMessage(text: string): string | undefined {
  const doc = safeJson(text) as { response?: { error?: { message?: unknown } }[] } | undefined;
  const message = Array.isArray(doc?.response) ? doc.response[0]?.error?.message : undefined;
  return typeof message === 'string' ? message : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `expires_in` as seconds, a number or a numeric string (the reference doc sends `"1209600"`). */
function expiresInMs(value: unknown, endpoint: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const seconds =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) {
    throw new StageBlocParseError(
      `expires_in is not a number of seconds (got ${JSON.stringify(value)})`,
      endpoint,
      'json',
    );
  }
  return seconds * 1000;
}

export function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
