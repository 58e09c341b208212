/**
 * The media origin: every URL the account points at resolves to a real JPEG
 * or MP3 with the right headers; HEAD, conditional GET and byte ranges work;
 * image sizes and track lengths match the files themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoMediaManifest, startSimulator, type Simulator } from '../../src/simulator/index.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 4 });
});
afterAll(async () => {
  await sim?.close();
});

/** Width and height from a JPEG's SOF segment. */
function jpegSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  for (let at = 2; at + 9 < buf.length; ) {
    expect(buf[at]).toBe(0xff);
    const marker = buf[at + 1]!;
    const length = buf.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: buf.readUInt16BE(at + 5), width: buf.readUInt16BE(at + 7) };
    }
    at += 2 + length;
  }
  throw new Error('no SOF marker');
}

/** Seconds of MPEG-1 Layer III audio, by walking its frame headers. */
function mp3Seconds(buf: Buffer): number {
  const bitrates = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const rates = [44100, 48000, 32000];
  let at = 0;
  if (buf.toString('latin1', 0, 3) === 'ID3') at = 10 + ((buf[6]! << 21) | (buf[7]! << 14) | (buf[8]! << 7) | buf[9]!);
  let frames = 0;
  let sampleRate = 44100;
  let first = true;
  while (at + 4 <= buf.length) {
    expect(buf[at]).toBe(0xff);
    expect(buf[at + 1]! & 0xfe).toBe(0xfa); // MPEG-1, Layer III
    const bitrate = bitrates[buf[at + 2]! >> 4]! * 1000;
    sampleRate = rates[(buf[at + 2]! >> 2) & 3]!;
    const padding = (buf[at + 2]! >> 1) & 1;
    const length = Math.floor((144 * bitrate) / sampleRate) + padding;
    // The first frame is LAME's Xing/Info header, not audio.
    if (!first) frames++;
    first = false;
    at += length;
  }
  return (frames * 1152) / sampleRate;
}

async function fetchBuffer(url: string, init?: RequestInit): Promise<{ res: Response; body: Buffer }> {
  const res = await fetch(url, init);
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe('media URLs in the account', () => {
  it('every track streams a real MP3 whose duration is the track\u2019s length', async () => {
    const manifestBytes = new Set(demoMediaManifest().audio.map((a) => a.files.mp3_128kb.bytes));
    for (const track of sim.account.tracks) {
      const url = String(track.embed_url);
      expect(url.startsWith(`${sim.mediaOrigin}/production/audio/1/mp3_128kb/`)).toBe(true);
      const { res, body } = await fetchBuffer(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('audio/mpeg');
      expect(Number(res.headers.get('content-length'))).toBe(body.length);
      expect(manifestBytes.has(body.length)).toBe(true);
      expect(Number(track.length)).toBe(Math.round(mp3Seconds(body)));
      expect(Number(track.length)).toBeGreaterThanOrEqual(8);
    }
  });

  it('the 320 kb MP3 sits beside the 128 kb one', async () => {
    const url = String(sim.account.tracks[0]!.embed_url).replace('/mp3_128kb/', '/mp3_320kb/');
    const { res, body } = await fetchBuffer(url);
    expect(res.status).toBe(200);
    expect(body.length).toBeGreaterThan(300_000);
    expect(Math.abs(mp3Seconds(body) - Number(sim.account.tracks[0]!.length))).toBeLessThan(0.5);
  });

  it('images come in five sizes with the manifest\u2019s dimensions (thumbnail 100x100, then 240/500/1024/1600 wide)', async () => {
    const samples = [...sim.account.photos.slice(0, 10), sim.account.playlists[0]!, sim.account.albums[0]!];
    const widths: Record<string, number> = { small: 240, medium: 500, large: 1024, original: 1600 };
    for (const record of samples) {
      expect(record.images.map((i) => i.size)).toEqual(['thumbnail', 'small', 'medium', 'large', 'original']);
      for (const image of record.images) {
        const { res, body } = await fetchBuffer(image.embed_url);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/jpeg');
        const size = jpegSize(body);
        if (image.size === 'thumbnail') expect(size).toEqual({ width: 100, height: 100 });
        else expect(size.width).toBe(widths[image.size]);
        const known = demoMediaManifest().images.map((i) => i.sizes[image.size as 'small']);
        expect(known.some((f) => f.width === size.width && f.height === size.height && f.bytes === body.length)).toBe(
          true,
        );
      }
    }
  });

  it('logs media requests separately from API requests', async () => {
    sim.clearRequests();
    await fetchBuffer(sim.account.photos[0]!.images[0]!.embed_url);
    expect(sim.requests).toHaveLength(0);
    expect(sim.mediaRequests).toHaveLength(1);
    expect(sim.mediaRequests[0]).toMatchObject({ method: 'GET', status: 200, format: null });
  });
});

describe('HTTP behaviour', () => {
  const trackUrl = () => String(sim.account.tracks[1]!.embed_url);

  it('sets caching headers and answers HEAD without a body', async () => {
    const full = await fetchBuffer(trackUrl());
    expect(full.res.headers.get('etag')).toMatch(/^"[0-9a-f]+"$/);
    expect(full.res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(full.res.headers.get('accept-ranges')).toBe('bytes');
    const head = await fetchBuffer(trackUrl(), { method: 'HEAD' });
    expect(head.res.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.res.headers.get('content-length'))).toBe(full.body.length);
    expect(head.res.headers.get('etag')).toBe(full.res.headers.get('etag'));
  });

  it('answers byte ranges with 206 and the exact bytes', async () => {
    const full = (await fetchBuffer(trackUrl())).body;
    const cases: [string, number, number][] = [
      ['bytes=100-199', 100, 199],
      ['bytes=5000-', 5000, full.length - 1],
      ['bytes=-64', full.length - 64, full.length - 1],
      ['bytes=0-99999999', 0, full.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const { res, body } = await fetchBuffer(trackUrl(), { headers: { Range: range } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${full.length}`);
      expect(body).toEqual(full.subarray(start, end + 1));
    }
    const beyond = await fetchBuffer(trackUrl(), { headers: { Range: `bytes=${full.length}-` } });
    expect(beyond.res.status).toBe(416);
    expect(beyond.res.headers.get('content-range')).toBe(`bytes */${full.length}`);
    // If-Range with a stale validator gets the whole file.
    const stale = await fetchBuffer(trackUrl(), { headers: { Range: 'bytes=0-9', 'If-Range': '"stale"' } });
    expect(stale.res.status).toBe(200);
    expect(stale.body.length).toBe(full.length);
  });

  it('answers a matching If-None-Match with 304', async () => {
    const first = await fetchBuffer(trackUrl());
    const again = await fetchBuffer(trackUrl(), { headers: { 'If-None-Match': first.res.headers.get('etag')! } });
    expect(again.res.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('404 for paths that are not media, 405 for other methods', async () => {
    for (const path of [
      '/',
      '/production/photos/1/huge/20200101_000000_1_5.jpeg',
      '/production/audio/1/mp3_128kb/../../etc/passwd',
      '/2.0/audio/list.json',
    ]) {
      const { res } = await fetchBuffer(`${sim.mediaOrigin}${path}`);
      expect(res.status).toBe(404);
    }
    const { res } = await fetchBuffer(trackUrl(), { method: 'POST' });
    expect(res.status).toBe(405);
  });
});
