import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { StageBlocAuthError } from '../../src/client/errors.js';
import { clientCredentials, connectUrl, exchangeCode } from '../../src/client/oauth.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';

let sim: Simulator;
const TTL_SECONDS = 2;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 11, tokenTtlSeconds: TTL_SECONDS });
});
afterAll(async () => {
  await sim?.close();
});

function tokenRequests() {
  return sim.requests.filter((r) => r.endpoint === '/oauth2/token');
}

function allText(error: unknown): string {
  const e = error as Error;
  return [e.message, e.stack, JSON.stringify(e), String(e.cause)].join('\n');
}

describe('connectUrl', () => {
  it('builds the StageBloc connect URL with response_type=code and scope non-expiring', () => {
    const url = new URL(connectUrl({ clientId: 'app 1', redirectUri: 'http://127.0.0.1:4321/callback', state: 's&t' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://stagebloc.com/connect/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app 1',
      redirect_uri: 'http://127.0.0.1:4321/callback',
      response_type: 'code',
      scope: 'non-expiring',
      state: 's&t',
    });
  });

  it('takes another base and scope, and omits state when not given', () => {
    const url = new URL(
      connectUrl({
        clientId: 'a',
        redirectUri: 'http://x/cb',
        scope: 'other',
        connectBase: 'http://127.0.0.1:9/connect/',
      }),
    );
    expect(url.host).toBe('127.0.0.1:9');
    expect(url.searchParams.get('scope')).toBe('other');
    expect(url.searchParams.has('state')).toBe(false);
  });
});

describe('exchangeCode', () => {
  it('trades a code for a working token with one form POST to /oauth2/token (no extension)', async () => {
    sim.clearRequests();
    const code = sim.issueCode();
    const result = await exchangeCode({
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      code,
      baseUrl: sim.apiUrl,
    });
    expect(result.accessToken).toEqual(expect.any(String));
    expect(result.scope).toBe('non-expiring');
    const [request] = tokenRequests();
    expect(tokenRequests()).toHaveLength(1);
    expect(request?.method).toBe('POST');
    expect(request?.path).toMatch(/\/oauth2\/token$/);
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    const page = await createClient({ accessToken: result.accessToken, baseUrl: sim.apiUrl }).tracks.list({ limit: 1 });
    expect(page.items).toHaveLength(1);
  });

  it('reports a reused code clearly, after exactly one request', async () => {
    const code = sim.issueCode();
    await exchangeCode({ clientId: sim.clientId, clientSecret: sim.clientSecret, code, baseUrl: sim.apiUrl });
    sim.clearRequests();
    const error = await exchangeCode({
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      code,
      baseUrl: sim.apiUrl,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocAuthError);
    expect((error as Error).message).toMatch(/Token request failed \(HTTP 4\d\d\): \S/);
    expect(tokenRequests()).toHaveLength(1);
    expect(allText(error)).not.toContain(code);
    expect(allText(error)).not.toContain(sim.clientSecret);
  });

  it('reports a wrong client secret clearly, after exactly one request', async () => {
    sim.clearRequests();
    const code = sim.issueCode();
    const wrong = 'WRONG-SECRET-7f3e-0000';
    const error = await exchangeCode({ clientId: sim.clientId, clientSecret: wrong, code, baseUrl: sim.apiUrl }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StageBlocAuthError);
    expect((error as StageBlocAuthError).status).toBeGreaterThanOrEqual(400);
    expect(tokenRequests()).toHaveLength(1);
    expect(allText(error)).not.toContain(wrong);
  });

  it('is never retried, even on a 503', async () => {
    sim.clearRequests();
    sim.injectFault({ kind: 'status', status: 503, path: '/oauth2/token' });
    try {
      const error = await exchangeCode({
        clientId: sim.clientId,
        clientSecret: sim.clientSecret,
        code: sim.issueCode(),
        baseUrl: sim.apiUrl,
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StageBlocAuthError);
      expect((error as StageBlocAuthError).status).toBe(503);
      expect(tokenRequests()).toHaveLength(1);
    } finally {
      sim.clearFaults();
    }
  });
});

describe('clientCredentials', () => {
  const MEDIA_TYPE = 'application/vnd.akkroo-v1.1+json';
  const provider = () =>
    clientCredentials({
      tokenUrl: `${sim.apiUrl}oauth2/token`,
      clientId: sim.clientId,
      clientSecret: sim.clientSecret,
      username: 'demo',
      scope: 'PublicAPI',
      mediaType: MEDIA_TYPE,
      refreshSkewMs: 1000,
    });

  it('uses HTTP Basic client auth and the vendor media type, and the token works', async () => {
    sim.clearRequests();
    const tokens = provider();
    const token = await tokens.getToken();
    const [request] = tokenRequests();
    const basic = Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString('base64');
    expect(request?.headers.authorization).toBe(`Basic ${basic}`);
    expect(request?.headers.accept).toBe(MEDIA_TYPE);
    expect(request?.headers['content-type']).toBe(MEDIA_TYPE);
    const client = createClient({ tokenProvider: tokens, baseUrl: sim.apiUrl, authScheme: 'Bearer' });
    expect((await client.albums.list({ limit: 1 })).items).toHaveLength(1);
    expect(sim.requests.at(-1)?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('shares one request among 10 concurrent getToken() calls', async () => {
    sim.clearRequests();
    const tokens = provider();
    const results = await Promise.all(Array.from({ length: 10 }, () => tokens.getToken()));
    expect(new Set(results).size).toBe(1);
    expect(tokenRequests()).toHaveLength(1);
  });

  it('caches until shortly before expires_in (a string), then refreshes', async () => {
    sim.clearRequests();
    const tokens = provider();
    const first = await tokens.getToken();
    expect(await tokens.getToken()).toBe(first);
    expect(tokenRequests()).toHaveLength(1);
    // TTL 2 s with a 1 s skew: the refresh is due after ~1 s, well before expiry.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const second = await tokens.getToken();
    expect(second).not.toBe(first);
    expect(tokenRequests()).toHaveLength(2);
  });

  it('invalidate() forces a new token', async () => {
    sim.clearRequests();
    const tokens = provider();
    await tokens.getToken();
    tokens.invalidate();
    await tokens.getToken();
    expect(tokenRequests()).toHaveLength(2);
  });

  it('rejects a wrong secret with StageBlocAuthError, once, without leaking it', async () => {
    sim.clearRequests();
    const wrong = 'WRONG-SECRET-7f3e-1111';
    const error = await clientCredentials({
      tokenUrl: `${sim.apiUrl}oauth2/token`,
      clientId: sim.clientId,
      clientSecret: wrong,
    })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocAuthError);
    expect(tokenRequests()).toHaveLength(1);
    expect(allText(error)).not.toContain(wrong);
    expect(allText(error)).not.toContain(Buffer.from(`${sim.clientId}:${wrong}`).toString('base64'));
  });
});

describe('clientCredentials against other token servers', () => {
  let server: Server;
  let url = '';
  const seen: IncomingHttpHeaders[] = [];
  let answer: { status: number; body: unknown } = { status: 200, body: {} };

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on('end', () =>
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/auth`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('accepts expires_in as a number and defaults the media type to application/json', async () => {
    answer = { status: 200, body: { access_token: 'numeric-ttl-token', expires_in: 3600, token_type: 'bearer' } };
    const tokens = clientCredentials({ tokenUrl: url, clientId: 'id', clientSecret: 'secret-value' });
    expect(await tokens.getToken()).toBe('numeric-ttl-token');
    expect(await tokens.getToken()).toBe('numeric-ttl-token');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.accept).toBe('application/json');
  });

  it('reports an RFC 6749 error body with its description', async () => {
    answer = { status: 400, body: { error: 'invalid_client', error_description: 'Unknown client' } };
    const error = await clientCredentials({ tokenUrl: url, clientId: 'id', clientSecret: 'secret-value' })
      .getToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocAuthError);
    expect((error as Error).message).toContain('Unknown client (invalid_client)');
  });
});
