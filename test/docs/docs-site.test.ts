/**
 * The docs site (docs/, Starlight) built with a real `astro build` from the demo account:
 * every content page becomes a page, every component page renders its component from real
 * entries, the feeds page ran the feed endpoints, the build log has no warning beyond the
 * expected ones, and every internal link and fragment in dist/ resolves.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/astro-build.js';
import { workspaceSiteBuild, type WorkspaceSiteBuild } from '../helpers/workspace-site-build.js';
import { checkLinks } from '../site/link-check.js';

const PAGES = join(REPO_ROOT, 'docs', 'src', 'content', 'docs');

/** What each component page's rendered example must contain, and how many of it. */
const RENDERED: Record<string, { selector: string; count?: number; text?: RegExp }[]> = {
  track: [
    { selector: 'article.sb-track:not(.sb-is-locked) audio[src^="/_stagebloc/audio/"]', count: 1 },
    { selector: 'article.sb-track.sb-is-locked', count: 1 },
  ],
  'audio-player': [{ selector: 'audio.sb-audio[src^="/_stagebloc/audio/"]', count: 1 }],
  'download-state': [{ selector: 'ul.sb-downloads li[data-offer="paid"]', count: 1 }],
  duration: [{ selector: 'time.sb-duration[datetime^="PT"]', count: 2 }],
  'playlist-player': [
    { selector: '[data-stagebloc-playlist] [data-toggle]', count: 1 },
    { selector: '[data-stagebloc-playlist] audio' },
  ],
  'photo-gallery': [
    { selector: '[data-stagebloc-gallery] img[srcset][width][height]', count: 6 },
    { selector: 'dialog[data-lightbox-dialog]', count: 1 },
  ],
  photo: [{ selector: 'figure[data-stagebloc-photo] img[src^="/_stagebloc/images/"]', count: 1 }],
  'album-grid': [{ selector: '[data-stagebloc-grid="albums"] article[data-stagebloc-card="album"]', count: 4 }],
  'album-card': [{ selector: 'article[data-stagebloc-card="album"] a[href^="/photos/albums/"]', count: 1 }],
  'playlist-grid': [
    { selector: '[data-stagebloc-grid="playlists"] article[data-stagebloc-card="playlist"]', count: 4 },
  ],
  'playlist-card': [
    { selector: 'article[data-stagebloc-card="playlist"] .sb-card-meta', count: 1, text: /^\d+ tracks · \d+:\d\d$/ },
  ],
  'blog-list': [{ selector: '[data-stagebloc-blog-list] [data-post]', count: 3 }],
  'blog-post': [{ selector: 'article.sb-post[data-post] h3', count: 1 }],
  'blog-archive': [{ selector: 'nav[data-stagebloc-archive] a[href^="/blog/"]' }],
};

/** Head-only components: their example shows the HTML they rendered, as code. */
const RENDERED_MARKUP: Record<string, RegExp[]> = {
  'structured-data': [/application\/ld\+json/, /"@type": "MusicGroup"/, /"@type": "MusicRecording"/],
  'open-graph': [/property="og:type" content="music.song"/, /property="og:audio"/, /name="twitter:card"/],
};

/** Build log warnings that are expected, each with why. */
const EXPECTED_WARNINGS = [
  // The docs are built from the bundled demo account on purpose.
  /\[astro-stagebloc\] DEMO MODE: building from the bundled StageBloc demo account/,
  // Starlight's 404 route looks for an optional custom 404 page, and Astro warns when there is none.
  /\[content\] Entry docs → 404 was not found\./,
];

/** Routes of a band's site the rendered examples link to (`base="/tracks/"`, …); the docs have none. */
const EXAMPLE_SITE_ROUTES = /^\/(tracks|music|blog|photos)\//;

async function contentPages(): Promise<string[]> {
  const entries = await readdir(PAGES, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.mdx?$/.test(e.name))
    .map((e) => relative(PAGES, join(e.parentPath, e.name)));
}

