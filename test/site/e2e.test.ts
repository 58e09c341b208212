/**
 * The built example site in Chromium, served from dist/ on 127.0.0.1: every page type
 * renders without console errors or failed requests and requests nothing from another
 * origin, audio really plays, the lightbox works, pagination and archives link up, and
 * axe-core finds no violation on any page type.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../helpers/astro-build.js';
import { axeViolations } from '../helpers/axe.js';
import { CHROMIUM, hasChromium, launchChromium } from '../helpers/chromium.js';
import { serveStatic, type StaticServer } from '../helpers/static-server.js';
import { visitPage } from '../helpers/visit-page.js';
import { exampleSiteDist } from '../helpers/workspace-site-build.js';

// Browser tests need Debian's Chromium (`apt-get install chromium`, done by .ci/run); without it
// they are skipped rather than failed, with the suite's name saying why.
const SUITE = hasChromium
  ? 'example site in Chromium'
  : `example site in Chromium: SKIPPED, ${CHROMIUM} is not installed (apt-get install chromium)`;

describe.skipIf(!hasChromium)(SUITE, () => {
  let dist: string;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  const external: string[] = [];
  const paths: Record<string, string> = {};

  /** The first element matching `selector` in a built page, via the dist file. */
  async function attr(pagePath: string, selector: string, name: string): Promise<string> {
    const html = await readFile(join(dist, pagePath, 'index.html'), 'utf8');
    const value = parseHTML(html).document.querySelector(selector)?.getAttribute(name);
    if (!value) throw new Error(`no ${selector}[${name}] in ${pagePath}`);
    return value;
  }

  beforeAll(async () => {
    dist = await exampleSiteDist();
    server = await serveStatic(dist);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Block and record anything that is not the local site.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      external.push(url);
      return route.abort('blockedbyclient');
    });

    const files = await listFiles(dist);
    const firstMatch = (pattern: RegExp) => {
      const file = files.find((f) => pattern.test(f));
      if (!file) throw new Error(`no page matching ${pattern}`);
      return `/${file.replace(/index\.html$/, '')}`;
    };
    paths.home = '/';
    paths.music = '/music/';
    paths.playlist = await attr('/', '#featured .more-link', 'href');
    paths.track = await attr('/music/', '.track-index a', 'href');
    paths.photos = '/photos/';
    // The first album in the grid that is open to everyone (members-only ones have no gallery).
    const albums = parseHTML(await readFile(join(dist, 'photos', 'index.html'), 'utf8')).document.querySelectorAll(
      '.sb-grid > li',
    );
    const openAlbum = [...albums].find((li) => !/Exclusive/.test(li.textContent ?? ''));
    paths.album = openAlbum?.querySelector('a')?.getAttribute('href') ?? '';
    paths.photo = await attr(paths.album, '.photo-pages a', 'href');
    paths.blog = '/blog/';
    paths.blogPage2 = '/blog/page/2/';
    paths.post = await attr('/blog/', '.sb-posts a', 'href');
    // Posts whose bodies carry a picture and a (click-to-load) embedded player.
    const postFiles = files.filter((f) => /^blog\/\d+\/index\.html$/.test(f));
    const postWith = async (selector: string) => {
      for (const file of postFiles) {
        if (parseHTML(await readFile(join(dist, file), 'utf8')).document.querySelector(selector))
          return `/${file.replace(/index\.html$/, '')}`;
      }
      throw new Error(`no post with ${selector}`);
    };
    paths.postWithImage = await postWith('.post figure img');
    paths.postWithEmbed = await postWith('.post .embed');
    paths.tour = '/tour/';
    paths.event = await attr('/tour/', '[data-stagebloc-event] h3 a', 'href');
    paths.videos = '/videos/';
    paths.archive = '/blog/archive/';
    paths.archiveYear = firstMatch(/^blog\/archive\/\d{4}\/index\.html$/);
    paths.archiveMonth = firstMatch(/^blog\/archive\/\d{4}\/\d{2}\/index\.html$/);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visit = (path: string, expectedStatus = 200) => visitPage(context, server.url, path, expectedStatus);

  const pageTypes = [
    'home',
    'music',
    'playlist',
    'track',
    'photos',
    'album',
    'photo',
    'blog',
    'blogPage2',
    'post',
    'postWithImage',
    'postWithEmbed',
    'archive',
    'archiveYear',
    'archiveMonth',
    'tour',
    'event',
    'videos',
  ];

  it.each(pageTypes)('%s page renders cleanly, fetches nothing external and passes axe', async (type) => {
    const path = paths[type]!;
    const { page, status, problems } = await visit(path);
    try {
      expect(status, path).toBe(200);
      expect(await page.locator('h1').count(), `${path}: one h1`).toBe(1);
      expect((await page.locator('main').innerText()).trim().length, `${path}: main has content`).toBeGreaterThan(20);
      expect(await page.title()).toMatch(/\S/);
      expect(problems, path).toEqual([]);
      expect(await axeViolations(page), path).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('serves the 404 page with status 404, cleanly and accessibly', async () => {
    const { page, status, problems } = await visit('/no-such-page/', 404);
    try {
      expect(status).toBe(404);
      await expect.poll(() => page.locator('h1').innerText()).toMatch(/gone quiet/i);
      expect(problems).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('plays audio from the playlist player: currentTime advances', async () => {
    const { page, problems } = await visit(paths.playlist!);
    try {
      const play = page.locator('[data-toggle]').first();
      await expect.poll(() => play.isVisible()).toBe(true);
      await play.click();
      const playing = await page.waitForFunction(
        () => {
          const audio = [...document.querySelectorAll('audio')].find((a) => !a.paused);
          return audio && audio.currentTime > 0.5 ? audio.currentTime : false;
        },
        null,
        { timeout: 15_000 },
      );
      const first = (await playing.jsonValue()) as number;
      await page.waitForTimeout(600);
      const later = await page.evaluate(
        () => [...document.querySelectorAll('audio')].find((a) => !a.paused)?.currentTime ?? 0,
      );
      expect(later).toBeGreaterThan(first);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('plays the native audio player of a track page', async () => {
    const { page, problems } = await visit(paths.track!);
    try {
      const audio = page.locator('audio').first();
      await audio.evaluate((a: HTMLAudioElement) => a.play());
      await page.waitForFunction(() => (document.querySelector('audio')?.currentTime ?? 0) > 0.3, null, {
        timeout: 15_000,
      });
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('opens the lightbox from a photo, moves with the arrow keys, closes with Escape and returns focus', async () => {
    const { page, problems } = await visit(paths.album!);
    try {
      const links = page.locator('.sb-gallery a[data-lightbox]');
      const count = await links.count();
      expect(count).toBeGreaterThan(2);
      await links.first().focus();
      await page.keyboard.press('Enter');
      const dialog = page.locator('dialog[data-lightbox-dialog]');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      const position = dialog.locator('[data-lightbox-position]');
      expect(await position.innerText()).toBe(`Photo 1 of ${count}`);
      const image = dialog.locator('[data-lightbox-img]');
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
        .toBe(true);
      const firstSrc = await image.evaluate((img: HTMLImageElement) => img.currentSrc);
      await page.keyboard.press('ArrowRight');
      expect(await position.innerText()).toBe(`Photo 2 of ${count}`);
      await expect
        .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc))
        .not.toBe(firstSrc);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expect(await position.innerText()).toBe(`Photo ${count} of ${count}`);
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
      expect(await links.first().evaluate((a) => a === document.activeElement)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('paginates the blog: sticky posts lead page 1 only, next/prev links walk every post once', async () => {
    const postDirs = (await listFiles(dist))
      .filter((f) => /^blog\/\d+\/index\.html$/.test(f))
      .map((f) => f.split('/')[1]!);
    const page = await context.newPage();
    try {
      await page.goto(new URL('/blog/', server.url).href);
      const seen: string[] = [];
      const pages: string[] = [];
      for (;;) {
        pages.push(new URL(page.url()).pathname);
        const ids = await page
          .locator('[data-post]')
          .evaluateAll((articles) => articles.map((a) => a.getAttribute('data-post')!));
        const sticky = await page
          .locator('[data-post]')
          .evaluateAll((articles) => articles.map((a) => a.classList.contains('sb-is-sticky')));
        if (pages.length === 1) {
          // Sticky posts come first on page 1…
          const firstPlain = sticky.indexOf(false);
          expect(sticky.slice(firstPlain === -1 ? sticky.length : firstPlain)).not.toContain(true);
          expect(sticky).toContain(true);
        } else {
          // …and never again.
          expect(sticky).not.toContain(true);
        }
        seen.push(...ids);
        const next = page.locator('a[rel="next"]');
        if ((await next.count()) === 0) break;
        await next.click();
        await page.waitForLoadState('load');
      }
      expect(pages[0]).toBe('/blog/');
      expect(pages.slice(1)).toEqual(pages.slice(1).map((_, i) => `/blog/page/${i + 2}/`));
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...postDirs].sort());
      // And back again with the "newer" links.
      for (let i = pages.length - 1; i > 0; i--) {
        await page.locator('a[rel="prev"]').click();
        await page.waitForLoadState('load');
        expect(new URL(page.url()).pathname).toBe(pages[i - 1]);
      }
    } finally {
      await page.close();
    }
  });

  it('links the archive to month pages holding exactly the posts of that month', async () => {
    const page = await context.newPage();
    try {
      await page.goto(new URL('/blog/archive/', server.url).href);
      const months = await page.locator('.sb-archive-months > li').evaluateAll((items) =>
        items.map((li) => ({
          href: li.querySelector('a')!.getAttribute('href')!,
          count: Number(/\((\d+) posts?\)/.exec(li.textContent ?? '')?.[1]),
        })),
      );
      expect(months.length).toBeGreaterThan(10);
      let total = 0;
      for (const month of months) {
        const [, year, mm] = /\/blog\/archive\/(\d{4})\/(\d{2})\/$/.exec(month.href)!;
        await page.goto(new URL(month.href, server.url).href);
        const dates = await page
          .locator('[data-post] time[datetime]')
          .evaluateAll((times) => times.map((t) => t.getAttribute('datetime')!));
        expect(dates, month.href).toHaveLength(month.count);
        for (const date of dates) expect(date.slice(0, 7), month.href).toBe(`${year}-${mm}`);
        total += month.count;
      }
      const postCount = (await listFiles(dist)).filter((f) => /^blog\/\d+\/index\.html$/.test(f)).length;
      expect(total).toBe(postCount);
      // A year page lists that year's months, linking to the same month pages.
      await page.goto(new URL(paths.archiveYear!, server.url).href);
      const year = /(\d{4})/.exec(paths.archiveYear!)![1]!;
      const yearMonths = await page
        .locator('.sb-archive-months > li > a')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      expect(yearMonths.length).toBeGreaterThan(0);
      expect(yearMonths.every((href) => href.startsWith(`/blog/archive/${year}/`))).toBe(true);
      expect(months.map((m) => m.href)).toEqual(expect.arrayContaining(yearMonths));
    } finally {
      await page.close();
    }
  });

  it('is keyboard-navigable: the skip link is the first stop, visible, and moves focus to main', async () => {
    const page = await context.newPage();
    try {
      await page.goto(server.url);
      await page.keyboard.press('Tab');
      const skip = page.locator('.skip-link');
      expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.y >= 0 && box.height > 10).toBe(true);
      const outline = await skip.evaluate((a) => getComputedStyle(a).outlineStyle);
      expect(outline).not.toBe('none');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    } finally {
      await page.close();
    }
  });

  it('fits a 360 px wide phone screen on every page type (no sideways scrolling)', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await phone.route('**/*', (route) =>
      route.request().url().startsWith(server.url) ? route.continue() : route.abort('blockedbyclient'),
    );
    try {
      const page = await phone.newPage();
      const overflowing: string[] = [];
      for (const type of pageTypes) {
        await page.goto(new URL(paths[type]!, server.url).href, { waitUntil: 'load' });
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        if (width > 360) overflowing.push(`${paths[type]} is ${width}px wide`);
      }
      expect(overflowing).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('requested nothing but the site under test (no other origin or port)', () => {
    expect(external).toEqual([]);
  });
});
