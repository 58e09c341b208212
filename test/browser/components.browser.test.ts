/**
 * The components in a real browser: the fixture site (test/fixtures/component-site)
 * is built with `astro build` from the demo account and served from a local static
 * server; Debian's Chromium is driven with playwright-core. Covers the scripted
 * enhancements (playlist player, lightbox, one player at a time, persistence across
 * navigations), the no-JS fallbacks, and axe-core with zero violations.
 *
 * Checks on the built HTML that need no browser (0 bytes of JS on plain pages, Astro's
 * real paginate() through paginateBlog) run even without Chromium.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { parseHTML } from 'linkedom';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { CHROMIUM, hasChromium, launchChromium } from '../helpers/chromium.js';
import { buildComponentSite, serveStatic, type BuiltSite, type StaticServer } from './fixture-site.js';

/** Generous: two shared cores, real media decoding. */
const POLL = { timeout: 10_000 };
if (!hasChromium) console.warn(`Skipping browser tests: ${CHROMIUM} is missing (apt-get install -y chromium).`);

let site: BuiltSite;
let server: StaticServer;

beforeAll(async () => {
  site = await buildComponentSite();
  server = await serveStatic(site.distDir);
}, 240_000);

afterAll(async () => {
  await server?.close();
  await site?.cleanup();
});

const html = (path: string) => readFile(join(site.distDir, path), 'utf8');
const dom = async (path: string) => parseHTML(await html(path)).document;
/** Script elements that run code (JSON-LD is data). */
const executableScripts = (doc: Document) =>
  [...doc.querySelectorAll('script')].filter(
    (s) => !s.getAttribute('type') || /module|javascript/.test(s.getAttribute('type')!),
  );

describe('built site', () => {
  it('ships no JavaScript on a page without players or galleries', async () => {
    const doc = await dom('index.html');
    expect(doc.querySelectorAll('article').length).toBeGreaterThan(5);
    expect(executableScripts(doc)).toEqual([]);
    expect(await html('index.html')).not.toMatch(/<link[^>]+modulepreload/);
  });

  it('paginates the blog with Astro’s paginate(): sticky posts lead page 1 and never repeat', async () => {
    const pages: Array<{ ids: string[]; pinned: string[] }> = [];
    for (let n = 1; ; n++) {
      const path = n === 1 ? 'blog/index.html' : `blog/${n}/index.html`;
      if (!existsSync(join(site.distDir, path))) break;
      const doc = await dom(path);
      const articles = [...doc.querySelectorAll('article')];
      pages.push({
        ids: articles.map((a) => a.getAttribute('data-post')!),
        pinned: articles.filter((a) => /Pinned/.test(a.textContent ?? '')).map((a) => a.getAttribute('data-post')!),
      });
    }
    expect(pages.length).toBeGreaterThan(2);
    const [first, ...rest] = pages;
    expect(first!.pinned.length).toBeGreaterThan(0);
    expect(first!.ids.slice(0, first!.pinned.length)).toEqual(first!.pinned);
    for (const page of rest) expect(page.pinned).toEqual([]);
    const all = pages.flatMap((p) => p.ids);
    expect(new Set(all).size).toBe(all.length);
    expect(pages.slice(0, -1).every((p) => p.ids.length === 10)).toBe(true);
  });

  it('builds the three feeds from the real collections', async () => {
    expect(await html('rss.xml')).toMatch(/^<\?xml[^>]*\?><rss[^>]*version="2.0"/);
    expect(await html('podcast.xml')).toMatch(/<itunes:duration>\d+<\/itunes:duration>/);
    const feed = JSON.parse(await html('feed.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.items.length).toBeGreaterThan(10);
  });
});

describe('built tour pages', () => {
  it('writes the tour calendar and one .ics file per show, readable by ical.js', async () => {
    const summaries = (text: string) =>
      new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v).summary);
    expect(summaries(await html('tour.ics'))).toEqual([
      'Berlin night',
      'Sold-out hometown show',
      'Free park show',
      'Tokyo',
    ]);
    expect(summaries(await html('tour/1.ics'))).toEqual(['Spring warm-up']);
    const doc = await dom('tour/index.html');
    expect(doc.querySelector('#subscribe')!.getAttribute('href')).toBe('webcal://band.example/tour.ics');
    expect((await dom('tour/2/index.html')).querySelector('a[data-event-calendar]')!.getAttribute('href')).toBe(
      '/tour/2.ics',
    );
  });
});

