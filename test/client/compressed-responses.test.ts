/**
 * Compressed answers the API client must not trust (issue 18, point 2): a small body that
 * expands to a gibibyte is refused and leaves the process idle, an encoding that cannot be
 * decoded (unknown, or named like an Object.prototype member) is a StageBloc error that closes
 * the response, and stacked encodings are decoded in order or refused, never handed on as the
 * body. Real sockets on 127.0.0.1; CPU time is what is counted, never wall-clock time.
 *
 * test/fixtures/http/zeros-1gib.br (809 bytes) is 1 GiB of zero bytes, made once with
 * zlib.createBrotliCompress({ params: { QUALITY: 4, LGWIN: 24, SIZE_HINT: 1 GiB } }).
 */
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { StageBlocApiError, type StageBlocError, StageBlocResponseTooLargeError } from '../../src/client/errors.js';
import { createTransport } from '../../src/client/transport.js';

const servers: Server[] = [];

async function serve(handler: RequestListener): Promise<URL> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0/audio/list.json`);
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
  );
});

const CAP = 1024 * 1024;
const send = (url: URL) =>
  createTransport({
    timeoutMs: 10_000,
    retries: 0,
    retryBaseDelayMs: 1,
    maxRetryAfterMs: 0,
    concurrency: 1,
    maxResponseBytes: CAP,
    maxRedirects: 0,
    userAgent: 'test',
    log: () => undefined,
    secrets: () => [],
  })({ method: 'GET', url, endpoint: '/audio/list', retry: true });

/** CPU time (user + system, every thread of this process) since `start`, in microseconds. */
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return used.user + used.system;
};

const TEXT = JSON.stringify({ response: { total: 0, items: [] }, note: 'Fog Horn — Ør' }).repeat(40);

/** 1 GiB of zeros as 809 bytes of brotli. */
const brotliBomb = () => readFileSync(new URL('../fixtures/http/zeros-1gib.br', import.meta.url));
/** 1 GiB of zeros in 16 gzip members of 64 MiB, gzipped again: about 2.5 KB as `gzip, gzip`. */
const stackedGzipBomb = () =>
  gzipSync(Buffer.concat(Array(16).fill(gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 }))), { level: 9 });

describe('a small body that expands past the size cap', () => {
  it.each([
    ['br', brotliBomb],
    ['gzip, gzip', stackedGzipBomb],
  ] as const)('%s: refused, and the decoder stops with it', async (encoding, bomb) => {
    const body = bomb();
    expect(body.length).toBeLessThan(4096);
    const url = await serve((_req, res) =>
      res.writeHead(200, { 'content-encoding': encoding, 'content-length': body.length }).end(body),
    );

    const beforeRequest = process.cpuUsage();
    const error = await send(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocResponseTooLargeError);
    // Decoding the 1 GiB takes several seconds of CPU; reaching the 1 MiB cap takes a sliver of that.
    expect(cpuSince(beforeRequest)).toBeLessThan(1_500_000);

    // Idle right after: a decoder left running keeps a core busy for seconds (200 ms and more of
    // CPU in this second even on a loaded machine), an idle process uses a few milliseconds.
    const afterError = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(cpuSince(afterError)).toBeLessThan(100_000);
  });
});

describe('an encoding that cannot be decoded', () => {
  it.each([
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
    'compress',
    'x-snappy',
    'gzip, x-snappy',
  ])('Content-Encoding %j: a StageBloc error, and the response is closed', async (encoding) => {
    let closed = false;
    const url = await serve((_req, res) => {
      res.on('close', () => (closed = true));
      // Headers and part of a body that never ends: only the client can close this response.
      res.writeHead(200, { 'content-encoding': encoding, 'content-type': 'application/json' });
      res.write('{"response": {"total": 0, "items": [');
    });
    const error = await send(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect((error as StageBlocError).message).toMatch(/unsupported Content-Encoding/);
    await expect.poll(() => closed).toBe(true);
  });

  it('six stacked encodings: refused clearly, not handed on', async () => {
    let body = Buffer.from(TEXT);
    for (let i = 0; i < 6; i++) body = gzipSync(body);
    const url = await serve((_req, res) =>
      res.writeHead(200, { 'content-encoding': Array(6).fill('gzip').join(', ') }).end(body),
    );
    const error = await send(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect((error as StageBlocError).message).toMatch(/Content-Encoding/);
  });
});

describe('stacked encodings', () => {
  it.each([
    ['gzip, br', (b: Buffer) => brotliCompressSync(gzipSync(b))],
    ['br, gzip', (b: Buffer) => gzipSync(brotliCompressSync(b))],
    ['deflate,gzip', (b: Buffer) => gzipSync(deflateSync(b))],
    ['GZIP, Br', (b: Buffer) => brotliCompressSync(gzipSync(b))],
  ] as const)('Content-Encoding %j is decoded, the last one applied first', async (encoding, encode) => {
    const body = encode(Buffer.from(TEXT));
    const url = await serve((_req, res) => res.writeHead(200, { 'content-encoding': encoding }).end(body));
    const response = await send(url);
    expect(response.status).toBe(200);
    expect(response.text).toBe(TEXT);
  });
});
