import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/astro-build.js';
import { exampleSiteDist } from '../helpers/workspace-site-build.js';
import { checkLinks, type LinkReport } from './link-check.js';

const SITE = 'https://juniperstatic.example';

describe('link checker', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'link-check-'));
    await mkdir(join(dir, 'a'), { recursive: true });
    await writeFile(
      join(dir, 'index.html'),
      [
        '<a href="/a/">ok</a>',
        '<a href="/a/#here">ok fragment</a>',
        '<a href="/a/#gone">bad fragment</a>',
        '<a href="/missing/">bad page</a>',
        '<a href="/a">no slash</a>',
        '<img src="/pic.jpg" srcset="/pic.jpg 100w, /pic-2x.jpg 200w" alt="">',
        `<link rel="canonical" href="${SITE}/">`,
        '<a href="https://elsewhere.example/x">external</a>',
        '<audio src="http://127.0.0.1:4100/media/a.mp3"></audio>',
      ].join('\n'),
    );
    await writeFile(join(dir, 'a', 'index.html'), '<h2 id="here">here</h2><a href="../">up</a>');
    await writeFile(join(dir, 'pic.jpg'), 'jpeg');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports exactly the broken links of a small site', async () => {
    const report = await checkLinks(dir, SITE);
    expect(report.pages).toBe(2);
    expect(report.broken.map((b) => [b.from, b.url]).sort()).toEqual(
      [
        ['index.html', '/a/#gone'],
        ['index.html', '/missing/'],
        ['index.html', '/a'],
        ['index.html', '/pic-2x.jpg'],
        ['index.html', 'http://127.0.0.1:4100/media/a.mp3'],
      ].sort(),
    );
    expect(report.broken.find((b) => b.url === '/a')?.reason).toContain('missing trailing slash');
  });
});

describe('example site: every internal link and asset in dist/ resolves', () => {
  let dist: string;
  let report: LinkReport;
  beforeAll(async () => {
    dist = await exampleSiteDist();
    // The configured `site`, as the home page's canonical link states it.
    const home = await readFile(join(dist, 'index.html'), 'utf8');
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(home)?.[1];
    if (!canonical) throw new Error('the home page has no canonical link');
    report = await checkLinks(dist, new URL(canonical).origin);
  }, 300_000);

  it('has the page types of the issue', async () => {
    const files = await listFiles(dist);
    for (const path of [
      'index.html',
      '404.html',
      'music/index.html',
      'photos/index.html',
      'blog/index.html',
      'blog/page/2/index.html',
      'blog/archive/index.html',
      'rss.xml',
      'audio.xml',
      'feed.json',
      'sitemap-index.xml',
      'robots.txt',
    ]) {
      expect(files, path).toContain(path);
    }
    for (const pattern of [
      /^music\/\d+\/index\.html$/,
      /^tracks\/\d+\/index\.html$/,
      /^photos\/albums\/\d+\/index\.html$/,
      /^photos\/\d+\/index\.html$/,
      /^blog\/\d+\/index\.html$/,
      /^blog\/archive\/\d{4}\/index\.html$/,
      /^blog\/archive\/\d{4}\/\d{2}\/index\.html$/,
    ]) {
      expect(
        files.some((f) => pattern.test(f)),
        String(pattern),
      ).toBe(true);
    }
  });

  it('finds no broken link', () => {
    expect(report.pages).toBeGreaterThan(50);
    expect(report.checked).toBeGreaterThan(report.pages * 10);
    const summary = report.broken.slice(0, 30).map((b) => `${b.from}: ${b.url} (${b.reason})`);
    expect(summary, `${report.broken.length} broken link(s)`).toEqual([]);
  });

  it('self-hosts every media file it links to (nothing left on a build-time origin)', async () => {
    const html = await readFile(join(dist, 'index.html'), 'utf8');
    expect(html).toMatch(/\/_stagebloc\/images\/[a-f0-9]{16}\.\w+/);
    const files = await listFiles(dist);
    expect(files.some((f) => /^_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/.test(f))).toBe(true);
  });
});
