/**
 * What the package's HTTP client adds to undici and every caller relies on: compressed bodies
 * asked for and decoded (error responses too), a byte-order mark dropped, the size cap counted
 * on decoded bytes, truncation reported with an error code, kept-alive connections only for
 * requests that may be sent again, redirects followed only when asked, and the proxy from the
 * environment. Real sockets on 127.0.0.1.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyTooLargeError, headerValue, httpRequest, readBody, readText } from '../../src/http/request.js';

const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<{ url: URL; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0/audio/list`), server };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
  );
});

const TEXT = JSON.stringify({ response: { total: 1, items: [{ item: { title: 'Fog Horn — Ør' } }] } }).repeat(50);

describe('http request', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('asks for and decodes %s bodies, on error statuses too', async (encoding, compress) => {
    let accepted: string | undefined;
    const { url } = await serve((req, res) => {
      accepted = req.headers['accept-encoding'];
      const body = compress(Buffer.from(TEXT));
      res
        .writeHead(req.url?.endsWith('?missing') ? 404 : 200, {
          'content-encoding': encoding,
          'content-length': body.length,
        })
        .end(body);
    });
    expect(await readText(await httpRequest(url), 1_000_000)).toBe(TEXT);
    expect(accepted).toContain(encoding);
    const missing = await httpRequest(new URL('?missing', url));
    expect(missing.statusCode).toBe(404);
    expect(await readText(missing, 1_000_000)).toBe(TEXT);
  });

  it('takes the bytes as sent when asked not to decode (Range probes)', async () => {
    const gzipped = gzipSync(Buffer.from(TEXT));
    let accepted: string | undefined;
    const { url } = await serve((req, res) => {
      accepted = req.headers['accept-encoding'];
      res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipped);
    });
    expect(await readBody(await httpRequest(url, { decode: false }), 1_000_000)).toEqual(gzipped);
    expect(accepted).toBeUndefined();
  });

  it('counts the size cap on decoded bytes', async () => {
    const { url } = await serve((_req, res) => {
      const body = gzipSync(Buffer.from(TEXT));
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    });
    const limit = Buffer.byteLength(TEXT) - 1;
    await expect(readText(await httpRequest(url), limit)).rejects.toBeInstanceOf(BodyTooLargeError);
    await expect(readText(await httpRequest(url, { maxBodyBytes: limit }), limit)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
    expect(await readText(await httpRequest(url, { maxBodyBytes: limit + 1 }), limit + 1)).toBe(TEXT);
  });

  it('drops a byte-order mark, as TextDecoder does', async () => {
    const { url } = await serve((_req, res) =>
      res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])),
    );
    expect(await readText(await httpRequest(url), 100)).toBe('{"a":1}');
  });

  it('reports a body cut short of its Content-Length with an error code', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      res.write('x'.repeat(10));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const error = await readText(await httpRequest(url), 10_000).catch((e: unknown) => e);
    // The transport retries errors with a code as network failures.
    expect((error as { code?: string }).code).toMatch(
      /^(UND_ERR_SOCKET|UND_ERR_RES_CONTENT_LENGTH_MISMATCH|ECONNRESET)$/,
    );
  });

  it('reuses connections only for requests that may be sent again', async () => {
    const sockets = new Set<unknown>();
    const { url } = await serve((req, res) => {
      sockets.add(req.socket);
      res.end('ok');
    });
    for (let i = 0; i < 10; i++) expect(await readText(await httpRequest(url), 10)).toBe('ok');
    // undici's pool may open a second connection before the first is marked idle, never one each.
    expect(sockets.size).toBeLessThanOrEqual(2);
    sockets.clear();
    for (let i = 0; i < 3; i++) {
      const res = await httpRequest(url, { method: 'POST', body: 'x', reuseConnection: false });
      expect(await readText(res, 10)).toBe('ok');
    }
    expect(sockets.size).toBe(3);
  });

  it('fails at once when its signal aborts mid-body', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const controller = new AbortController();
    const reading = readText(await httpRequest(url, { signal: controller.signal }), 10_000);
    controller.abort(new Error('attempt timed out'));
    await expect(reading).rejects.toThrow('attempt timed out');
  });

  it('returns a redirect as the answer, or follows it without credentials to another origin when asked', async () => {
    const seen: (string | undefined)[] = [];
    const other = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.end('moved here');
    });
    const { url } = await serve((req, res) => {
      const hops = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('hops') ?? 0);
      res.writeHead(302, { location: hops > 1 ? `?hops=${hops - 1}` : other.url.href }).end();
    });
    const answer = await httpRequest(url);
    expect(answer.statusCode).toBe(302);
    expect(headerValue(answer.headers, 'location')).toBe(other.url.href);
    await answer.body.dump();

    const followed = await httpRequest(new URL('?hops=3', url), {
      redirect: 'follow',
      headers: { authorization: 'secret' },
    });
    expect(await readText(followed, 100)).toBe('moved here');
    expect(seen).toEqual([undefined]);
    // As many hops as fetch follows, then a clear error.
    expect(await readText(await httpRequest(new URL('?hops=20', url), { redirect: 'follow' }), 100)).toBe('moved here');
    const error = await httpRequest(new URL('?hops=21', url), { redirect: 'follow' }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('UND_ERR_REDIRECT_MAX');
  });
});

describe('http request behind a proxy', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['NODE_USE_ENV_PROXY', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('goes through HTTP_PROXY when NODE_USE_ENV_PROXY=1, as fetch does', async () => {
    const { url } = await serve((_req, res) => res.end('from the API'));
    const proxied: string[] = [];
    // A forward proxy sees absolute request URLs and passes them on.
    const proxy = await serve((req, res) => {
      proxied.push(req.url ?? '');
      const target = new URL(req.url ?? '');
      fetch(target).then(
        async (answer) => res.end(await answer.text()),
        () => res.writeHead(502).end(),
      );
    });
    Object.assign(process.env, {
      NODE_USE_ENV_PROXY: '1',
      HTTP_PROXY: proxy.url.origin,
      http_proxy: proxy.url.origin,
      NO_PROXY: '',
      no_proxy: '',
    });
    expect(await readText(await httpRequest(url), 100)).toBe('from the API');
    expect(proxied).toEqual([url.href]);
  });
});
