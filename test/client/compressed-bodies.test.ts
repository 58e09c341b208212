/**
 * Compressed answers are untrusted too: a small body that inflates to gigabytes is refused
 * at the size cap and leaves nothing inflating behind; an encoding we cannot decode is a
 * StageBloc error that closes the response (never a raw TypeError, never text handed on
 * undecoded); stacked encodings are decoded in the right order. Through the client, over
 * real sockets; work is counted in CPU time used after the error, not in seconds waited.
 */
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliCompressSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { StageBlocApiError, StageBlocError, StageBlocResponseTooLargeError } from '../../src/client/errors.js';
import { serializeList } from '../../src/wire/serialize.js';

/** 3 KiB of brotli that inflates to 2 GiB of spaces. */
const BOMB = readFileSync(new URL('../fixtures/bombs/spaces-2gib.br', import.meta.url));
const LIST = serializeList('json', 0, []);
const servers: Server[] = [];

async function api(handler: RequestListener) {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/2.0/`, server };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => (s.closeAllConnections(), s.close(() => resolve())))),
  );
});

const client = (baseUrl: string, maxResponseBytes?: number) =>
  createClient({
    accessToken: 'token-compressed-bodies',
    baseUrl,
    retries: 0,
    ...(maxResponseBytes ? { maxResponseBytes } : {}),
  });

/** CPU time (user + system, every thread) the process spends over `ms` with nothing of its own to do. */
async function cpuWhileIdle(ms: number): Promise<number> {
  const before = process.cpuUsage();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

describe('a decompression bomb', () => {
  it('is refused at the size cap, and nothing goes on inflating after the error', async () => {
    const { baseUrl } = await api((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br', 'content-length': BOMB.length })
        .end(BOMB);
    });
    const error = await client(baseUrl, 1024 * 1024)
      .requestList('audio/list', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocResponseTooLargeError);
    // A decompressor left running would use a whole core for the ~20 s the 2 GiB take.
    expect(await cpuWhileIdle(1000)).toBeLessThan(400);
  });
});

describe('a Content-Encoding the client cannot decode', () => {
  // "gzip, identity": identity has no place in Content-Encoding (RFC 9110); refused, not guessed at.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'compress', 'gzip, identity'])(
    '%j is a StageBloc error, and the response is closed',
    async (encoding) => {
      let closed = 0;
      const { baseUrl } = await api((_req, res) => {
        res.on('close', () => closed++);
        // A body that never ends: only the client closing it ends the exchange.
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding });
        res.write(Buffer.alloc(1024, 0x41));
      });
      const error = await client(baseUrl)
        .requestList('audio/list', {})
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StageBlocApiError);
      expect(error).toBeInstanceOf(StageBlocError);
      expect((error as Error).message).toMatch(/unsupported Content-Encoding/);
      for (let i = 0; i < 100 && closed === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(closed).toBe(1);
    },
  );
});

describe('stacked encodings', () => {
  it.each([
    ['gzip, br', (b: Buffer) => brotliCompressSync(gzipSync(b))],
    ['br, gzip', (b: Buffer) => gzipSync(brotliCompressSync(b))],
    ['gzip, gzip, gzip, gzip', (b: Buffer) => gzipSync(gzipSync(gzipSync(gzipSync(b))))],
    ['zstd', (b: Buffer) => zstdCompressSync(b)],
    ['identity', (b: Buffer) => b],
  ] as const)('%j is decoded in order', async (encoding, encode) => {
    const body = encode(Buffer.from(LIST));
    const { baseUrl } = await api((_req, res) => {
      res
        .writeHead(200, {
          'content-type': 'application/json',
          'content-encoding': encoding,
          'content-length': body.length,
        })
        .end(body);
    });
    const { list } = await client(baseUrl).requestList('audio/list', {});
    expect(list).toEqual({ format: 'json', total: 0, items: [] });
  });
});

describe('a body that does not decode', () => {
  it('is a StageBloc error that says why, and the response is closed', async () => {
    let closed = 0;
    const { baseUrl } = await api((_req, res) => {
      res.on('close', () => closed++);
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.write(Buffer.alloc(1024, 0x41));
    });
    const error = await client(baseUrl)
      .requestList('audio/list', {})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocError);
    expect((error as Error).message).toMatch(/incorrect header check/);
    for (let i = 0; i < 100 && closed < 1; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBeGreaterThanOrEqual(1);
  });
});
