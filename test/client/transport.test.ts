/**
 * Transport behaviour that needs servers the simulator does not play: a
 * redirector on another origin, a server that counts concurrent requests, and
 * oversize bodies with and without Content-Length. Real sockets on 127.0.0.1.
 */
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { StageBlocApiError, StageBlocResponseTooLargeError } from '../../src/client/errors.js';
import { createTransport, parseRetryAfter } from '../../src/client/transport.js';
import { serializeList } from '../../src/wire/serialize.js';

const TOKEN = 'CANARY-TOKEN-7f3e-transport-0001';
const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<{ origin: string; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, server };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

const emptyList = serializeList('json', 0, []);

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  it.each([
    ['0', 0],
    ['3', 3000],
    [' 1.5 ', 1500],
    ['Wed, 01 May 2024 12:00:30 GMT', 30_000],
    ['Wed, 01 May 2024 11:59:00 GMT', 0],
  ])('%j → %d ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });
  it.each([null, undefined, '', '-1', 'soon', '12abc'])('%j → undefined', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('redirects', () => {
  it('never sends the Authorization header to another origin', async () => {
    const seenByOther: IncomingHttpHeaders[] = [];
    const other = await serve((req, res) => {
      seenByOther.push(req.headers);
      res.writeHead(200, { 'content-type': 'application/json' }).end(emptyList);
    });
    const seenByApi: IncomingHttpHeaders[] = [];
    const api = await serve((req, res) => {
      seenByApi.push(req.headers);
      // Same origin first, then a hop to the other origin.
      if (req.url?.startsWith('/2.0/audio/list.json')) {
        res.writeHead(301, { location: '/2.0/moved/audio/list.json' }).end();
      } else {
        res.writeHead(302, { location: `${other.origin}/elsewhere/list.json` }).end();
      }
    });
    const logs: string[] = [];
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: `${api.origin}/2.0/`,
      onLog: (e) => logs.push(e.message),
    });
    const { list } = await client.requestList('audio/list', {});
    expect(list.total).toBe(0);
    expect(seenByApi).toHaveLength(2);
    for (const headers of seenByApi) expect(headers.authorization).toBe(`OAuth ${TOKEN}`);
    expect(seenByOther).toHaveLength(1);
    expect(seenByOther[0]?.authorization).toBeUndefined();
    expect(JSON.stringify(seenByOther[0])).not.toContain(TOKEN);
    expect(logs.some((l) => l.includes('credentials not forwarded'))).toBe(true);
  });

  it('does not restore credentials when a later hop returns to the API origin', async () => {
    const seen: (string | undefined)[] = [];
    let apiOrigin = '';
    const other = await serve((_req, res) => {
      res.writeHead(302, { location: `${apiOrigin}/2.0/back.json` }).end();
    });
    const api = await serve((req, res) => {
      seen.push(req.headers.authorization);
      if (req.url?.startsWith('/2.0/back')) res.writeHead(200).end(emptyList);
      else res.writeHead(307, { location: `${other.origin}/x` }).end();
    });
    apiOrigin = api.origin;
    await createClient({ accessToken: TOKEN, baseUrl: `${api.origin}/2.0/` }).requestList('audio/list', {});
    expect(seen).toEqual([`OAuth ${TOKEN}`, undefined]);
  });

  it('gives up after too many redirects', async () => {
    let hits = 0;
    const api = await serve((_req, res) => {
      hits++;
      res.writeHead(302, { location: `/loop/${hits}` }).end();
    });
    const error = await createClient({ accessToken: TOKEN, baseUrl: `${api.origin}/2.0/` })
      .requestList('audio/list', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect((error as Error).message).toMatch(/too many redirects/);
    expect(hits).toBe(6);
  });
});

describe('concurrency', () => {
  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const api = await serve((_req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' }).end(emptyList);
      }, 40);
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: `${api.origin}/2.0/`, concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, () => client.requestList('audio/list', {})));
    expect(peak).toBe(2);
  });
});

describe('response size cap', () => {
  it('rejects a declared Content-Length over the cap without retrying', async () => {
    let hits = 0;
    const api = await serve((_req, res) => {
      hits++;
      const body = serializeList('json', 0, []).padEnd(5000, ' ');
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: `${api.origin}/2.0/`,
      maxResponseBytes: 1000,
      retryBaseDelayMs: 1,
    });
    await expect(client.requestList('audio/list', {})).rejects.toBeInstanceOf(StageBlocResponseTooLargeError);
    expect(hits).toBe(1);
  });

  it('aborts a chunked body as soon as it passes the cap', async () => {
    let chunksWritten = 0;
    let closed = false;
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // An endless body: only aborting the read can end this request.
      const timer = setInterval(() => {
        chunksWritten++;
        res.write(' '.repeat(1024));
      }, 1);
      res.on('close', () => {
        closed = true;
        clearInterval(timer);
      });
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: `${api.origin}/2.0/`, maxResponseBytes: 8 * 1024 });
    await expect(client.requestList('audio/list', {})).rejects.toBeInstanceOf(StageBlocResponseTooLargeError);
    await expect.poll(() => closed).toBe(true);
    expect(chunksWritten).toBeLessThan(1000);
  });
});

