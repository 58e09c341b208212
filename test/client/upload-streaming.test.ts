/**
 * The /audio/edit body is streamed from disk, never read whole: a server that
 * holds the request without reading it sees the client stop reading the file
 * (back-pressure) long before the end. A client that buffered the file would
 * have read all of it before the first byte left.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { UPLOAD_CHUNK_BYTES } from '../../src/client/upload.js';
import { serializeList } from '../../src/wire/serialize.js';
import { makeTempDir, writeSparseWav } from '../helpers/audio-files.js';

const TOKEN = 'CANARY-TOKEN-7f3e-upload-stream';
const FILE_BYTES = 48 * 1024 * 1024;
const HOLD_MS = 300;

const trackRecord = {
  id: 9001,
  title: 'Big one',
  artist: null,
  raw_url: null,
  embed_url: 'http://cdn.example.test/9001.mp3',
  short_url: null,
  description: null,
  created: '2024-05-01 12:00:00',
  modified: '2024-05-01 12:00:00',
  length: '600',
  exclusive: false,
  private: false,
  download_details: null,
};

let server: Server;
let origin: string;
let dir: { dir: string; remove: () => Promise<void> };
const received: {
  headers: Record<string, string | string[] | undefined>;
  bytes: number;
  head: string;
  tail: string;
  progressWhenHeld: number;
}[] = [];
let latestProgress = 0;
/** Pauses the slow reader made during the last /slow/ upload. */
let slowPauses = 0;

beforeAll(async () => {
  dir = await makeTempDir();
  server = createServer((req, res) => {
    if (req.url?.startsWith('/slow/')) {
      slowPauses = 0;
      readSlowly(req, () =>
        res.writeHead(200, { 'content-type': 'application/json' }).end(serializeList('json', 1, [trackRecord])),
      );
      return;
    }
    // Hold the body unread; only socket buffers can fill meanwhile.
    setTimeout(() => {
      const entry = { headers: req.headers, bytes: 0, head: '', tail: '', progressWhenHeld: latestProgress };
      let headBuf = Buffer.alloc(0);
      let tailBuf = Buffer.alloc(0);
      req.on('data', (chunk: Buffer) => {
        entry.bytes += chunk.length;
        if (headBuf.length < 4096) headBuf = Buffer.concat([headBuf, chunk]).subarray(0, 4096);
        tailBuf = Buffer.concat([tailBuf, chunk]).subarray(-200);
      });
      req.on('end', () => {
        entry.head = headBuf.toString('latin1');
        entry.tail = tailBuf.toString('latin1');
        received.push(entry);
        res.writeHead(200, { 'content-type': 'application/json' }).end(serializeList('json', 1, [trackRecord]));
      });
    }, HOLD_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await dir.remove();
});

describe('streamed upload', () => {
  it('reads the file in chunks under back-pressure and sends an exact multipart body', async () => {
    const file = await writeSparseWav(join(dir.dir, 'big.wav'), FILE_BYTES);
    const progress: number[] = [];
    const client = createClient({ accessToken: TOKEN, baseUrl: `${origin}/2.0/` });
    const track = await client.tracks.edit({
      title: 'Big one',
      file,
      private: true,
      onProgress: ({ sentBytes, totalBytes }) => {
        expect(totalBytes).toBe(FILE_BYTES);
        latestProgress = sentBytes;
        progress.push(sentBytes);
      },
    });
    expect(track.id).toBe(9001);

    const [entry] = received;
    expect(entry).toBeDefined();
    if (!entry) return;
    // Streaming: while the server held the request, most of the file was still unread.
    expect(entry.progressWhenHeld).toBeGreaterThan(0);
    expect(entry.progressWhenHeld).toBeLessThan(FILE_BYTES / 2);
    // Read in bounded chunks, all of it, in order.
    expect(progress.at(-1)).toBe(FILE_BYTES);
    const steps = progress.map((p, i) => p - (progress[i - 1] ?? 0));
    expect(Math.max(...steps)).toBeLessThanOrEqual(UPLOAD_CHUNK_BYTES);
    expect(progress.length).toBeGreaterThanOrEqual(FILE_BYTES / UPLOAD_CHUNK_BYTES);

    // Exact Content-Length (not chunked) and a well-formed multipart body.
    expect(entry.headers['transfer-encoding']).toBeUndefined();
    expect(Number(entry.headers['content-length'])).toBe(entry.bytes);
    const boundary = /boundary=(.+)$/.exec(String(entry.headers['content-type']))?.[1];
    expect(String(entry.headers['content-type'])).toMatch(/^multipart\/form-data; boundary=/);
    expect(entry.head).toContain(`--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBig one\r\n`);
    expect(entry.head).toContain(`Content-Disposition: form-data; name="private"\r\n\r\n1\r\n`);
    expect(entry.head).toContain(
      `Content-Disposition: form-data; name="audio_data"; filename="big.wav"\r\nContent-Type: audio/wav\r\n\r\nRIFF`,
    );
    expect(entry.tail.endsWith(`\r\n--${boundary}--\r\n`)).toBe(true);
    expect(entry.headers.authorization).toBe(`OAuth ${TOKEN}`);
  });

  it('treats the timeout as inactivity: a slow but moving upload is not cut off', async () => {
    // At least 40 pauses of 50 ms: 2 s in all, while no quiet spell comes near the 1.5 s timeout
    // (a 500 ms timeout against 20 ms pauses once timed out on a loaded 2-core CI machine).
    const file = await writeSparseWav(join(dir.dir, 'slow.wav'), 48 * 1024 * 1024);
    const client = createClient({ accessToken: TOKEN, baseUrl: `${origin}/slow/`, timeoutMs: 1_500 });
    const track = await client.tracks.edit({ title: 'Slow', file });
    expect(track.id).toBe(9001);
    // Held back longer than timeoutMs overall (the server's own pauses add up to more), yet never idle for that long.
    expect(slowPauses * 50).toBeGreaterThan(1_500);
  });
});

/**
 * Reads the first 40 MiB of the body in 1 MiB bursts with a 50 ms pause after
 * each, then the rest at full speed: whatever is still sitting in socket
 * buffers when the client has handed over its last byte drains quickly, so
 * the only quiet spells the client sees are the pauses.
 */
function readSlowly(req: import('node:http').IncomingMessage, done: () => void): void {
  let total = 0;
  let sincePause = 0;
  req.on('data', (chunk: Buffer) => {
    total += chunk.length;
    sincePause += chunk.length;
    if (sincePause >= 1024 * 1024 && total < 40 * 1024 * 1024) {
      sincePause = 0;
      req.pause();
      slowPauses++;
      setTimeout(() => req.resume(), 50);
    }
  });
  req.on('end', done);
}
