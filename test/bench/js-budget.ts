/**
 * JavaScript budgets of the bundled components (issue 4), measured on a real build of
 * the component fixture site (test/fixtures/component-site, demo account):
 *   - 0 bytes on a page without players or galleries,
 *   - the playlist player's script <= 6 KB gzip,
 *   - the lightbox's script <= 3 KB gzip,
 *   - the passed-shows script (TourDates) and the click-to-load video script <= 2 KB gzip each.
 * A script's size includes every chunk it imports. Reports figures, exits 1 when a
 * budget is exceeded.
 *
 *   node --import ./test/bench/resolve-hook.mjs test/bench/js-budget.ts [--json]
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { buildComponentSite } from '../browser/fixture-site.js';

interface ScriptSize {
  /** The page's script: an /_astro file, or "inline #n". */
  name: string;
  raw: number;
  gzip: number;
  /** Files it pulled in (itself included). */
  files: string[];
}

const gzipSize = (code: string) => gzipSync(code, { level: 9 }).length;

/** Static imports of a bundled chunk (`import"./a.js"`, `from"./b.js"`), as site paths. */
function importsOf(code: string, fromPath: string): string[] {
  const out = new Set<string>();
  for (const match of code.matchAll(/(?:\bimport\s*|\bfrom\s*)["']([^"']+\.js)["']/g)) {
    const spec = match[1]!;
    out.add(spec.startsWith('/') ? spec : posix.join(posix.dirname(fromPath), spec));
  }
  return [...out];
}

/** One script and every chunk it imports, each file counted once. */
async function closure(distDir: string, entry: string, inline?: string): Promise<{ code: string; files: string[] }> {
  const seen = new Set<string>();
  const parts: string[] = [];
  const visit = async (path: string, code?: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const text = code ?? (await readFile(join(distDir, path), 'utf8'));
    parts.push(text);
    for (const next of importsOf(text, path)) await visit(next);
  };
  await visit(entry, inline);
  return { code: parts.join('\n'), files: [...seen].filter((f) => !f.startsWith('inline')) };
}

async function pageScripts(distDir: string, pagePath: string): Promise<ScriptSize[]> {
  const { document } = parseHTML(await readFile(join(distDir, pagePath, 'index.html'), 'utf8'));
  const scripts = [...document.querySelectorAll('script')].filter(
    (s) => !s.getAttribute('type') || /module|javascript/.test(s.getAttribute('type')!),
  );
  const sizes: ScriptSize[] = [];
  let inlineCount = 0;
  for (const script of scripts) {
    const src = script.getAttribute('src');
    const name = src ?? `inline #${++inlineCount}`;
    const { code, files } = src
      ? await closure(distDir, src)
      : await closure(distDir, `/${pagePath}/${name}`, script.textContent ?? '');
    sizes.push({ name, raw: Buffer.byteLength(code), gzip: gzipSize(code), files });
  }
  return sizes;
}

/** All JS a page loads, each file once (shared chunks are not double-counted). */
async function pageTotal(distDir: string, pagePath: string): Promise<{ raw: number; gzip: number }> {
  const { document } = parseHTML(await readFile(join(distDir, pagePath, 'index.html'), 'utf8'));
  const files = new Set<string>();
  const inline: string[] = [];
  for (const s of document.querySelectorAll('script')) {
    const type = s.getAttribute('type');
    if (type && !/module|javascript/.test(type)) continue;
    const src = s.getAttribute('src');
    if (src) for (const f of (await closure(distDir, src)).files) files.add(f);
    else inline.push(s.textContent ?? '');
  }
  const code = [...inline, ...(await Promise.all([...files].map((f) => readFile(join(distDir, f), 'utf8'))))].join(
    '\n',
  );
  return { raw: code ? Buffer.byteLength(code) : 0, gzip: code ? gzipSize(code) : 0 };
}

const KB = 1024;
const BUDGETS = { plainPage: 0, player: 6 * KB, lightbox: 3 * KB, tour: 2 * KB, video: 2 * KB };

async function main(): Promise<number> {
  const started = Date.now();
  const site = await buildComponentSite();
  try {
    const pages = { plain: '', player: 'player', gallery: 'gallery', blog: 'blog' };
    const player = (await pageScripts(site.distDir, pages.player)).find((s) => s.name.includes('PlaylistPlayer'));
    const track = (await pageScripts(site.distDir, pages.player)).find((s) => s.name.includes('Track'));
    const lightbox = (await pageScripts(site.distDir, pages.gallery)).find((s) => s.name.includes('PhotoGallery'));
    const tour = (await pageScripts(site.distDir, 'tour')).find((s) => s.name.includes('TourDates'));
    const video = (await pageScripts(site.distDir, 'videos')).find((s) => s.name.includes('VideoEmbed'));
    if (!player || !lightbox || !tour || !video)
      throw new Error('The fixture pages no longer load the player, lightbox, tour or video script.');
    const plain = await pageTotal(site.distDir, pages.plain);
    const blog = await pageTotal(site.distDir, pages.blog);
    const playerPage = await pageTotal(site.distDir, pages.player);
    const galleryPage = await pageTotal(site.distDir, pages.gallery);
    const results = [
      {
        what: 'JS on a page without players or galleries (/)',
        gzip: plain.gzip,
        raw: plain.raw,
        budget: BUDGETS.plainPage,
      },
      { what: 'JS on the blog index (/blog/)', gzip: blog.gzip, raw: blog.raw, budget: BUDGETS.plainPage },
      { what: 'PlaylistPlayer script (with its imports)', gzip: player.gzip, raw: player.raw, budget: BUDGETS.player },
      {
        what: 'PhotoGallery lightbox script (with its imports)',
        gzip: lightbox.gzip,
        raw: lightbox.raw,
        budget: BUDGETS.lightbox,
      },
      { what: 'TourDates script (passed shows)', gzip: tour.gzip, raw: tour.raw, budget: BUDGETS.tour },
      { what: 'VideoEmbed script (click to load)', gzip: video.gzip, raw: video.raw, budget: BUDGETS.video },
      { what: 'Track script (one player at a time)', gzip: track?.gzip ?? 0, raw: track?.raw ?? 0, budget: undefined },
      {
        what: 'All JS on /player/ (2 playlists + a track)',
        gzip: playerPage.gzip,
        raw: playerPage.raw,
        budget: undefined,
      },
      { what: 'All JS on /gallery/', gzip: galleryPage.gzip, raw: galleryPage.raw, budget: undefined },
    ];
    const over = results.filter((r) => r.budget !== undefined && r.gzip > r.budget);
    if (process.argv.includes('--json')) {
      console.log(JSON.stringify({ results, files: { player: player.files, lightbox: lightbox.files } }, null, 2));
    } else {
      console.log(`JS budgets (gzip -9), fixture site built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const r of results) {
        const budget = r.budget === undefined ? '' : ` / budget ${r.budget} B ${r.gzip <= r.budget ? 'ok' : 'OVER'}`;
        console.log(`  ${r.what}: ${r.gzip} B gzip (${r.raw} B raw)${budget}`);
      }
      console.log(`  player files: ${player.files.join(', ')}`);
      console.log(`  lightbox files: ${lightbox.files.join(', ')}`);
    }
    return over.length ? 1 : 0;
  } finally {
    await site.cleanup();
  }
}

process.exitCode = await main();
