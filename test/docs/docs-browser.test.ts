/**
 * The built docs site in Chromium, served from dist/ on 127.0.0.1: every page that renders a
 * component, and one page of each other kind, loads without console errors or failed
 * requests, fetches nothing from another origin, and passes axe-core; three component pages
 * also in the dark theme (the components take Starlight's colours there). The player and
 * the lightbox work inside the docs' pages, so their scripts are bundled through MDX.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { CHROMIUM, hasChromium, launchChromium } from '../helpers/chromium.js';
import { serveStatic, type StaticServer } from '../helpers/static-server.js';
import { visitPage } from '../helpers/visit-page.js';
import { workspaceSiteBuild } from '../helpers/workspace-site-build.js';

const COMPONENT_PAGES = [
  'track',
  'audio-player',
  'download-state',
  'duration',
  'playlist-player',
  'photo-gallery',
  'photo',
  'album-grid',
  'album-card',
  'playlist-grid',
  'playlist-card',
  'blog-list',
  'blog-post',
  'blog-archive',
  'structured-data',
  'open-graph',
].map((name) => `/components/${name}/`);

/** One page of each other kind: the splash home, plain Markdown, a collection entry, feeds, long tables. */
const OTHER_PAGES = ['/', '/getting-started/', '/collections/tracks/', '/feeds/', '/troubleshooting/', '/performance/'];

/** Component pages with badges, accents, muted text and links: checked in the dark theme too. */
const DARK_PAGES = ['/components/track/', '/components/playlist-player/', '/components/album-grid/'];

const SUITE = hasChromium
  ? 'docs site in Chromium'
  : `docs site in Chromium: SKIPPED, ${CHROMIUM} is not installed (apt-get install chromium)`;

describe.skipIf(!hasChromium)(SUITE, () => {
  let server: StaticServer;
  let browser: Browser;
  const contexts: Record<'light' | 'dark', BrowserContext | undefined> = { light: undefined, dark: undefined };
  const external: string[] = [];

  beforeAll(async () => {
    server = await serveStatic((await workspaceSiteBuild('docs')).dist);
    browser = await launchChromium();
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
      // Block and record anything that is not the local site.
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(server.url)) return route.continue();
        external.push(url);
        return route.abort('blockedbyclient');
      });
      contexts[scheme] = context;
    }
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function check(path: string, scheme: 'light' | 'dark', expectedStatus = 200) {
    const { page, status, problems } = await visitPage(contexts[scheme]!, server.url, path, expectedStatus);
    try {
      expect(status, path).toBe(expectedStatus);
      expect(await page.evaluate(() => document.documentElement.dataset.theme), path).toBe(scheme);
      expect(problems, path).toEqual([]);
      expect(await axeViolations(page), `${path} (${scheme})`).toEqual([]);
    } finally {
      await page.close();
    }
  }

  it.each([...COMPONENT_PAGES, ...OTHER_PAGES])('%s loads cleanly and passes axe', (path) => check(path, 'light'));

  it.each(DARK_PAGES)('%s passes axe in the dark theme', (path) => check(path, 'dark'));

  it('serves the 404 page with status 404, cleanly and accessibly', () => check('/no-such-page/', 'light', 404));

  it('the playlist player plays from its button inside the docs page', async () => {
    const { page, problems } = await visitPage(contexts.light!, server.url, '/components/playlist-player/');
    try {
      const play = page.locator('[data-stagebloc-playlist] [data-toggle]');
      await expect.poll(() => play.isVisible()).toBe(true);
      await play.click();
      await page.waitForFunction(() =>
        [...document.querySelectorAll('audio')].some((a) => !a.paused && a.currentTime > 0.3),
      );
      await expect.poll(() => play.getAttribute('aria-label')).toMatch(/^Pause /);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('the gallery opens its lightbox and Esc returns focus to the photo', async () => {
    const { page, problems } = await visitPage(contexts.light!, server.url, '/components/photo-gallery/');
    try {
      const first = page.locator('[data-stagebloc-gallery] a[data-lightbox]').first();
      await first.click();
      const dialog = page.locator('dialog[data-lightbox-dialog]');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      await expect.poll(() => page.locator('[data-lightbox-position]').innerText()).toMatch(/^Photo 1 of 6$/);
      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
      expect(await first.evaluate((a) => a === document.activeElement)).toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it('requested nothing from another origin', () => {
    expect(external).toEqual([]);
  });
});