describe('docs site build', () => {
  let build: WorkspaceSiteBuild;
  const page = async (path: string) => parseHTML(await readFile(join(build.dist, path, 'index.html'), 'utf8')).document;
  const preview = async (path: string) => [...(await page(path)).querySelectorAll('.sb-docs-preview')];

  /** The code blocks of a page by title: Expressive Code keeps a block's text in its copy button. */
  const codeBlocks = async (path: string) =>
    [...(await page(path)).querySelectorAll('.expressive-code')].map((block) => ({
      title: block.querySelector('figcaption')?.textContent?.trim() ?? '',
      code: block.querySelector('[data-code]')?.getAttribute('data-code')?.replaceAll('\u007f', '\n') ?? '',
    }));

  beforeAll(async () => {
    build = await workspaceSiteBuild('docs');
  }, 300_000);

  it('builds a page for every content file, with its title as the one h1', async () => {
    const files = await contentPages();
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) {
      const path = file.replace(/(^|\/)index\.mdx?$/, '$1').replace(/\.mdx?$/, '/');
      const doc = await page(path);
      const title = /^title: (.+)$/m.exec(await readFile(join(PAGES, file), 'utf8'))?.[1];
      expect(doc.querySelectorAll('h1').length, file).toBe(1);
      expect(doc.querySelector('h1')!.textContent!.trim(), file).toBe(title);
    }
  });

  it.each(Object.entries(RENDERED))(
    'the %s page renders its component from the demo account',
    async (name, expected) => {
      const sections = await preview(`components/${name}`);
      const root = sections.map((s) => s.outerHTML).join('\n');
      const doc = parseHTML(`<!doctype html><body>${root}</body>`).document;
      for (const { selector, count, text } of expected) {
        const found = [...doc.querySelectorAll(selector)];
        if (count === undefined) expect(found.length, selector).toBeGreaterThan(0);
        else expect(found.length, selector).toBe(count);
        for (const element of text ? found : [])
          expect(element.textContent!.replace(/\s+/g, ' ').trim()).toMatch(text!);
      }
    },
  );

  it.each(Object.entries(RENDERED_MARKUP))(
    'the %s page shows the markup its component rendered',
    async (name, patterns) => {
      const rendered = (await codeBlocks(`components/${name}`)).find((block) => block.title === 'Rendered HTML');
      expect(rendered).toBeDefined();
      for (const pattern of patterns) expect(rendered!.code).toMatch(pattern);
    },
  );

  it('the feeds page ran the three feed endpoints', async () => {
    const served = (await codeBlocks('feeds')).filter((block) => block.title.includes(', served as '));
    expect(served.map((block) => block.title)).toEqual([
      '/rss.xml, served as application/xml',
      '/audio.xml, served as application/xml',
      '/feed.json, served as application/feed+json; charset=utf-8',
    ]);
    expect(served[0]!.code).toMatch(/<rss [^>]*version="2.0"/);
    expect(served[0]!.code).toContain('<content:encoded>');
    expect(served[1]!.code).toMatch(
      /<enclosure url="https:\/\/docs[^"]+\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3" length="[1-9]\d*" type="audio\/mpeg"/,
    );
    expect(served[2]!.code).toContain('"version": "https://jsonfeed.org/version/1.1"');
  });

  it('each collection page shows a real entry of its collection', async () => {
    for (const name of ['tracks', 'playlists', 'blog', 'photos', 'albums']) {
      const entry = (await codeBlocks(`collections/${name}`)).find(
        (block) => block.title === `A ${name} entry of the demo account`,
      );
      expect(entry, name).toBeDefined();
      const data = JSON.parse(entry!.code) as { id: string; data: { stagebloc: { id: number }; locked: boolean } };
      expect(String(data.data.stagebloc.id)).toBe(data.id);
      expect(data.data.locked).toBe(false);
    }
  });

  it('logs no warning beyond the expected ones', () => {
    expect(build.output, 'STAGEBLOC_DOCS_DIST names an existing build: there is no build log to check').not.toBeNull();
    const warnings = build.output!.split('\n').filter((line) => /\[(WARN|ERROR)\]/.test(line));
    expect(warnings.filter((line) => !EXPECTED_WARNINGS.some((pattern) => pattern.test(line)))).toEqual([]);
  });

  it('finds no broken internal link or fragment in dist/', async () => {
    const home = await readFile(join(build.dist, 'index.html'), 'utf8');
    const canonical = /<link rel="canonical" href="([^"]+)"/.exec(home)?.[1];
    expect(canonical).toBeDefined();
    const report = await checkLinks(build.dist, new URL(canonical!).origin);
    expect(report.pages).toBeGreaterThan(40);
    expect(report.checked).toBeGreaterThan(report.pages * 20);
    const origin = new URL(canonical!).origin;
    const broken = report.broken.filter(
      (b) =>
        !(EXAMPLE_SITE_ROUTES.test(b.url) && b.reason.startsWith('no file ')) &&
        // Starlight gives its 404 page a canonical link to /404/, a page no host serves.
        !(b.from === '404.html' && b.url === `${origin}/404/`),
    );
    expect(broken.map((b) => `${b.from}: ${b.url} (${b.reason})`)).toEqual([]);
  });
});
