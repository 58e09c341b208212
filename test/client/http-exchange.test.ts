/**
 * What the node:http exchange adds over raw sockets and must keep doing as fetch did:
 * compressed bodies decoded, a byte-order mark dropped, the size cap counted on decoded
 * bytes, and kept-alive connections only for requests that may be sent again. Real
 * sockets on 127.0.0.1.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyTooLargeError, createHttpExchange, TruncatedBodyError } from '../../src/client/http-exchange.js';

const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<{ url: URL; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0/audio/list`), server };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))));
});

const get = (url: URL, reuseConnection = true) => ({ method: 'GET' as const, url, headers: {}, signal: new AbortController().signal, reuseConnection });
const TEXT = JSON.stringify({ response: { total: 1, items: [{ item: { title: 'Fog Horn — Ør' } }] } }).repeat(50);

describe('http exchange', () => {
  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
  ] as const)('asks for and decodes %s bodies', async (encoding, compress) => {
    let accepted: string | undefined;
    const { url } = await serve((req, res) => {
      accepted = req.headers['accept-encoding'];
      const body = compress(Buffer.from(TEXT));
      res.writeHead(200, { 'content-encoding': encoding, 'content-length': body.length }).end(body);
    });
    const res = await createHttpExchange()(get(url));
    expect(accepted).toContain(encoding);
    expect(await res.text(1_000_000)).toBe(TEXT);
  });

  it('counts the size cap on decoded bytes', async () => {
    const { url } = await serve((_req, res) => {
      const body = gzipSync(Buffer.from(TEXT));
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': body.length }).end(body);
    });
    const res = await createHttpExchange()(get(url));
    await expect(res.text(Buffer.byteLength(TEXT) - 1)).rejects.toBeInstanceOf(BodyTooLargeError);
  });

  it('drops a byte-order mark, as TextDecoder does', async () => {
    const { url } = await serve((_req, res) => res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')])));
    expect(await (await createHttpExchange()(get(url))).text(100)).toBe('{"a":1}');
  });

  it('reports a body cut short of its Content-Length', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'content-length': 1000 });
      res.write('x'.repeat(10));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const res = await createHttpExchange()(get(url));
    const error = await res.text(10_000).catch((e: unknown) => e);
    // Either Node's own report (ECONNRESET "aborted") or ours: both are network failures with a name.
    expect(error instanceof TruncatedBodyError || (error as { code?: string }).code === 'ECONNRESET').toBe(true);
  });

  it('reuses connections only for requests that may be sent again', async () => {
    const sockets = new Set<unknown>();
    const { url } = await serve((req, res) => {
      sockets.add(req.socket);
      res.end('ok');
    });
    const exchange = createHttpExchange();
    for (let i = 0; i < 5; i++) expect(await (await exchange(get(url, true))).text(10)).toBe('ok');
    expect(sockets.size).toBe(1);
    sockets.clear();
    for (let i = 0; i < 3; i++) {
      const res = await exchange({ method: 'POST', url, headers: {}, body: 'x', signal: new AbortController().signal, reuseConnection: false });
      expect(await res.text(10)).toBe('ok');
    }
    expect(sockets.size).toBe(3);
  });

  it('fails at once when its signal aborts mid-body', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      res.write('partial');
    });
    const controller = new AbortController();
    const res = await createHttpExchange()({ ...get(url), signal: controller.signal });
    const reading = res.text(10_000);
    controller.abort(new Error('attempt timed out'));
    await expect(reading).rejects.toThrow('attempt timed out');
  });
});

describe('http exchange behind a proxy', () => {
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
      fetch(target).then(async (answer) => res.end(await answer.text()), () => res.writeHead(502).end());
    });
    Object.assign(process.env, { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: proxy.url.origin, http_proxy: proxy.url.origin, NO_PROXY: '', no_proxy: '' });
    const res = await createHttpExchange()(get(url));
    expect(await res.text(100)).toBe('from the API');
    expect(proxied).toEqual([url.href]);
  });
});
