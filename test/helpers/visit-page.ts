/**
 * Opens a page of a locally served site in Chromium the way a careful reader would, and
 * collects what went wrong: console and page errors, failed requests, HTTP errors and
 * images that did not load (the page is scrolled through so lazy images load too).
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface Visit {
  page: Page;
  status: number | undefined;
  /** Console errors, page errors, failed or erroring requests, broken images. */
  problems: string[];
}

export async function visitPage(
  context: BrowserContext,
  origin: string,
  path: string,
  expectedStatus = 200,
): Promise<Visit> {
  const page = await context.newPage();
  const problems: string[] = [];
  const target = new URL(path, origin).href;
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium logs the document's own 404 as a console error; that status is the point of the 404 page.
    if (expectedStatus === 404 && /status of 404/.test(message.text()) && message.location().url === target) return;
    problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => {
    const error = request.failure()?.errorText ?? '';
    // The page itself cancelled it (e.g. the lightbox moved on before a photo finished loading).
    if (error === 'net::ERR_ABORTED' && request.url().startsWith(origin)) return;
    problems.push(`request failed: ${request.url()} (${error})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400 && !(response.url() === target && response.status() === expectedStatus)) {
      problems.push(`HTTP ${response.status()}: ${response.url()}`);
    }
  });
  const response = await page.goto(target, { waitUntil: 'load' });
  await page.evaluate(async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 20));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
  const brokenImages = await page.evaluate(() =>
    [...document.images]
      .filter((img) => img.currentSrc && (!img.complete || img.naturalWidth === 0))
      .map((img) => img.currentSrc),
  );
  problems.push(...brokenImages.map((src) => `image did not load: ${src}`));
  return { page, status: response?.status(), problems };
}
