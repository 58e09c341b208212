/**
 * Hostile content and demo mode, in real builds: an account whose bodies and
 * descriptions carry XSS payloads publishes nothing executable; `stagebloc({ demo: true })`
 * builds without a token from the bundled simulator and self-hosts its media.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { astroBuild, createFixtureSite, listFiles, type FixtureSite } from '../helpers/astro-build.js';
import { distText, EXECUTABLE_HTML, readDump } from './build-support.js';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

const PAYLOADS = [
  '<script>alert("xss-1")</script>',
  '<img src=x onerror="alert(\'xss-2\')">',
  '<a href="javascript:alert(\'xss-3\')">click</a>',
  '<a href=" &#x6A;avascript:alert(4)">entity</a>',
  '<iframe srcdoc="<script>alert(5)</script>"></iframe>',
  '<iframe src="https://evil.example/embed"></iframe>',
  '<svg onload="alert(6)"><script>alert(7)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(8)></style></mglyph></table></mtext></math>',
  '<form action="https://evil.example"><button formaction="javascript:alert(9)">go</button></form>',
  '<img src="data:image/svg+xml,<svg onload=alert(10)>">',
  '<p style="background:url(javascript:alert(11))" onclick="alert(12)">styled</p>',
  '<object data="javascript:alert(13)"></object><embed src="javascript:alert(14)">',
].join('\n');

let sim: Sim;
let site: FixtureSite;
let demoSite: FixtureSite;

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  for (const post of sim.account.blog) post.body = `<p>Story</p>${PAYLOADS}`;
  for (const item of [...sim.account.tracks, ...sim.account.playlists, ...sim.account.photos, ...sim.account.albums]) {
    item.description = `<p>About</p>${PAYLOADS}`;
  }
  for (const track of sim.account.tracks) track.title = `<script>alert("title")</script>${track.title}`;
  [site, demoSite] = await Promise.all([createFixtureSite('basic'), createFixtureSite('basic')]);
});

afterAll(async () => {
  await sim?.close();
  await Promise.all([site?.cleanup(), demoSite?.cleanup()]);
});

describe('hostile account content', () => {
  it('publishes no executable payload in any built page', async () => {
    const build = await astroBuild(site, { env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token } });
    expect(build.code, build.output).toBe(0);
    const pages = (await listFiles(site.distDir)).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) {
      const html = await readFile(join(site.distDir, page), 'utf8');
      expect(html, page).not.toMatch(EXECUTABLE_HTML);
      expect(html, page).not.toMatch(/onerror\s*=|javascript:/i);
    }
    // The benign parts of the same fields survive.
    const dump = await readDump(site.distDir);
    const post = dump.blog.find((b) => !b.data.locked)!;
    expect(post.html).toContain('<p>Story</p>');
    expect(dump.tracks[0]!.data.descriptionHtml).toContain('<p>About</p>');
    for (const entry of [...dump.tracks, ...dump.playlists, ...dump.photos, ...dump.albums, ...dump.blog]) {
      expect(`${entry.data.descriptionHtml ?? ''}${entry.html ?? ''}`).not.toMatch(EXECUTABLE_HTML);
    }
  });
});

describe('demo mode', () => {
  it('builds without a token from the bundled simulator, says so, and self-hosts media', async () => {
    const build = await astroBuild(demoSite, { env: { FIXTURE_DEMO: '1' } });
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(/DEMO MODE: building from the bundled StageBloc demo account/);
    const files = await listFiles(demoSite.distDir);
    const audio = files.filter((f) => /^_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/.test(f));
    const images = files.filter((f) => /^_stagebloc\/images\/[a-f0-9]{16}\.\w+$/.test(f));
    expect(audio.length).toBeGreaterThan(0);
    expect(images.length).toBeGreaterThan(0);

    const dump = await readDump(demoSite.distDir);
    const playable = dump.tracks.filter((t) => t.data.streamUrl);
    expect(playable.length).toBeGreaterThan(0);
    for (const track of playable) {
      expect(track.data.streamUrl).toMatch(/^\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/);
      expect(files).toContain(track.data.streamUrl.slice(1));
    }
    // Astro image assets are opt-in (imageAssets: true): none by default.
    expect(dump.photos.some((p) => 'imageAsset' in p.data)).toBe(false);
    const photo = dump.photos.find((p) => p.data.images.small)!;
    expect(photo.data.images.small).toMatchObject({
      url: expect.stringMatching(/^\/_stagebloc\/images\//),
      width: expect.any(Number),
    });
    // Nothing anywhere in dist/ (pages, blog bodies, the data dump) points at the simulator,
    // which is gone once the build ends.
    const text = await distText(demoSite.distDir);
    expect(text).toContain('/_stagebloc/images/');
    expect(text).not.toMatch(/127\.0\.0\.1|localhost/);
    expect(dump.blog.some((b) => /<img src="\/_stagebloc\/images\//.test(b.html ?? ''))).toBe(true);
  });
});