describe('request headers', () => {
  it('sends the configured scheme, Accept for the format and the user agent', async () => {
    const seen: IncomingHttpHeaders[] = [];
    const api = await serve((req, res) => {
      seen.push(req.headers);
      res.writeHead(200).end(serializeList('xml', 0, []));
    });
    await createClient({
      accessToken: TOKEN,
      baseUrl: `${api.origin}/2.0`,
      format: 'xml',
      authScheme: 'Bearer',
      userAgent: 'my-site/1.0',
    }).requestList('/audio/list.xml', { limit: 3, offset: undefined });
    expect(seen[0]).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      accept: 'application/xml',
      'user-agent': 'my-site/1.0',
    });
  });
});

describe('options', () => {
  it('refuses to start without a token', () => {
    expect(() => createClient({})).toThrow(/No access token/);
  });
  it('rejects nonsense numbers and formats', () => {
    expect(() => createClient({ accessToken: TOKEN, timeoutMs: 0 })).toThrow(TypeError);
    expect(() => createClient({ accessToken: TOKEN, retries: -1 })).toThrow(TypeError);
    expect(() => createClient({ accessToken: TOKEN, format: 'yaml' as never })).toThrow(TypeError);
    expect(() => createClient({ accessToken: TOKEN, baseUrl: 'ftp://x/' })).toThrow(TypeError);
  });
  it('normalizes the base URL with a trailing slash', () => {
    expect(createClient({ accessToken: TOKEN, baseUrl: 'http://127.0.0.1:1/2.0' }).baseUrl).toBe(
      'http://127.0.0.1:1/2.0/',
    );
  });
});

describe('backoff', () => {
  /** The waits one GET asks for while failing with `status` `failures` times. */
  async function waitsWith(random: () => number, failures: number, headers: Record<string, string> = {}) {
    let hits = 0;
    const api = await serve((_req, res) => {
      hits++;
      if (hits <= failures) res.writeHead(503, headers).end();
      else res.writeHead(200).end(emptyList);
    });
    const waits: number[] = [];
    const send = createTransport({
      timeoutMs: 1000,
      retries: 3,
      retryBaseDelayMs: 60,
      maxRetryAfterMs: 5000,
      concurrency: 1,
      maxResponseBytes: 1 << 20,
      maxRedirects: 0,
      userAgent: 'test',
      log: () => undefined,
      secrets: () => [],
      random,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const response = await send({
      method: 'GET',
      url: new URL(`${api.origin}/2.0/audio/list.json`),
      endpoint: '/audio/list',
      retry: true,
    });
    return { waits, status: response.status, hits };
  }

  it('doubles the ceiling each attempt (random at its maximum)', async () => {
    const { waits, status, hits } = await waitsWith(() => 0.999, 3);
    expect(status).toBe(200);
    expect(hits).toBe(4);
    expect(waits).toEqual([59, 119, 239]);
  });

  it('uses full jitter: a uniform draw below the ceiling, down to zero', async () => {
    expect((await waitsWith(() => 0.5, 3)).waits).toEqual([30, 60, 120]);
    expect((await waitsWith(() => 0, 2)).waits).toEqual([0, 0]);
  });

  it('waits exactly Retry-After when a 503 gives one', async () => {
    expect((await waitsWith(() => 0.5, 1, { 'retry-after': '2' })).waits).toEqual([2000]);
  });

  it('reports the last 5xx as StageBlocApiError once retries run out', async () => {
    let hits = 0;
    const api = await serve((_req, res) => {
      hits++;
      res.writeHead(502).end();
    });
    const client = createClient({ accessToken: TOKEN, baseUrl: `${api.origin}/2.0/`, retries: 2, retryBaseDelayMs: 1 });
    const error = await client.requestList('audio/list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect((error as StageBlocApiError).status).toBe(502);
    expect(hits).toBe(3);
  });
});

describe('cancelling a client', () => {
  it('rejects what is queued, retrying or on the wire with the reason, and logs nothing more', async () => {
    let hits = 0;
    const api = await serve((_req, res) => {
      hits++;
      // Every request is answered 503 after a while: some are on the wire, some wait to retry.
      setTimeout(() => res.writeHead(503).end(), 20);
    });
    const controller = new AbortController();
    const logs: string[] = [];
    const client = createClient({
      accessToken: TOKEN,
      baseUrl: `${api.origin}/2.0/`,
      retries: 50,
      retryBaseDelayMs: 30,
      concurrency: 2,
      signal: controller.signal,
      onLog: ({ message }) => logs.push(message),
    });
    const requests = Array.from({ length: 6 }, () => client.requestList('audio/list', {}).catch((e: unknown) => e));
    while (logs.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    const reason = new Error('the command has failed');
    controller.abort(reason);
    const logsAtAbort = logs.length;
    const hitsAtAbort = hits;
    const results = await Promise.all(requests);
    expect(results.every((r) => r instanceof Error && r.message === reason.message)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(logs.length).toBe(logsAtAbort);
    expect(hits).toBeLessThanOrEqual(hitsAtAbort + 2);
    // A cancelled client sends nothing more.
    expect(await client.requestList('audio/list', {}).catch((e: unknown) => e)).toBeInstanceOf(Error);
    expect(hits).toBeLessThanOrEqual(hitsAtAbort + 2);
  });
});
