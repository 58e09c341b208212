/**
 * The media cache's size index: sizes it already holds are answered without a request and
 * without waiting (knownImageSize), new ones are measured once over real HTTP and then
 * known too, and flush() persists them for the next build.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dimensionsFromBytes } from '../../src/sync/media/image-size.js';
import { mediaCacheFor } from '../../src/sync/media/media-cache.js';
import { resolveMedia } from '../../src/content/media/resolve-media.js';

const jpeg = readFileSync(new URL('../../assets/demo/images/ember-field/small.jpeg', import.meta.url));
let server: Server;
let origin = '';
let requests = 0;
let dir = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(jpeg.length) }).end(jpeg);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-media-cache-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe('media cache sizes', () => {
  it('answers indexed sizes at once, measures new ones once, and persists them', async () => {
    const known = `${origin}/known.jpeg`;
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({ version: 1, sizes: { [known]: { width: 640, height: 427 } }, files: {} }),
    );
    const cache = mediaCacheFor(dir);
    // The index is read on first use: until then nothing is known.
    expect(cache.knownImageSize(known)).toBeUndefined();
    expect(await cache.imageSize(known)).toEqual({ width: 640, height: 427 });
    expect(cache.knownImageSize(known)).toEqual({ width: 640, height: 427 });
    expect(requests).toBe(0);

    const fresh = `${origin}/fresh.jpeg`;
    const expected = await dimensionsFromBytes(jpeg);
    expect(expected).not.toBeNull();
    expect(cache.knownImageSize(fresh)).toBeUndefined();
    const [a, b] = await Promise.all([cache.imageSize(fresh), cache.imageSize(fresh)]);
    expect(a).toEqual(expected);
    expect(b).toEqual(expected);
    expect(requests).toBe(1);
    expect(cache.knownImageSize(fresh)).toEqual(expected);

    await cache.flush();
    // Written as version 2 (rows)...
    const written = await readFile(join(dir, 'index.json'), 'utf8');
    const index = JSON.parse(written) as { version: number; sizes: unknown[] };
    expect(index.version).toBe(2);
    expect(index.sizes).toContainEqual([fresh, expected!.width, expected!.height]);
    expect(index.sizes).toContainEqual([known, 640, 427]);
    // ...and read back as the next build reads it: every size known, nothing measured again.
    const next = join(dir, 'next');
    await mkdir(next, { recursive: true });
    await writeFile(join(next, 'index.json'), written);
    const again = mediaCacheFor(next);
    expect(await again.imageSize(fresh)).toEqual(expected);
    expect(again.knownImageSize(known)).toEqual({ width: 640, height: 427 });
    expect(requests).toBe(1);
  });
});

describe('measuring many image sizes', () => {
  it('says how far it has got, at every tenth, ending with the whole count', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'stagebloc-media-progress-'));
    try {
      const urls = Array.from({ length: 1234 }, (_, i) => `${origin}/many/${i}.jpeg`);
      const lines: string[] = [];
      const lookup = await resolveMedia({
        images: urls,
        audio: [],
        mode: 'remote',
        cache: mediaCacheFor(cacheDir),
        base: '/',
        info: (message) => lines.push(message),
        warn: (message) => lines.push(`WARN ${message}`),
      });
      expect(lookup.image(urls[7]!).width).toBeGreaterThan(0);
      expect(lines).toHaveLength(10);
      expect(lines[0]).toBe('124 of 1,234 image sizes measured');
      expect(lines.at(-1)).toBe('1,234 of 1,234 image sizes measured');
      // A short list says nothing.
      lines.length = 0;
      await resolveMedia({
        images: urls.slice(0, 20).map((u) => `${u}?few`),
        audio: [],
        mode: 'remote',
        cache: mediaCacheFor(cacheDir),
        base: '/',
        info: (m) => lines.push(m),
        warn: (m) => lines.push(m),
      });
      expect(lines).toEqual([]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });
});
