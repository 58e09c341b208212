/**
 * Every injected fault kind, observed over real sockets (fetch, and raw TCP
 * where fetch would hide the bytes), plus matching rules and the request log.
 */
import { connect } from 'node:net';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { list } from './helpers.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 2 });
});
afterEach(() => {
  sim.clearFaults();
  sim.clearRequests();
});
afterAll(async () => {
  await sim?.close();
});

const auth = () => ({ Authorization: `OAuth ${sim.token}` });
const get = (path: string, init: RequestInit = {}) =>
  fetch(new URL(path, sim.apiUrl), { ...init, headers: { ...auth(), ...(init.headers ?? {}) } });

/** A raw HTTP/1.1 exchange: everything the server sent until it closed (or `waitMs` passed). */
function rawGet(
  path: string,
  waitMs = 2000,
): Promise<{ head: string; body: Buffer; closed: boolean; error: string | null }> {
  const { hostname, port } = new URL(sim.origin);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let error: string | null = null;
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      resolve({
        head: split < 0 ? all.toString('latin1') : all.subarray(0, split).toString('latin1'),
        body: split < 0 ? Buffer.alloc(0) : all.subarray(split + 4),
        closed,
        error,
      });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
    socket.on('close', () => finish(true));
    socket.write(
      `GET /2.0/${path} HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: OAuth ${sim.token}\r\nConnection: close\r\n\r\n`,
    );
  });
}

describe('status', () => {
  it('answers the status with the error envelope, `times` times, then recovers', async () => {
    sim.injectFault({ kind: 'status', status: 503, times: 2 });
    for (const expected of [503, 503, 200]) {
      const page = await list(sim, '/audio/list', { limit: 1 }, 'xml');
      expect(page.status).toBe(expected);
      if (expected === 503) expect(page.error).toMatch(/503/);
    }
    expect(sim.requests.map((r) => r.fault)).toEqual(['status', 'status', undefined]);
  });

  it('only hits endpoints under `path`, and lets `skip` requests through first', async () => {
    sim.injectFault({ kind: 'status', status: 500, path: '/audio/list', skip: 1, times: 1 });
    expect((await list(sim, '/blog/list')).status).toBe(200);
    expect((await list(sim, '/audio/playlists/list')).status).toBe(200); // '/audio/playlists' is not under '/audio/list'
    expect((await list(sim, '/audio/list')).status).toBe(200); // skipped
    expect((await list(sim, '/audio/list')).status).toBe(500);
    expect((await list(sim, '/audio/list')).status).toBe(200);
  });

  it('times: Infinity keeps failing until clearFaults()', async () => {
    sim.injectFault({ kind: 'status', status: 502, times: Infinity, path: '/2.0/photos/list.json' });
    for (let i = 0; i < 5; i++) expect((await list(sim, '/photos/list', { limit: 1 })).status).toBe(502);
    sim.clearFaults();
    expect((await list(sim, '/photos/list', { limit: 1 })).status).toBe(200);
  });

  it('applies to the token endpoint too', async () => {
    sim.injectFault({ kind: 'status', status: 503, path: '/oauth2/token' });
    const res = await fetch(new URL('oauth2/token', sim.apiUrl), {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code' }),
    });
    expect(res.status).toBe(503);
    await res.text();
  });
});

describe('rate-limit', () => {
  it('429 with Retry-After (seconds by default, or as given)', async () => {
    const date = new Date(Date.now() + 5000).toUTCString();
    sim.injectFault({ kind: 'rate-limit', times: 1 });
    sim.injectFault({ kind: 'rate-limit', retryAfter: date });
    const first = await get('audio/list.json');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(JSON.parse(await first.text()).response[0].error.message).toBeTruthy();
    const second = await get('audio/list.json');
    expect(second.headers.get('retry-after')).toBe(date);
    await second.text();
    expect((await get('audio/list.json')).status).toBe(200);
  });
});

