/**
 * Credentials the simulator accepts: the demo app (client id/secret), the
 * demo access token, tokens issued by /oauth2/token, and single-use
 * authorization codes from /connect.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from './api-error.js';

export interface AuthStore {
  readonly demoToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  issueCode(redirectUri?: string): string;
  /** Consumes the code: a second call with the same code fails. */
  redeemCode(code: string, redirectUri: string | undefined): 'ok' | 'invalid' | 'redirect-mismatch';
  /** `ttlSeconds` null: never expires. */
  issueToken(ttlSeconds: number | null): string;
  /** Throws the 401 ApiError the API answers with, or returns normally. */
  checkAuthorization(header: string | undefined): void;
  clientMatches(clientId: string | undefined, clientSecret: string | undefined): boolean;
}

const CODE_TTL_MS = 10 * 60_000;
const CHALLENGE = { 'WWW-Authenticate': 'OAuth realm="StageBloc API"' };

/** Deterministic per seed, so a site's .env written once keeps working. */
function derive(label: string, seed: number, length: number): string {
  return createHash('sha256').update(`astro-stagebloc simulator:${label}:${seed}`).digest('hex').slice(0, length);
}

export interface AuthStoreOptions {
  /** Accepted instead of the seed's demo token (see SimulatorOptions.accessToken). */
  demoToken?: string;
}

export function createAuthStore(seed: number, now: () => number = Date.now, options: AuthStoreOptions = {}): AuthStore {
  if (options.demoToken !== undefined && !/^[\x21-\x7e]+$/.test(options.demoToken)) {
    // It travels in `Authorization: OAuth <token>`, which checkAuthorization splits on whitespace.
    throw new RangeError('accessToken must be non-empty visible ASCII without spaces');
  }
  const demoToken = options.demoToken ?? derive('demo-token', seed, 40);
  const clientId = `demo-${derive('client-id', seed, 12)}`;
  const clientSecret = derive('client-secret', seed, 32);
  const tokens = new Map<string, number | null>([[demoToken, null]]);
  const codes = new Map<string, { redirectUri: string | undefined; expiresAt: number }>();

  return {
    demoToken,
    clientId,
    clientSecret,
    issueCode(redirectUri) {
      const code = randomBytes(16).toString('hex');
      codes.set(code, { redirectUri, expiresAt: now() + CODE_TTL_MS });
      return code;
    },
    redeemCode(code, redirectUri) {
      const entry = codes.get(code);
      codes.delete(code);
      if (!entry || entry.expiresAt < now()) return 'invalid';
      if (redirectUri !== undefined && entry.redirectUri !== undefined && redirectUri !== entry.redirectUri)
        return 'redirect-mismatch';
      return 'ok';
    },
    issueToken(ttlSeconds) {
      const token = randomBytes(20).toString('hex');
      tokens.set(token, ttlSeconds === null ? null : now() + ttlSeconds * 1000);
      return token;
    },
    checkAuthorization(header) {
      const match = /^(?:OAuth|Bearer)[ \t]+([^\s]+)[ \t]*$/i.exec(header ?? '');
      if (!header) throw new ApiError(401, 'An access token is required (Authorization: OAuth <token>).', CHALLENGE);
      if (!match) throw new ApiError(401, 'The Authorization header must use the OAuth or Bearer scheme.', CHALLENGE);
      const token = match[1] as string;
      if (!tokens.has(token)) throw new ApiError(401, 'The access token provided is invalid.', CHALLENGE);
      const expiresAt = tokens.get(token);
      if (expiresAt !== null && expiresAt !== undefined && expiresAt <= now()) {
        throw new ApiError(401, 'The access token provided has expired.', CHALLENGE);
      }
    },
    clientMatches(id, secret) {
      return id === clientId && secret === clientSecret;
    },
  };
}
