/**
 * Token checking on API requests, the /oauth2/token endpoint (both grants),
 * single-use codes, and the auto-approving /connect page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { FORMATS, list } from './helpers.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 5, tokenTtlSeconds: 1 });
});
afterAll(async () => {
  await sim?.close();
});

function tokenRequest(body: string | Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  const isForm = typeof body !== 'string';
  return fetch(new URL('oauth2/token', sim.apiUrl), {
    method: 'POST',
    headers: { 'Content-Type': isForm ? 'application/x-www-form-urlencoded' : 'application/json', ...headers },
    body: isForm ? new URLSearchParams(body).toString() : body,
  });
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe.each(FORMATS)('API authentication (%s)', (format) => {
  it.each(['OAuth', 'Bearer', 'oauth', 'bearer'])('accepts the %s scheme', async (scheme) => {
    const page = await list(sim, '/audio/list', { limit: 1 }, format, `${scheme} ${sim.token}`);
    expect(page.status).toBe(200);
  });

  it.each([
    ['missing', () => null],
    ['unknown token', () => 'OAuth not-a-real-token'],
    ['wrong scheme', () => `Basic ${sim.token}`],
    ['scheme only', () => 'Bearer'],
    ['token with a suffix', () => `OAuth ${sim.token}x`],
  ])('401 envelope for %s', async (_name, header) => {
    const page = await list(sim, '/blog/list', {}, format, header());
    expect(page.status).toBe(401);
    expect(page.error).toBeTruthy();
    expect(page.raw).not.toContain(sim.token);
  });

  it('401 for /audio/edit without a token, before reading the upload', async () => {
    const res = await fetch(new URL(`audio/edit.${format}`, sim.apiUrl), {
      method: 'POST',
      body: new URLSearchParams({ title: 'x' }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/OAuth/);
    await res.text();
  });
});

describe('POST /oauth2/token, authorization_code', () => {
  it('exchanges a code from issueCode() once, for a working non-expiring token', async () => {
    const code = sim.issueCode('http://localhost:4321/callback');
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe('non-expiring');
    expect(body.access_token).toMatch(/^\w{20,}$/);
    expect(body.access_token).not.toBe(sim.token);
    expect((await list(sim, '/audio/list', { limit: 1 }, 'json', `OAuth ${body.access_token}`)).status).toBe(200);

    const again = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects unknown codes (400 invalid_grant), wrong secrets (401 invalid_client) and bad grant types', async () => {
    const unknown = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code: 'nope',
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'invalid_grant' });

    const code = sim.issueCode();
    const wrongSecret = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: 'wrong',
      code,
    });
    expect(wrongSecret.status).toBe(401);
    const body = (await wrongSecret.json()) as { error: string; error_description: string };
    expect(body.error).toBe('invalid_client');
    expect(JSON.stringify(body)).not.toContain(sim.clientSecret);
    // A failed client authentication does not burn the code.
    const ok = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
    });
    expect(ok.status).toBe(200);
    await ok.text();

    const grant = await tokenRequest({
      grant_type: 'password',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const missingCode = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
    });
    expect(missingCode.status).toBe(400);
    expect(await missingCode.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('checks redirect_uri against the one the code was issued for, when both are given', async () => {
    const code = sim.issueCode('http://localhost:4321/callback');
    const res = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
      redirect_uri: 'http://evil.example/',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('only answers at /oauth2/token without an extension, and only to POST', async () => {
    const withExt = await fetch(new URL('oauth2/token.json', sim.apiUrl), { method: 'POST' });
    expect(withExt.status).toBe(404);
    await withExt.text();
    const get = await fetch(new URL('oauth2/token', sim.apiUrl));
    expect(get.status).toBe(405);
    await get.text();
  });
});

describe('POST /oauth2/token, client_credentials', () => {
  const vendor = 'application/vnd.stagebloc-v2.0+json';

  it('issues an expiring bearer token with HTTP Basic client auth and a JSON body, echoing the vendor type', async () => {
    const res = await tokenRequest(
      JSON.stringify({ grant_type: 'client_credentials', username: 'demo', scope: 'PublicAPI' }),
      {
        Authorization: basic(sim.clientId, sim.clientSecret),
        Accept: vendor,
        'Content-Type': vendor,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(vendor);
    expect(res.headers.get('cache-control')).toMatch(/no-store/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ expires_in: '1', token_type: 'bearer', scope: 'PublicAPI' });
    const token = body.access_token as string;
    expect((await list(sim, '/audio/list', { limit: 1 }, 'json', `Bearer ${token}`)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await list(sim, '/audio/list', { limit: 1 }, 'xml', `Bearer ${token}`);
    expect(expired.status).toBe(401);
    expect(expired.error).toMatch(/expired/);
    // The demo token never expires.
    expect((await list(sim, '/audio/list', { limit: 1 })).status).toBe(200);
  });

  it('plain application/json without a vendor type answers application/json', async () => {
    const res = await tokenRequest(JSON.stringify({ grant_type: 'client_credentials' }), {
      Authorization: basic(sim.clientId, sim.clientSecret),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toMatchObject({ scope: 'PublicAPI', token_type: 'bearer' });
  });

  it('401 invalid_client for wrong Basic credentials or none', async () => {
    const wrong = await tokenRequest(JSON.stringify({ grant_type: 'client_credentials' }), {
      Authorization: basic(sim.clientId, 'nope'),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic/);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    const none = await tokenRequest(JSON.stringify({ grant_type: 'client_credentials' }));
    expect(none.status).toBe(401);
    await none.text();
  });

  it('400 invalid_request for a body that is not a JSON object', async () => {
    const res = await tokenRequest('[1,2', { Authorization: basic(sim.clientId, sim.clientSecret) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('GET /connect', () => {
  const connect = (params: Record<string, string>) =>
    fetch(`${sim.origin}/connect/?${new URLSearchParams(params)}`, { redirect: 'manual' });

  it('auto-approves: 302 to redirect_uri with a code and the state, and the code works once', async () => {
    const redirectUri = 'http://localhost:4321/auth/callback?keep=1';
    const res = await connect({
      client_id: sim.clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'non-expiring',
      state: 'xyz 123',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe('http://localhost:4321/auth/callback');
    expect(location.searchParams.get('keep')).toBe('1');
    expect(location.searchParams.get('state')).toBe('xyz 123');
    const code = location.searchParams.get('code')!;
    expect(code).toBeTruthy();
    const token = await tokenRequest({
      grant_type: 'authorization_code',
      client_id: sim.clientId,
      client_secret: sim.clientSecret,
      code,
      redirect_uri: redirectUri,
    });
    expect(token.status).toBe(200);
    expect(await token.json()).toMatchObject({ scope: 'non-expiring' });
  });

  it.each([
    ['deny=1', { deny: '1' }, 'access_denied'],
    ['an unknown client', { client_id: 'someone-else' }, 'access_denied'],
    ['response_type=token', { response_type: 'token' }, 'unsupported_response_type'],
  ])('redirects with an error for %s', async (_name, extra, error) => {
    const res = await connect({
      client_id: sim.clientId,
      redirect_uri: 'http://localhost/cb',
      response_type: 'code',
      state: 's',
      ...extra,
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('s');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('400 without a usable redirect_uri', async () => {
    for (const redirect_uri of ['', 'javascript:alert(1)', 'not a url']) {
      const res = await connect({ client_id: sim.clientId, redirect_uri, response_type: 'code' });
      expect(res.status).toBe(400);
      await res.text();
    }
  });
});

describe('credentials', () => {
  it('are deterministic per seed and differ between seeds', async () => {
    const [a, b, c] = await Promise.all([
      startSimulator({ seed: 5 }),
      startSimulator({ seed: 5 }),
      startSimulator({ seed: 6 }),
    ]);
    try {
      expect(a.token).toBe(b.token);
      expect(a.clientSecret).toBe(b.clientSecret);
      expect(a.token).not.toBe(c.token);
      expect(a.token).not.toBe(a.clientSecret);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