describe('stall', () => {
  it('phase body: headers arrive, the body never finishes', async () => {
    sim.injectFault({ kind: 'stall' });
    const res = await get('blog/list.json');
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get('content-length'));
    expect(declared).toBeGreaterThan(0);
    const reader = res.body!.getReader();
    let received = 0;
    const readAll = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return 'finished';
        received += value.length;
      }
    })();
    const outcome = await Promise.race([
      readAll,
      new Promise((resolve) => setTimeout(() => resolve('still waiting'), 400)),
    ]);
    expect(outcome).toBe('still waiting');
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(declared);
    const entry = sim.requests.at(-1)!;
    expect(entry).toMatchObject({ fault: 'stall', status: 200, bodyBytes: received });
    await reader.cancel();
    await readAll.catch(() => undefined);
  });

  it('phase headers: nothing at all comes back', async () => {
    sim.injectFault({ kind: 'stall', phase: 'headers' });
    await expect(get('blog/list.json', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|abort/i);
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'stall', status: 0 });
  });

  it('close() does not wait for stalled requests', async () => {
    const other = await startSimulator({ seed: 2 });
    other.injectFault({ kind: 'stall', phase: 'headers' });
    const pending = fetch(new URL('audio/list.json', other.apiUrl), {
      headers: { Authorization: `OAuth ${other.token}` },
    }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    // Were close() to wait for the stalled request, it would never resolve (the test's timeout).
    await other.close();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('slow-body', () => {
  it('drips the body at about bytesPerSecond, complete in the end', async () => {
    const whole = await (await get('audio/list.json?limit=3')).text();
    sim.injectFault({ kind: 'slow-body', bytesPerSecond: whole.length * 2 }); // ~0.5 s
    const res = await get('audio/list.json?limit=3');
    // Counted in pieces, not timed: a dripped body arrives in many small writes.
    const pieces: Uint8Array[] = [];
    for await (const piece of res.body as unknown as AsyncIterable<Uint8Array>) pieces.push(piece);
    expect(Buffer.concat(pieces).toString('utf8')).toBe(whole);
    expect(pieces.length).toBeGreaterThanOrEqual(4);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 2);
  });
});

describe('truncate', () => {
  it('declares the full Content-Length, sends half, and closes the connection', async () => {
    sim.injectFault({ kind: 'truncate' });
    const raw = await rawGet('photos/list.json?limit=5');
    expect(raw.closed).toBe(true);
    expect(raw.head).toMatch(/^HTTP\/1\.1 200/);
    const declared = Number(/content-length: (\d+)/i.exec(raw.head)?.[1]);
    expect(declared).toBeGreaterThan(100);
    expect(raw.body.length).toBe(Math.floor(declared / 2));
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'truncate', bodyBytes: Math.floor(declared / 2) });
  });

  it('fetch sees the body fail', async () => {
    sim.injectFault({ kind: 'truncate' });
    const res = await get('photos/list.xml');
    await expect(res.text()).rejects.toThrow();
  });
});

describe('reset', () => {
  it('destroys the connection with no response', async () => {
    sim.injectFault({ kind: 'reset' });
    const raw = await rawGet('audio/list.json');
    expect(raw.closed).toBe(true);
    expect(raw.head).toBe('');
    sim.injectFault({ kind: 'reset' });
    await expect(get('audio/list.json')).rejects.toThrow(/fetch failed/);
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'reset', status: 0 });
  });
});

describe('malformed', () => {
  it('JSON: status 200 and a body JSON.parse rejects', async () => {
    sim.injectFault({ kind: 'malformed' });
    const res = await get('audio/list.json?limit=2');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
  });

  it.each(['audio/list.xml?limit=2', 'audio/list.xml?offset=9999', 'audio/list.xml?id=1'])(
    'XML: a body that is not well-formed (%s)',
    async (path) => {
      sim.injectFault({ kind: 'malformed' });
      const res = await get(path);
      const text = await res.text();
      expect(XMLValidator.validate(text)).not.toBe(true);
    },
  );
});