describe.skipIf(!hasChromium)('in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
  });

  async function open(path: string, ctx: BrowserContext = context): Promise<Page> {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.origin + path, { waitUntil: 'load' });
    (page as Page & { errors: string[] }).errors = errors;
    return page;
  }

  const audioState = (page: Page, selector: string) =>
    page.$$eval(`${selector} audio`, (list) =>
      list.map((a) => ({ paused: (a as HTMLAudioElement).paused, time: (a as HTMLAudioElement).currentTime })),
    );

  describe('PlaylistPlayer', () => {
    it('plays and pauses from its button, with labels and the live note following state', async () => {
      const page = await open('/player/');
      const player = page.locator('#first section');
      const toggle = player.locator('[data-toggle]');
      await expect.poll(() => player.locator('[data-controls]').isVisible(), POLL).toBe(true);
      const firstTitle = await player.locator('ol > li').first().getAttribute('data-title');
      expect(await toggle.getAttribute('aria-label')).toBe(`Play ${firstTitle}`);
      // The row players lose their native controls once the script takes over.
      expect(await player.locator('audio[controls]').count()).toBe(0);

      await toggle.click();
      await expect
        .poll(async () => (await audioState(page, '#first'))[0]!.time, { timeout: 10_000 })
        .toBeGreaterThan(0.3);
      expect((await audioState(page, '#first'))[0]!.paused).toBe(false);
      expect(await toggle.getAttribute('aria-label')).toBe(`Pause ${firstTitle}`);
      expect(await toggle.locator('[data-icon-pause]').isVisible()).toBe(true);
      expect(await toggle.locator('[data-icon-play]').isVisible()).toBe(false);
      expect(await player.locator('[aria-live="polite"]').textContent()).toContain(`Now playing: ${firstTitle}`);
      expect(await player.locator('ol > li').first().getAttribute('aria-current')).toBe('true');
      expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe(firstTitle);

      await toggle.click();
      expect((await audioState(page, '#first'))[0]!.paused).toBe(true);
      expect(await toggle.getAttribute('aria-label')).toBe(`Play ${firstTitle}`);
      expect(await toggle.locator('[data-icon-play]').isVisible()).toBe(true);
      await expect.poll(() => player.locator('[aria-live="polite"]').textContent(), POLL).toBe(`Paused: ${firstTitle}`);
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.close();
    });

    it('seeks by keyboard on the slider, speaking the position in words', async () => {
      const page = await open('/player/');
      const slider = page.locator('#first [data-seek]');
      await slider.focus();
      await page.keyboard.press('Space');
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.paused, POLL).toBe(false);
      await page.keyboard.press('Space');
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.paused, POLL).toBe(true);
      await page.keyboard.press('Home');
      const start = (await audioState(page, '#first'))[0]!.time;
      expect(start).toBe(0);
      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.time, POLL).toBeCloseTo(5, 0);
      expect(await slider.getAttribute('aria-valuetext')).toMatch(/^5 seconds of (\d+ minutes? )?\d+ seconds?$/);
      await page.keyboard.press('ArrowLeft');
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.time, POLL).toBeCloseTo(0, 0);
      expect(await slider.getAttribute('aria-valuetext')).toMatch(/^0 seconds of /);
      // PageUp is a 30 s step; the demo clips are shorter, so it stops at the end.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('PageDown');
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.time, POLL).toBe(0);
      await page.close();
    });

    it('continues with the next track when one ends, and moves with previous/next', async () => {
      const page = await open('/player/');
      const player = page.locator('#first section');
      const titles = await player
        .locator('ol > li[data-title]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-title')));
      await player.locator('[data-toggle]').click();
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.paused, POLL).toBe(false);
      // Playing can start before the metadata (duration) has arrived: seek only once it has.
      await page.waitForFunction(
        () => Number.isFinite(document.querySelector<HTMLAudioElement>('#first audio')?.duration),
        undefined,
        POLL,
      );
      // Jump to just before the end of the first clip and let it finish.
      await page.$eval('#first audio', (a) => {
        const audio = a as HTMLAudioElement;
        audio.currentTime = Math.max(0, audio.duration - 0.4);
      });
      await expect.poll(async () => (await audioState(page, '#first'))[1]!.paused, { timeout: 15_000 }).toBe(false);
      expect((await audioState(page, '#first'))[0]!.paused).toBe(true);
      expect(await player.locator('ol > li').nth(1).getAttribute('aria-current')).toBe('true');
      expect(await player.locator('[data-toggle]').getAttribute('aria-label')).toBe(`Pause ${titles[1]}`);

      await player.locator('[data-next]').click();
      await expect.poll(async () => (await audioState(page, '#first'))[2]!.paused, POLL).toBe(false);
      await player.locator('[data-prev]').click();
      await expect.poll(async () => (await audioState(page, '#first'))[1]!.paused, POLL).toBe(false);
      expect((await audioState(page, '#first'))[2]!.paused).toBe(true);
      expect(await player.locator('[data-prev]').isDisabled()).toBe(false);
      await player.locator('[data-prev]').click();
      await expect.poll(() => player.locator('[data-prev]').isDisabled(), POLL).toBe(true);
      await page.close();
    });

    it('keeps one player playing per page, plain Track players included', async () => {
      const page = await open('/player/');
      await page.locator('#first [data-toggle]').click();
      await expect.poll(async () => (await audioState(page, '#first'))[0]!.paused, POLL).toBe(false);
      await page.locator('#second [data-toggle]').click();
      await expect.poll(async () => (await audioState(page, '#second'))[0]!.paused, POLL).toBe(false);
      expect((await audioState(page, '#first')).every((a) => a.paused)).toBe(true);
      expect(await page.locator('#first [data-toggle]').getAttribute('aria-label')).toMatch(/^Play /);
      // The single Track is a native player: starting it stops the playlist.
      await page.$eval('#single audio', (a) => (a as HTMLAudioElement).play());
      await expect.poll(async () => (await audioState(page, '#single'))[0]!.paused, POLL).toBe(false);
      expect((await audioState(page, '#second')).every((a) => a.paused)).toBe(true);
      // And a playlist starting stops the Track.
      await page.locator('#first [data-toggle]').click();
      await expect.poll(async () => (await audioState(page, '#single'))[0]!.paused, POLL).toBe(true);
      await page.close();
    });

    it('keeps playing across a page navigation when persisted', async () => {
      const page = await open('/persist/one/');
      await page.locator('[data-toggle]').click();
      await expect
        .poll(async () => (await audioState(page, 'section'))[0]!.time, { timeout: 10_000 })
        .toBeGreaterThan(0.2);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      await page.locator('#go').click();
      await page.waitForURL('**/persist/two/');
      // Same document (client-side navigation), same element, still playing.
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
      expect(await page.locator('h1').textContent()).toContain('page two');
      const before = (await audioState(page, 'section'))[0]!.time;
      await expect.poll(async () => (await audioState(page, 'section'))[0]!.time, POLL).toBeGreaterThan(before + 0.2);
      expect((await audioState(page, 'section'))[0]!.paused).toBe(false);
      await page.close();
    });

    it('works without JavaScript: native players, scripted controls stay hidden and take no room', async () => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const page = await open('/player/', noJs);
      expect(await page.locator('#first [data-controls]').isVisible()).toBe(false);
      expect(await page.locator('#first [data-controls]').boundingBox()).toBeNull();
      const rows = await page.locator('#first ol > li').count();
      const players = page.locator('#first audio[controls]');
      expect(await players.count()).toBeGreaterThan(0);
      expect(await players.count()).toBeLessThanOrEqual(rows);
      for (const player of await players.all()) expect(await player.isVisible()).toBe(true);
      await noJs.close();
    });

    /**
     * The boxes (page coordinates) of everything the players could move, and of what
     * marks each playable row: its number before enhancing, its play button after.
     */
    const layout = (page: Page) =>
      page.evaluate(() => {
        const box = (element: Element) => {
          const { x, y, width, height } = element.getBoundingClientRect();
          return [x, y + scrollY, width, height].map((n) => Math.round(n * 100) / 100).join(',');
        };
        const playableRows = [...document.querySelectorAll('li:has([data-row-toggle])')];
        return {
          boxes: [
            ...document.querySelectorAll('section, [data-controls], ol > li, .sb-row-text, audio, h2, #single'),
          ].map((element) => `${element.tagName}.${element.className} ${box(element)}`),
          rowMarks: playableRows.map((row) => {
            const visible = [row.querySelector('.sb-row-number')!, row.querySelector('[data-row-toggle]')!].filter(
              (e) => e.getClientRects().length,
            );
            return visible.map((e) => `${e.tagName} ${box(e)}`).join(' + ');
          }),
        };
      });

    it('enhances without moving anything: the same boxes before and after, no layout shift', async () => {
      const page = await context.newPage();
      // Layout shifts from the start of the page, in the page itself.
      await page.addInitScript(() => {
        const shifts: string[] = ((window as unknown as { layoutShifts: string[] }).layoutShifts = []);
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Array<
            PerformanceEntry & { value: number; sources?: Array<{ node?: Node | null }> }
          >) {
            shifts.push(
              `${entry.value} from ${(entry.sources ?? []).map((s) => (s.node as Element | null)?.className ?? s.node?.nodeName).join(', ')}`,
            );
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      // Hold the page's scripts until the page has been painted and measured as it arrived.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/_astro/*.js', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${server.origin}/player/`, { waitUntil: 'commit' });
      await page.locator('#single audio').waitFor({ state: 'attached' });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(await page.locator('#first section').getAttribute('data-enhanced')).toBeNull();
      expect(await page.locator('#first [data-controls]').isVisible()).toBe(false);
      const before = await layout(page);

      release();
      await expect.poll(() => page.locator('#first [data-controls]').isVisible(), POLL).toBe(true);
      await expect.poll(() => page.locator('#second [data-controls]').isVisible(), POLL).toBe(true);
      expect(await page.locator('#first [data-row-toggle]').first().isVisible()).toBe(true);
      expect(await page.locator('#first audio[controls]').count()).toBe(0);
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const after = await layout(page);
      expect(after.boxes).toEqual(before.boxes);
      // Each row's play button took its number's place, box for box.
      expect(before.rowMarks.length).toBeGreaterThan(2);
      expect(after.rowMarks).toEqual(before.rowMarks.map((mark) => mark.replace(/^SPAN /, 'BUTTON ')));
      expect(await page.evaluate(() => (window as unknown as { layoutShifts: string[] }).layoutShifts)).toEqual([]);
      await page.close();
    });

    it('gives the native players back when the script never runs', async () => {
      const page = await context.newPage();
      await page.route('**/_astro/*.js', (route) => route.abort());
      // The holds last 4 s of animation time; run the page's animations 20 times faster.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Animation.enable');
      await cdp.send('Animation.setPlaybackRate', { playbackRate: 20 });
      await page.goto(`${server.origin}/player/`, { waitUntil: 'load' });
      const players = page.locator('#first audio[controls]');
      // Every row's hold ends on its own animation: wait for all of them, not just the first.
      const allVisible = async () =>
        (await Promise.all((await players.all()).map((p) => p.isVisible()))).every(Boolean);
      expect(await players.count()).toBeGreaterThan(1);
      await expect.poll(allVisible, POLL).toBe(true);
      expect(await page.locator('#first [data-controls]').boundingBox()).toBeNull();
      expect(await page.locator('#first section').getAttribute('data-enhanced')).toBeNull();
      await page.close();
    });
  });

  describe('PhotoGallery lightbox', () => {
    it('opens from a photo, moves with the arrow keys, announces the position and returns focus on Esc', async () => {
      const page = await open('/gallery/');
      const links = page.locator('[data-stagebloc-gallery] a[data-lightbox]');
      const count = await links.count();
      const hrefs = await links.evaluateAll((list) => list.map((a) => (a as HTMLAnchorElement).href));
      const dialog = page.locator('dialog');
      expect(await dialog.isVisible()).toBe(false);

      await links.nth(1).click();
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), POLL).toBe(true);
      const img = dialog.locator('img');
      expect(await img.evaluate((i) => (i as HTMLImageElement).src)).toBe(hrefs[1]);
      expect(await dialog.locator('[aria-live="polite"]').textContent()).toBe(`Photo 2 of ${count}`);
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog'))).toBe(true);

      await page.keyboard.press('ArrowRight');
      expect(await dialog.locator('[aria-live="polite"]').textContent()).toBe(`Photo 3 of ${count}`);
      expect(await img.evaluate((i) => (i as HTMLImageElement).src)).toBe(hrefs[2]);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expect(await dialog.locator('[aria-live="polite"]').textContent()).toBe(`Photo ${count} of ${count}`);
      expect(await img.evaluate((i) => (i as HTMLImageElement).src)).toBe(hrefs[count - 1]);

      await page.keyboard.press('Escape');
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), POLL).toBe(false);
      expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href)).toBe(hrefs[1]);

      // The buttons do the same.
      await links.nth(0).click();
      await dialog.locator('[data-lightbox-next]').click();
      expect(await dialog.locator('[aria-live="polite"]').textContent()).toBe(`Photo 2 of ${count}`);
      await dialog.locator('[data-lightbox-close]').click();
      await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open), POLL).toBe(false);
      expect(await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.href)).toBe(hrefs[0]);
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await page.close();
    });

    it('is a plain link to the large image without JavaScript', async () => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const page = await open('/gallery/', noJs);
      const href = await page.locator('a[data-lightbox]').first().getAttribute('href');
      await page.locator('a[data-lightbox]').first().click();
      await page.waitForURL((url) => url.pathname === new URL(href!, server.origin).pathname);
      await noJs.close();
    });
  });

  describe('TourDates and EventDetails', () => {
    /** The page as seen at `time` (the build's `now` is 2030-06-10T12:00Z). */
    async function openAt(path: string, time: string): Promise<Page> {
      const page = await context.newPage();
      await page.clock.setFixedTime(new Date(time));
      await page.goto(server.origin + path, { waitUntil: 'load' });
      return page;
    }
    const ids = (page: Page, list: string) =>
      page.$$eval(`[${list}] li`, (rows) => rows.map((row) => row.getAttribute('data-stagebloc-event')));

    it('leaves the lists as built while no show has passed', async () => {
      const page = await openAt('/tour/', '2030-06-11T00:00:00Z');
      expect(await ids(page, 'data-tour-upcoming')).toEqual(['2', '3', '4', '6']);
      expect(await ids(page, 'data-tour-past')).toEqual(['1', '5']);
      await page.close();
    });

    it('moves a show that passed after the build to the top of the past list, without its ticket link', async () => {
      const page = await openAt('/tour/', '2030-06-15T00:00:00Z');
      await expect.poll(() => ids(page, 'data-tour-upcoming'), POLL).toEqual(['3', '4', '6']);
      expect(await ids(page, 'data-tour-past')).toEqual(['2', '1', '5']);
      expect(await page.locator('li[data-stagebloc-event="2"] a[data-event-tickets]').count()).toBe(0);
      expect(await page.locator('li[data-stagebloc-event="3"] a[data-event-tickets]').count()).toBe(0); // sold out
      expect(await page.locator('[data-tour-empty]').isVisible()).toBe(false);
      await page.close();
    });

    it('says there is nothing upcoming once every show has passed', async () => {
      const page = await openAt('/tour/', '2031-01-01T00:00:00Z');
      await expect.poll(() => ids(page, 'data-tour-past'), POLL).toEqual(['6', '4', '3', '2', '1', '5']);
      expect(await page.locator('[data-tour-empty]').isVisible()).toBe(true);
      expect(await page.locator('a[data-event-tickets]').count()).toBe(0);
      await page.close();
    });

    it('marks an event page as past when viewed after the show, and states the date without JavaScript', async () => {
      const page = await openAt('/tour/2/', '2030-06-15T00:00:00Z');
      await expect.poll(() => page.locator('[data-event-passed]').isVisible(), POLL).toBe(true);
      expect(await page.locator('a[data-event-tickets], a[data-event-calendar]').count()).toBe(0);
      await page.close();
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const still = await noJs.newPage();
      await still.goto(`${server.origin}/tour/2/`);
      expect(await still.locator('time').first().getAttribute('datetime')).toBe('2030-06-12T21:00:00+02:00');
      expect(await still.locator('[data-event-passed]').isVisible()).toBe(false);
      expect(await still.locator('a[data-event-tickets]').isVisible()).toBe(true);
      await noJs.close();
    });
  });

  describe('VideoEmbed', () => {
    const VIDEO_HOSTS = /(^|\.)(youtube(-nocookie)?\.com|youtu\.be|vimeo\.com|ytimg\.com|vimeocdn\.com)$/;

    /** A context that records every request to a video service and answers it with a stub player. */
    async function recordingContext(options: { javaScriptEnabled?: boolean } = {}) {
      const ctx = await browser.newContext(options);
      const videoRequests: string[] = [];
      await ctx.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (VIDEO_HOSTS.test(url.hostname)) {
          videoRequests.push(url.href);
          await route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>player</title><p>player</p>' });
        } else if (url.origin === server.origin) await route.continue();
        else await route.fulfill({ status: 404, body: '' });
      });
      return { ctx, videoRequests };
    }

    it('requests nothing from YouTube or Vimeo until a video is played, then inserts its allowlisted player', async () => {
      const { ctx, videoRequests } = await recordingContext();
      const page = await open('/videos/', ctx);
      const youtube = page.locator('[data-stagebloc-video="7"]');
      const button = youtube.getByRole('button', { name: 'Play: Video 7' });
      await expect.poll(() => button.count(), POLL).toBe(1);
      const box = await youtube.locator('.sb-video-frame').boundingBox();
      await page.waitForLoadState('networkidle');
      expect(videoRequests).toEqual([]);
      expect(await page.locator('iframe').count()).toBe(0);

      // Keyboard: focus the poster button and press Enter.
      await button.focus();
      await page.keyboard.press('Enter');
      const iframe = youtube.locator('iframe');
      await expect.poll(() => iframe.count(), POLL).toBe(1);
      expect(await iframe.getAttribute('src')).toBe(
        'https://www.youtube.com/embed/oHg5SJYRHA0?feature=oembed&autoplay=1',
      );
      expect(await iframe.getAttribute('title')).toBe('Video 7');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('IFRAME');
      expect(await youtube.locator('.sb-video-frame').boundingBox()).toEqual(box);
      await expect.poll(() => videoRequests.length, POLL).toBeGreaterThan(0);
      expect(videoRequests.every((url) => new URL(url).hostname === 'www.youtube.com')).toBe(true);

      await page.locator('[data-stagebloc-video="8"]').getByRole('button', { name: 'Play: Studio diary' }).click();
      await expect
        .poll(() => page.locator('[data-stagebloc-video="8"] iframe').getAttribute('src'), POLL)
        .toBe('https://player.vimeo.com/video/76979871');
      expect(await page.locator('[data-stagebloc-video="10"] button, [data-stagebloc-video="10"] a').count()).toBe(0);
      expect((page as Page & { errors: string[] }).errors).toEqual([]);
      await ctx.close();
    });

    it('is a link to the video on its service without JavaScript, and still loads nothing from it', async () => {
      const { ctx, videoRequests } = await recordingContext({ javaScriptEnabled: false });
      const page = await open('/videos/', ctx);
      await page.waitForLoadState('networkidle');
      const link = page.getByRole('link', { name: 'Watch on YouTube: Video 7' });
      expect(await link.getAttribute('href')).toBe('https://www.youtube.com/watch?v=oHg5SJYRHA0');
      expect(await page.locator('iframe, button').count()).toBe(0);
      expect(videoRequests).toEqual([]);
      await ctx.close();
    });
  });

  describe('axe-core', () => {
    for (const path of ['/', '/player/', '/gallery/', '/blog/', '/persist/one/', '/tour/', '/tour/2/', '/videos/']) {
      it(`finds no violations on ${path}`, async () => {
        const page = await open(path);
        expect(await axeViolations(page)).toEqual([]);
        await page.close();
      });
    }

    it('finds no violations on a blog post', async () => {
      const doc = await dom('blog/index.html');
      const href = doc.querySelector('article h2 a')!.getAttribute('href')!;
      const page = await open(href);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it('finds no violations with a video player loaded', async () => {
      const page = await open('/videos/');
      await page.getByRole('button', { name: 'Play: Video 7' }).click();
      await page.locator('iframe').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it('finds no violations with the lightbox open or the player playing', async () => {
      const gallery = await open('/gallery/');
      await gallery.locator('a[data-lightbox]').first().click();
      expect(await axeViolations(gallery)).toEqual([]);
      await gallery.close();
      const player = await open('/player/');
      await player.locator('#first [data-toggle]').click();
      expect(await axeViolations(player)).toEqual([]);
      await player.close();
    });
  });
});
