/**
 * OAuth: POST /2.0/oauth2/token (authorization_code as in the StageBloc docs,
 * client_credentials as in the client-credentials reference) and the
 * auto-approving GET /connect consent page.
 *
 * Token errors use RFC 6749's JSON shape, `{"error":"invalid_grant",
 * "error_description":"…"}` (400; 401 `invalid_client` for bad client
 * credentials), since the endpoint is plain OAuth 2.0 and JSON-only.
 */
import type { IncomingMessage } from 'node:http';
import { ApiError } from './api-error.js';
import type { AuthStore } from './auth.js';
import { prepared, readBody, type PreparedResponse } from './http-io.js';

export interface TokenContext {
  auth: AuthStore;
  tokenTtlSeconds: number;
}

const MAX_TOKEN_BODY = 64 * 1024;
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

export async function handleToken(req: IncomingMessage, ctx: TokenContext): Promise<PreparedResponse> {
  const responseType =
    vendorJsonType(req.headers.accept) ?? vendorJsonType(req.headers['content-type']) ?? 'application/json';
  const fail = (status: number, error: string, description: string, headers: Record<string, string> = {}) =>
    prepared(status, responseType, JSON.stringify({ error, error_description: description }), {
      ...NO_STORE,
      ...headers,
    });

  if (req.method !== 'POST') return fail(405, 'invalid_request', 'Use POST for /oauth2/token.', { Allow: 'POST' });
  let params: Record<string, string>;
  try {
    params = parseTokenBody(await readBody(req, MAX_TOKEN_BODY), req.headers['content-type']);
  } catch (error) {
    if (error instanceof ApiError && error.status === 413)
      return fail(413, 'invalid_request', 'The request body is too large.');
    return fail(400, 'invalid_request', 'The request body could not be read as a form or a JSON object.');
  }

  const basic = basicCredentials(req.headers.authorization);
  const clientId = basic?.id ?? params.client_id;
  const clientSecret = basic?.secret ?? params.client_secret;
  if (!clientId || clientSecret === undefined)
    return fail(401, 'invalid_client', 'Client authentication is required.', {
      'WWW-Authenticate': 'Basic realm="StageBloc"',
    });
  if (!ctx.auth.clientMatches(clientId, clientSecret))
    return fail(401, 'invalid_client', 'Unknown client or wrong client secret.', {
      'WWW-Authenticate': 'Basic realm="StageBloc"',
    });

  switch (params.grant_type) {
    case 'authorization_code': {
      if (!params.code) return fail(400, 'invalid_request', 'code is required.');
      const outcome = ctx.auth.redeemCode(params.code, params.redirect_uri);
      if (outcome === 'invalid')
        return fail(400, 'invalid_grant', 'The authorization code is invalid, expired or already used.');
      if (outcome === 'redirect-mismatch')
        return fail(400, 'invalid_grant', 'redirect_uri does not match the one the code was issued for.');
      return prepared(
        200,
        responseType,
        JSON.stringify({ access_token: ctx.auth.issueToken(null), scope: 'non-expiring' }),
        NO_STORE,
      );
    }
    case 'client_credentials': {
      const body = {
        access_token: ctx.auth.issueToken(ctx.tokenTtlSeconds),
        // The reference doc sends expires_in as a string.
        expires_in: String(ctx.tokenTtlSeconds),
        token_type: 'bearer',
        scope: params.scope || 'PublicAPI',
      };
      return prepared(200, responseType, JSON.stringify(body), NO_STORE);
    }
    case undefined:
    case '':
      return fail(400, 'invalid_request', 'grant_type is required.');
    default:
      return fail(400, 'unsupported_grant_type', `grant_type ${params.grant_type} is not supported.`);
  }
}

/** Form bodies (the docs' flow) and JSON bodies (the client-credentials doc), by Content-Type. */
function parseTokenBody(body: Buffer, contentType: string | undefined): Record<string, string> {
  const text = body.toString('utf8');
  if (contentType && /^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError('not an object');
    const out: Record<string, string> = {};
    for (const [key, v] of Object.entries(value))
      if (typeof v === 'string' || typeof v === 'number') out[key] = String(v);
    return out;
  }
  return Object.fromEntries(new URLSearchParams(text));
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const formDecode = (s: string) => {
    try {
      return decodeURIComponent(s.replaceAll('+', ' '));
    } catch {
      return s;
    }
  };
  return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
}

/** `application/vnd.akkroo-v1.1+json` from an Accept or Content-Type header: echoed back as the response type. */
export function vendorJsonType(header: string | undefined): string | null {
  const match = /application\/vnd\.[\w.-]+\+json/i.exec(header ?? '');
  return match ? match[0] : null;
}

/**
 * GET /connect: StageBloc's consent page, approving at once. Redirects to
 * redirect_uri with `code` and `state`, or `error=access_denied` for an
 * unknown client or `deny=1`.
 */
export function handleConnect(query: Readonly<Record<string, string>>, auth: AuthStore): PreparedResponse {
  const redirect = safeRedirectUri(query.redirect_uri);
  if (!redirect) return prepared(400, 'text/plain; charset=utf-8', 'redirect_uri must be an absolute http(s) URL.\n');
  const params: Record<string, string> = {};
  if (query.client_id !== auth.clientId || query.deny === '1') params.error = 'access_denied';
  else if (query.response_type !== 'code') params.error = 'unsupported_response_type';
  else params.code = auth.issueCode(query.redirect_uri);
  if (query.state !== undefined) params.state = query.state;
  for (const [key, value] of Object.entries(params)) redirect.searchParams.set(key, value);
  return prepared(302, 'text/plain; charset=utf-8', '', { Location: redirect.toString(), 'Cache-Control': 'no-store' });
}

function safeRedirectUri(value: string | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
