/**
 * Screenshots of the built example site for the README: home, a playlist, an album and
 * a post at 1280x800 (plus the home page in dark mode), taken with Debian's Chromium
 * through playwright-core against dist/ served on 127.0.0.1.
 *
 *   npm run build:site && npm run screenshots      (from the repo root)
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { serveStatic } from '../../test/helpers/static-server.ts';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const out = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** The first link matching `selector` on the page at `path`, as a path. */
async function firstLink(page: Page, base: string, path: string, selector: string): Promise<string> {
  await page.goto(new URL(path, base).href);
  const href = await page.locator(selector).first().getAttribute('href');
  if (!href) throw new Error(`no link ${selector} on ${path}`);
  return new URL(href, base).pathname;
}

/** An open (not members-only) album: the gallery is what the screenshot is for. */
async function openAlbum(page: Page, base: string): Promise<string> {
  await page.goto(new URL('/photos/', base).href);
  const card = page.locator('.sb-grid > li').filter({ hasNotText: 'Exclusive' }).first();
  const href = await card.locator('a[href^="/photos/albums/"]').first().getAttribute('href');
  if (!href) throw new Error('no open album on /photos/');
  return href;
}

/** The newest post with a picture or an embedded player in it, else the newest post. */
async function richPost(page: Page, base: string): Promise<string> {
  await page.goto(new URL('/blog/', base).href);
  const hrefs = await page
    .locator('.sb-posts a[href^="/blog/"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  for (const href of hrefs) {
    await page.goto(new URL(href, base).href);
    if ((await page.locator('.post figure img, .post .embed').count()) > 0) return href;
  }
  return hrefs[0]!;
}

/**
 * Palette-quantizes a PNG with sharp (Astro's image library, already installed) so the
 * committed screenshots stay small; keeps the original when sharp is not available.
 */
async function shrink(path: string): Promise<void> {
  try {
    const { default: sharp } = await import('sharp');
    const smaller = await sharp(await readFile(path))
      .png({ palette: true, quality: 90, effort: 10 })
      .toBuffer();
    await writeFile(path, smaller);
  } catch {
    // Unoptimized screenshots are still correct ones.
  }
}

const server = await serveStatic(dist);
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  await mkdir(out, { recursive: true });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  // Nothing but the local site: the screenshots must show what works offline.
  await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const page = await context.newPage();
  const shots: Array<[string, string]> = [
    ['home', '/'],
    ['playlist', await firstLink(page, server.url, '/', '#featured .more-link')],
    ['album', await openAlbum(page, server.url)],
    ['post', await richPost(page, server.url)],
  ];
  for (const [name, path] of shots) {
    await page.goto(new URL(path, server.url).href, { waitUntil: 'networkidle' });
    await page.screenshot({ path: `${out}${name}.png` });
    await shrink(`${out}${name}.png`);
    console.log(`${name}: ${path} -> screenshots/${name}.png`);
  }
  const dark = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
  await dark.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => route.abort());
  const darkPage = await dark.newPage();
  await darkPage.goto(server.url, { waitUntil: 'networkidle' });
  await darkPage.screenshot({ path: `${out}home-dark.png` });
  await shrink(`${out}home-dark.png`);
  console.log('home-dark: / -> screenshots/home-dark.png');
} finally {
  await browser.close();
  await server.close();
}
