/**
 * Self-hosting media that HTML fields link to: which URLs count as StageBloc media, the
 * rewrite of sanitized HTML, and the download into a real media cache from the simulator's
 * media origin over HTTP (with a missing file and a failing server).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MappedEntry } from '../../src/content/entries.js';
import {
  accountHtmlMedia,
  findInlineMedia,
  rewriteInlineMedia,
  selfHostHtmlMedia,
} from '../../src/content/media/html-media.js';
import { mediaCacheFor } from '../../src/sync/media/media-cache.js';
import { accountMediaHosts, stageblocMediaMatcher } from '../../src/content/media/media-hosts.js';
import { sanitizeRichText } from '../../src/content/sanitize.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const CDN = 'https://cdn.stagebloc.com/production';
const isMedia = stageblocMediaMatcher(['media.test:8080']);

describe('stageblocMediaMatcher', () => {
  it.each([
    [`${CDN}/photos/1/large/x.jpeg`, true],
    ['http://cdn.stagebloc.com/production/audio/1/mp3_128kb/x.mp3', true],
    ['http://media.test:8080/anything/at/all', true],
    // Same host, another port: the API on the same machine is not media.
    ['http://media.test:8081/production/photos/x.jpeg', false],
    ['https://img.stagebloc.com/a/b.png', true],
    ['https://www.stagebloc.com/juniperstatic', false],
    ['https://stagebloc.com/about', false],
    ['https://stagebloc.com.evil.example/x.jpeg', false],
    ['https://example.com/x.jpeg', false],
    ['/_stagebloc/images/0123456789abcdef.jpeg', false],
    ['mailto:band@example.com', false],
  ])('%s → %s', (url, expected) => expect(isMedia(url)).toBe(expected));

  it('learns the hosts of every item of the account, hidden ones included (hosts only)', () => {
    const hosts = accountMediaHosts({
      photos: [{ images: { large: { url: 'http://127.0.0.1:4101/p/1.jpeg', shortUrl: null } } } as never],
      tracks: [{ embedUrl: 'https://audio.example/a.mp3', rawUrl: null, private: true } as never],
    });
    expect([...hosts].sort()).toEqual(['127.0.0.1:4101', 'audio.example']);
  });
});

describe('accountHtmlMedia (for `stagebloc snapshot --media`)', () => {
  it('lists the image and audio files any HTML field of the account links to, on its media hosts', () => {
    const media = 'http://127.0.0.1:4101/production';
    const refs = accountHtmlMedia({
      photos: [
        {
          images: { large: { url: `${media}/photos/1/large/p.jpeg`, shortUrl: null } },
          description: `<p><img src="${media}/photos/1/large/p.jpeg"></p>`,
        } as never,
      ],
      blog: [
        {
          body: `<script>x</script><p><img src="${CDN}/photos/1/large/b.jpeg"><a href="${media}/audio/1/mp3_128kb/t.mp3">t</a><a href="${media}/kit.zip">kit</a></p>`,
        } as never,
        { body: '<p><img src="https://example.com/elsewhere.jpeg"></p>' } as never,
      ],
    });
    expect(refs).toEqual([
      { url: `${CDN}/photos/1/large/b.jpeg`, kind: 'image' },
      { url: `${media}/audio/1/mp3_128kb/t.mp3`, kind: 'audio' },
      { url: `${media}/photos/1/large/p.jpeg`, kind: 'image' },
    ]);
  });
});

describe('rewriteInlineMedia', () => {
  const replace = ({ url, kind }: { url: string; kind: string }) =>
    url.includes('gone') || kind === 'other' ? null : `/_stagebloc/${kind}/${url.split('/').pop()}`;

  it('rewrites img src and srcset, audio and source, and links to media files', () => {
    const html =
      `<p><img src="${CDN}/photos/1/large/a.jpeg" srcset="${CDN}/photos/1/small/a.jpeg 320w, https://example.com/b.jpeg 640w" alt="A"></p>` +
      `<audio src="${CDN}/audio/1/mp3_128kb/t.mp3"><source src="${CDN}/audio/1/mp3_128kb/u.mp3"></audio>` +
      `<picture><source srcset="${CDN}/photos/1/medium/c.jpeg"></picture>` +
      `<p><a href="${CDN}/audio/1/mp3_320kb/t.mp3" rel="noopener ugc">download</a> <a href="https://example.com/page">elsewhere</a></p>`;
    const out = rewriteInlineMedia(html, isMedia, replace);
    expect(out).toContain(
      '<img src="/_stagebloc/image/a.jpeg" srcset="/_stagebloc/image/a.jpeg 320w, https://example.com/b.jpeg 640w" alt="A" />',
    );
    expect(out).toContain('<audio src="/_stagebloc/audio/t.mp3"><source src="/_stagebloc/audio/u.mp3" /></audio>');
    expect(out).toContain('<source srcset="/_stagebloc/image/c.jpeg" />');
    expect(out).toContain('<a href="/_stagebloc/audio/t.mp3" rel="noopener ugc">download</a>');
    expect(out).toContain('<a href="https://example.com/page">elsewhere</a>');
    expect(out).not.toContain('cdn.stagebloc.com');
  });

  it('removes images whose file is gone, and unlinks links to non-media files (keeping the text)', () => {
    const html =
      `<figure><img src="${CDN}/photos/1/large/gone.jpeg" alt="lost"><figcaption>Caption</figcaption></figure>` +
      `<p>See <a href="http://media.test:8080/tour/poster.pdf">the <b>poster</b></a>.</p>` +
      `<img src="${CDN}/photos/1/large/kept.jpeg" srcset="${CDN}/photos/1/small/gone.jpeg 1x">`;
    const out = rewriteInlineMedia(html, isMedia, replace);
    expect(out).toBe(
      '<figure><figcaption>Caption</figcaption></figure><p>See the <b>poster</b>.</p><img src="/_stagebloc/image/kept.jpeg" />',
    );
  });

  it('leaves sanitized HTML without StageBloc media exactly as it was', () => {
    const html = sanitizeRichText(
      '<h2>Tour &amp; more</h2><p>Fish &amp; chips &lt;3 <a href="https://example.com/?a=1&b=2">x</a><br>' +
        '<iframe src="https://www.youtube.com/embed/x" allowfullscreen></iframe><img src="https://example.com/i.jpg" alt="&quot;q&quot;"></p>',
    )!;
    expect(findInlineMedia(html, isMedia)).toEqual([]);
    expect(rewriteInlineMedia(html, isMedia, () => null)).toBe(html);
  });

  it('finds each URL once, with the kind its element gives it', () => {
    const html = `<a href="${CDN}/photos/1/large/a.jpeg">big</a><img src="${CDN}/photos/1/large/a.jpeg"><a href="${CDN}/x/readme">readme</a>`;
    expect(findInlineMedia(html, isMedia)).toEqual([
      { url: `${CDN}/photos/1/large/a.jpeg`, kind: 'image' },
      { url: `${CDN}/x/readme`, kind: 'other' },
    ]);
  });
});

describe('selfHostHtmlMedia against the simulator', () => {
  let sim: Simulator;
  let failing: Server;
  let failingOrigin: string;
  let dir: string;

  beforeAll(async () => {
    sim = await startSimulator({ port: 0 });
    failing = createServer((_req, res) => {
      res.writeHead(503).end('try later');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    failingOrigin = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    dir = await mkdtemp(join(tmpdir(), 'sb-html-media-'));
  });
  afterAll(async () => {
    await sim?.close();
    await new Promise((resolve) => failing?.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const entry = (id: string, html: string, description: string | null = null): MappedEntry => ({
    id,
    data: { title: id, descriptionHtml: description },
    rendered: { html },
  });

  it('downloads what the HTML links to and rewrites it to self-hosted paths; a missing file is removed with a warning', async () => {
    const image = sim.account.photos[0]!.images.find((i) => i.embed_url.includes('/large/'))!.embed_url;
    const track = sim.account.tracks.find((t) => t.embed_url)!.embed_url!;
    const missing = `${sim.mediaOrigin}/production/photos/1/large/not-there.jpeg`;
    const warnings: string[] = [];
    const cacheDir = join(dir, 'ok');
    const entries = [
      entry(
        '1',
        `<p><img src="${image}" alt="x"></p><p><a href="${track}">listen</a></p>`,
        `<p><img src="${missing}" alt="gone">Text</p>`,
      ),
      entry('2', '<p>No media here.</p>'),
    ];
    const out = await selfHostHtmlMedia(entries, {
      isMedia: stageblocMediaMatcher([new URL(sim.mediaOrigin).host]),
      cache: mediaCacheFor(cacheDir),
      base: '/site/',
      warn: (m) => warnings.push(m),
    });
    const html = out[0]!.rendered!.html;
    const imagePath = /<img src="(\/site\/_stagebloc\/images\/[a-f0-9]{16}\.jpeg)"/.exec(html)?.[1];
    const audioPath = /<a href="(\/site\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3)"/.exec(html)?.[1];
    expect(imagePath, html).toBeTruthy();
    expect(audioPath, html).toBeTruthy();
    expect(out[0]!.data.descriptionHtml).toBe('<p>Text</p>');
    expect(out[1]).toBe(entries[1]);
    expect(JSON.stringify(out)).not.toContain(sim.mediaOrigin);
    // The files are in the cache, byte for byte what the media origin serves.
    const served = Buffer.from(await (await fetch(image)).arrayBuffer());
    expect(await readFile(join(cacheDir, 'files', imagePath!.split('/').pop()!))).toEqual(served);
    expect((await stat(join(cacheDir, 'files', audioPath!.split('/').pop()!))).size).toBeGreaterThan(1000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/1 StageBloc media file\(s\) linked from HTML no longer exist .*HTTP 404/);
  });

  it('in an offline (snapshot) build, removes what cannot be downloaded, with a warning', async () => {
    const warnings: string[] = [];
    const entries = [entry('1', `<p>Before<img src="${failingOrigin}/production/photos/1/large/x.jpeg"></p>`)];
    const out = await selfHostHtmlMedia(entries, {
      isMedia: stageblocMediaMatcher([new URL(failingOrigin).host]),
      cache: mediaCacheFor(join(dir, 'offline')),
      base: '/',
      warn: (m) => warnings.push(m),
      offline: true,
    });
    expect(out[0]!.rendered!.html).toBe('<p>Before</p>');
    expect(warnings).toEqual([
      expect.stringMatching(
        /1 StageBloc media file\(s\) linked from HTML could not be downloaded in this offline build .*HTTP 503/,
      ),
    ]);
  });

  it('fails on any other download failure instead of silently dropping content', async () => {
    const entries = [entry('1', `<p><img src="${failingOrigin}/production/photos/1/large/x.jpeg"></p>`)];
    await expect(
      selfHostHtmlMedia(entries, {
        isMedia: stageblocMediaMatcher([new URL(failingOrigin).host]),
        cache: mediaCacheFor(join(dir, 'failing')),
        base: '/',
        warn: () => {},
      }),
    ).rejects.toThrow(/HTTP 503/);
  });
});
