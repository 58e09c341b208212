/**
 * Measuring remote images over real HTTP: a small first Range request that is read to its
 * end (so keep-alive connections are reused), a second, larger one only when the size
 * marker lies further in, and servers that ignore Range.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dimensionsFromBytes, measureRemoteImage } from '../../src/sync/media/image-size.js';
import { parseRange } from '../../src/simulator/media-server.js';

const small = readFileSync(new URL('../../assets/demo/images/ember-field/small.jpeg', import.meta.url));

/** The same JPEG with a padding APPn segment after SOI, pushing its size marker `pad` bytes further. */
function withPadding(jpeg: Buffer, pad: number): Buffer {
  const segment = Buffer.alloc(pad);
  segment.writeUInt16BE(0xffef, 0);
  segment.writeUInt16BE(pad - 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

const files: Record<string, Buffer> = {
  '/small.jpeg': small,
  '/padded.jpeg': withPadding(small, 40_000),
  '/too-far.jpeg': withPadding(small, 65_530),
};

let server: Server;
let origin = '';
const seen: Array<{ path: string; range: string | undefined }> = [];
const sockets = new Set<unknown>();

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seen.push({ path, range: req.headers.range });
    sockets.add(req.socket);
    if (path === '/hang.jpeg') return; // never answers
    if (path === '/cut.jpeg') {
      res.writeHead(206, { 'content-range': `bytes 0-16383/${small.length}`, 'content-length': '16384' });
      res.write(small.subarray(0, 100));
      return void setTimeout(() => req.socket.destroy(), 20);
    }
    const redirect = /^\/redirect(\d+)(\/.*)$/.exec(path);
    if (redirect) {
      const left = Number(redirect[1]);
      return void res
        .writeHead(302, { location: left > 1 ? `/redirect${left - 1}${redirect[2]}` : redirect[2]! })
        .end();
    }
    const ignoreRange = path.startsWith('/norange');
    const body = files[path.replace('/norange', '')];
    if (!body) return void res.writeHead(404).end();
    const range = !ignoreRange && req.headers.range ? parseRange(req.headers.range, body.length) : null;
    if (range && range !== 'unsatisfiable') {
      const part = body.subarray(range.start, range.end + 1);
      res.writeHead(206, {
        'content-range': `bytes ${range.start}-${range.end}/${body.length}`,
        'content-length': String(part.length),
      });
      return void res.end(part);
    }
    res.writeHead(200, { 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen.length = 0;
  sockets.clear();
});

describe('measureRemoteImage', () => {
  it('reads a small header with one Range request and reuses connections', async () => {
    const expected = await dimensionsFromBytes(small);
    expect(expected).not.toBeNull();
    for (let i = 0; i < 20; i++) expect(await measureRemoteImage(`${origin}/small.jpeg`)).toEqual(expected);
    expect(seen).toHaveLength(20);
    expect(seen.every((r) => r.range === 'bytes=0-16383')).toBe(true);
    // Sequential probes whose bodies were read to the end go back to the keep-alive pool
    // (the pool may open a second connection before the first is marked idle, never one each).
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('asks for more when the size marker lies beyond the first probe', async () => {
    expect(await measureRemoteImage(`${origin}/padded.jpeg`)).toEqual(await dimensionsFromBytes(small));
    expect(seen.map((r) => r.range)).toEqual(['bytes=0-16383', 'bytes=0-65535']);
  });

  it('gives up (null) when the size is not within the first 64 KB', async () => {
    expect(await measureRemoteImage(`${origin}/too-far.jpeg`)).toBeNull();
    expect(seen).toHaveLength(2);
  });

  it('works with a server that ignores Range', async () => {
    expect(await measureRemoteImage(`${origin}/norange/padded.jpeg`)).toEqual(await dimensionsFromBytes(small));
    expect(await measureRemoteImage(`${origin}/norange/small.jpeg`)).toEqual(await dimensionsFromBytes(small));
    expect(seen).toHaveLength(3);
  });

  it('follows redirects (relative Location) up to five, then gives up', async () => {
    expect(await measureRemoteImage(`${origin}/redirect3/small.jpeg`)).toEqual(await dimensionsFromBytes(small));
    expect(seen.map((r) => r.path)).toEqual([
      '/redirect3/small.jpeg',
      '/redirect2/small.jpeg',
      '/redirect1/small.jpeg',
      '/small.jpeg',
    ]);
    await expect(measureRemoteImage(`${origin}/redirect6/small.jpeg`)).rejects.toThrow(/Too many redirects/);
  });

  it('times out on a server that never answers, and fails on a body cut short', async () => {
    await expect(measureRemoteImage(`${origin}/hang.jpeg`, 300)).rejects.toThrow(
      /Timed out after \d+ ms reading http:\/\/127\.0\.0\.1:\d+\/hang\.jpeg/,
    );
    await expect(measureRemoteImage(`${origin}/cut.jpeg`)).rejects.toThrow(
      /closed before the end|socket hang up|aborted|ECONNRESET/,
    );
  });

  it('rejects on an HTTP error, naming the URL without its query', async () => {
    await expect(measureRemoteImage(`${origin}/missing.jpeg?sig=secret`)).rejects.toThrow(
      /HTTP 404 for http:\/\/127\.0\.0\.1:\d+\/missing\.jpeg$/,
    );
  });
});
