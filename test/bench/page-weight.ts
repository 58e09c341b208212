/**
 * What a visitor downloads for each page of a built site, read from dist/: the HTML,
 * its stylesheets, its JavaScript (module scripts plus the chunks they import
 * statically) gzip-compressed, and the images it shows, uncompressed. For responsive
 * images the candidate a browser would pick is counted, for one reference viewport
 * (Lighthouse's mobile emulation: 412 CSS px wide at device pixel ratio 1.75); lazy
 * images are counted too (a visitor who scrolls the whole page).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';

export const VIEWPORT = { width: 412, dpr: 1.75, remPx: 16 };

export interface PageWeight {
  /** Route pattern: numeric path segments replaced with `[id]`, e.g. `/music/[id]/`. */
  type: string;
  path: string;
  htmlGzip: number;
  cssGzip: number;
  /** External scripts and their static imports, gzip, plus inline scripts gzip. */
  jsGzip: number;
  imageBytes: number;
  images: number;
  /** Everything above plus icons and files referenced from CSS. */
  totalTransfer: number;
  /** Resources (scripts, styles, images, icons) the page loads from other origins: not counted. */
  external: string[];
}

/** Caches file reads and gzip sizes across pages: most assets are shared. */
export function createWeigher(distDir: string) {
  const texts = new Map<string, Promise<Buffer | null>>();
  const gzipSizes = new Map<string, number>();

  const read = (urlPath: string) => {
    let file = texts.get(urlPath);
    if (!file) {
      file = readFile(join(distDir, decodeURIComponent(urlPath.split(/[?#]/)[0]!))).catch(() => null);
      texts.set(urlPath, file);
    }
    return file;
  };
  const gzipOf = async (urlPath: string): Promise<number | null> => {
    const known = gzipSizes.get(urlPath);
    if (known !== undefined) return known;
    const bytes = await read(urlPath);
    if (!bytes) return null;
    const size = gzipSync(bytes, { level: 6 }).length;
    gzipSizes.set(urlPath, size);
    return size;
  };
  const sizeOf = async (urlPath: string): Promise<number | null> => (await read(urlPath))?.length ?? null;

  /** A module script and every chunk it imports statically, as site paths. */
  async function moduleGraph(entry: string, seen = new Set<string>()): Promise<Set<string>> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const bytes = await read(entry);
    if (!bytes) return seen;
    const code = bytes.toString('utf8');
    for (const match of code.matchAll(
      /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g,
    )) {
      const specifier = match[1]!;
      if (/^[a-z]+:/i.test(specifier)) continue;
      await moduleGraph(new URL(specifier, `https://site${entry}`).pathname, seen);
    }
    return seen;
  }

  async function weigh(htmlPath: string): Promise<PageWeight> {
    const sitePath = `/${htmlPath.replace(/index\.html$/, '')}`;
    const html = (await read(`/${htmlPath}`))!.toString('utf8');
    const { document } = parseHTML(html);
    const external: string[] = [];
    const local = (url: string | null): string | null => {
      if (!url) return null;
      if (/^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) {
        if (!url.startsWith('data:')) external.push(url);
        return null;
      }
      return new URL(url, `https://site${sitePath}`).pathname;
    };

    const scripts = new Set<string>();
    let inlineJs = '';
    for (const script of document.querySelectorAll('script')) {
      const type = script.getAttribute('type') ?? '';
      if (type && !/^(?:module|text\/javascript|application\/javascript)$/.test(type)) continue; // JSON-LD etc.: data, not code
      const src = local(script.getAttribute('src'));
      if (src) for (const path of await moduleGraph(src)) scripts.add(path);
      else if (!script.getAttribute('src')) inlineJs += script.textContent ?? '';
    }
    for (const link of document.querySelectorAll('link[rel="modulepreload"]')) {
      const href = local(link.getAttribute('href'));
      if (href) for (const path of await moduleGraph(href)) scripts.add(path);
    }
    let jsGzip = inlineJs ? gzipSync(inlineJs, { level: 6 }).length : 0;
    for (const path of scripts) jsGzip += (await gzipOf(path)) ?? 0;

    let cssGzip = 0;
    let cssText = [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const href = local(link.getAttribute('href'));
      if (!href) continue;
      cssGzip += (await gzipOf(href)) ?? 0;
      cssText += (await read(href))?.toString('utf8') ?? '';
    }

    const imagePaths = new Set<string>();
    for (const img of document.querySelectorAll('img')) {
      const chosen = chooseCandidate(img.getAttribute('srcset'), img.getAttribute('sizes')) ?? img.getAttribute('src');
      const path = local(chosen);
      if (path) imagePaths.add(path);
    }
    let imageBytes = 0;
    for (const path of imagePaths) imageBytes += (await sizeOf(path)) ?? 0;

    const extras = new Set<string>();
    for (const link of document.querySelectorAll('link[rel~="icon"]')) {
      const href = local(link.getAttribute('href'));
      if (href) extras.add(href);
    }
    for (const match of cssText.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)) {
      const path = local(match[1]!);
      if (path) extras.add(path);
    }
    let extraBytes = 0;
    for (const path of extras) extraBytes += (await sizeOf(path)) ?? 0;

    const htmlGzip = gzipSync(html, { level: 6 }).length;
    return {
      type: sitePath.replace(/\/\d+(?=\/)/g, '/[id]'),
      path: sitePath,
      htmlGzip,
      cssGzip,
      jsGzip,
      imageBytes,
      images: imagePaths.size,
      totalTransfer: htmlGzip + cssGzip + jsGzip + imageBytes + extraBytes,
      external,
    };
  }

  return { weigh };
}

/** The srcset candidate a browser picks at VIEWPORT, or null without a usable srcset. */
export function chooseCandidate(srcset: string | null, sizes: string | null): string | null {
  if (!srcset) return null;
  const candidates = srcset
    .split(/,\s+/)
    .map((part) => {
      const [url, descriptor = '1x'] = part.trim().split(/\s+/);
      const value = Number.parseFloat(descriptor);
      return { url: url!, kind: descriptor.endsWith('w') ? 'w' : 'x', value: Number.isFinite(value) ? value : 1 };
    })
    .filter((c) => c.url);
  if (candidates.length === 0) return null;
  const needed = candidates[0]!.kind === 'w' ? slotWidth(sizes) * VIEWPORT.dpr : VIEWPORT.dpr;
  const sorted = [...candidates].sort((a, b) => a.value - b.value);
  return (sorted.find((c) => c.value >= needed) ?? sorted[sorted.length - 1]!).url;
}

/** Evaluates `sizes` ("(min-width: 56rem) 24rem, 72vw") at VIEWPORT, in CSS px. */
export function slotWidth(sizes: string | null): number {
  if (!sizes) return VIEWPORT.width;
  for (const entry of sizes.split(',')) {
    const match = /^\s*(?:\((min|max)-width:\s*([\d.]+)(px|rem|em)\)\s*)?(.+?)\s*$/.exec(entry);
    if (!match) continue;
    const [, bound, amount, unit, length] = match;
    if (bound) {
      const px = Number(amount) * (unit === 'px' ? 1 : VIEWPORT.remPx);
      if (bound === 'min' ? VIEWPORT.width < px : VIEWPORT.width > px) continue;
    }
    const size = /^([\d.]+)(px|rem|em|vw)$/.exec(length!.trim());
    if (!size) return VIEWPORT.width; // calc() and friends: assume the full width
    const n = Number(size[1]);
    return size[2] === 'vw' ? (n / 100) * VIEWPORT.width : size[2] === 'px' ? n : n * VIEWPORT.remPx;
  }
  return VIEWPORT.width;
}

/** Count and total bytes of the files under `dir` whose names pass `include` (zero when `dir` does not exist). */
export async function treeBytes(
  dir: string,
  include: (name: string) => boolean = () => true,
): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (!entry.isFile() || !include(entry.name)) continue;
    files++;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return { files, bytes };
}