describe('latency', () => {
  /** Which of two requests sent together answered first: the one held longer answers later. */
  async function firstToAnswer(a: () => Promise<unknown>, b: () => Promise<unknown>): Promise<'a' | 'b'> {
    const order: Array<'a' | 'b'> = [];
    await Promise.all([a().then(() => order.push('a')), b().then(() => order.push('b'))]);
    return order[0]!;
  }

  it('a latency fault delays matching requests by delayMs', async () => {
    sim.injectFault({ kind: 'latency', delayMs: 500, path: '/blog' });
    const first = await firstToAnswer(
      async () => expect((await list(sim, '/blog/list')).status).toBe(200),
      async () => expect((await list(sim, '/audio/list')).status).toBe(200),
    );
    expect(first).toBe('b');
    const held = Object.fromEntries(sim.requests.map((r) => [r.endpoint, r.delayMs]));
    expect(held).toEqual({ '/blog/list': 500, '/audio/list': 0 });
  });

  it('latency stacks with another fault on the same request', async () => {
    sim.injectFault({ kind: 'latency', delayMs: 200 });
    sim.injectFault({ kind: 'status', status: 504 });
    expect((await list(sim, '/audio/list')).status).toBe(504);
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'status', delayMs: 200, status: 504 });
  });

  it('the latencyMs option delays every API request, not media', async () => {
    const slow = await startSimulator({ seed: 2, latencyMs: 400 });
    try {
      const mediaUrl = String(slow.account.tracks[0]!.embed_url);
      const first = await firstToAnswer(
        () => list(slow, '/audio/list', { limit: 1 }),
        async () => expect((await fetch(mediaUrl, { method: 'HEAD' })).status).toBe(200),
      );
      expect(first).toBe('b');
      expect(slow.requests.map((r) => r.delayMs)).toEqual([400]);
      expect(slow.mediaRequests.map((r) => r.delayMs)).toEqual([0]);
    } finally {
      await slow.close();
    }
  });

  it('the mediaLatencyMs option delays every media request, not the API', async () => {
    const slow = await startSimulator({ seed: 2, mediaLatencyMs: 400 });
    try {
      const mediaUrl = String(slow.account.tracks[0]!.embed_url);
      const first = await firstToAnswer(
        async () => {
          const media = await fetch(mediaUrl, { headers: { range: 'bytes=0-9' } });
          expect(media.status).toBe(206);
          expect((await media.arrayBuffer()).byteLength).toBe(10);
        },
        () => list(slow, '/audio/list', { limit: 1 }),
      );
      expect(first).toBe('b');
      expect(slow.requests.map((r) => r.delayMs)).toEqual([0]);
      expect(slow.mediaRequests.map((r) => r.delayMs)).toEqual([400]);
    } finally {
      await slow.close();
    }
    await expect(startSimulator({ mediaLatencyMs: -1 })).rejects.toThrow(/mediaLatencyMs/);
  });
});

describe('fault validation', () => {
  it('rejects nonsense faults', () => {
    expect(() => sim.injectFault({ kind: 'explode' as never })).toThrow();
    expect(() => sim.injectFault({ kind: 'status', status: 42 })).toThrow();
    expect(() => sim.injectFault({ kind: 'slow-body', bytesPerSecond: 0 })).toThrow();
  });
});

describe('request log', () => {
  it('records method, path, endpoint, format, query, lower-case headers, status and body size', async () => {
    const res = await get('photos/albums/list.xml?limit=2&order_by=title', { headers: { 'X-Custom-Thing': 'yes' } });
    const text = await res.text();
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({
      method: 'GET',
      path: '/2.0/photos/albums/list.xml',
      endpoint: '/photos/albums/list',
      format: 'xml',
      query: { limit: '2', order_by: 'title' },
      status: 200,
      bodyBytes: Buffer.byteLength(text),
    });
    expect(sim.requests[0]!.headers['x-custom-thing']).toBe('yes');
    expect(sim.requests[0]!.headers.authorization).toBe(`OAuth ${sim.token}`);
    expect(sim.mediaRequests).toHaveLength(0);
    sim.clearRequests();
    expect(sim.requests).toHaveLength(0);
  });

  it('logs failed requests too (401, 404) and /connect', async () => {
    await list(sim, '/audio/list', {}, 'json', null);
    await list(sim, '/audio/nothing', {}, 'xml');
    const connect = await fetch(`${sim.origin}/connect?client_id=x&redirect_uri=http://localhost/`, {
      redirect: 'manual',
    });
    await connect.text();
    expect(sim.requests.map((r) => [r.endpoint, r.format, r.status])).toEqual([
      ['/audio/list', 'json', 401],
      ['/audio/nothing', 'xml', 404],
      ['/connect', null, 302],
    ]);
  });
});
