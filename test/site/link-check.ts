/**
 * A link checker for a built static site: every internal URL in the HTML (href, src,
 * srcset, Open Graph URLs, data-artwork), the feeds and the sitemap must name a file in
 * dist/, fragments must name an element id on their page, and nothing may point at a
 * loopback origin (a URL of the build-time API simulator is dead once the build ends).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { listFiles } from '../helpers/astro-build.js';

export interface BrokenLink {
  /** The file the URL was found in, relative to dist. */
  from: string;
  url: string;
  reason: string;
}

export interface LinkReport {
  pages: number;
  checked: number;
  broken: BrokenLink[];
}

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\]|0\.0\.0\.0)$/;

interface Found {
  from: string;
  url: string;
}

function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(',')
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

function urlsInHtml(html: string): string[] {
  const { document } = parseHTML(html);
  const urls: string[] = [];
  for (const el of document.querySelectorAll('[href]')) urls.push(el.getAttribute('href')!);
  for (const el of document.querySelectorAll('[src]')) urls.push(el.getAttribute('src')!);
  for (const el of document.querySelectorAll('[srcset]')) urls.push(...srcsetUrls(el.getAttribute('srcset')!));
  for (const el of document.querySelectorAll('[data-artwork]')) urls.push(el.getAttribute('data-artwork')!);
  for (const el of document.querySelectorAll('meta[property^="og:"], meta[name^="twitter:"]')) {
    const content = el.getAttribute('content') ?? '';
    if (/^(https?:)?\/\//.test(content)) urls.push(content);
  }
  return urls.filter((u) => u.trim() !== '');
}

function urlsInXml(xml: string): string[] {
  const urls: string[] = [];
  for (const m of xml.matchAll(/<(?:link|loc|guid[^>]*isPermaLink="true"[^>]*|comments)>\s*([^<\s]+)\s*</g))
    urls.push(m[1]!);
  for (const m of xml.matchAll(/<enclosure\b[^>]*\burl="([^"]+)"/g)) urls.push(m[1]!);
  for (const m of xml.matchAll(/<itunes:image\b[^>]*\bhref="([^"]+)"/g)) urls.push(m[1]!);
  return urls.map((u) => u.replaceAll('&amp;', '&'));
}

function urlsInJsonFeed(text: string): string[] {
  const feed = JSON.parse(text) as {
    home_page_url?: string;
    feed_url?: string;
    items?: Array<{ url?: string; attachments?: Array<{ url: string }> }>;
  };
  const urls = [feed.home_page_url, feed.feed_url];
  for (const item of feed.items ?? []) urls.push(item.url, ...(item.attachments ?? []).map((a) => a.url));
  return urls.filter((u): u is string => Boolean(u));
}

/** The page URL a dist file is served at. */
function pagePath(file: string): string {
  const path = `/${file.replaceAll('\\', '/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * Checks `distDir`. `siteOrigin` is the configured `site` (absolute URLs on it are
 * internal); other http(s) origins are external and not followed.
 */
export async function checkLinks(distDir: string, siteOrigin: string): Promise<LinkReport> {
  const files = await listFiles(distDir);
  const found: Found[] = [];
  const idsOf = new Map<string, Set<string>>();
  for (const file of files) {
    if (file.endsWith('.html')) {
      const html = await readFile(join(distDir, file), 'utf8');
      for (const url of urlsInHtml(html)) found.push({ from: file, url });
      const { document } = parseHTML(html);
      idsOf.set(file, new Set([...document.querySelectorAll('[id]')].map((el) => el.getAttribute('id')!)));
    } else if (file.endsWith('.xml')) {
      for (const url of urlsInXml(await readFile(join(distDir, file), 'utf8'))) found.push({ from: file, url });
    } else if (file.endsWith('.json') && !file.startsWith('_')) {
      const text = await readFile(join(distDir, file), 'utf8');
      if (text.includes('jsonfeed.org')) for (const url of urlsInJsonFeed(text)) found.push({ from: file, url });
    }
  }

  const broken: BrokenLink[] = [];
  const resolved = new Map<string, string | null>();
  for (const { from, url } of found) {
    if (/^(mailto|tel|javascript|data):/i.test(url)) {
      if (/^javascript:/i.test(url)) broken.push({ from, url, reason: 'javascript: URL' });
      continue;
    }
    let target: URL;
    try {
      target = new URL(url, new URL(pagePath(from), siteOrigin));
    } catch {
      broken.push({ from, url, reason: 'not a valid URL' });
      continue;
    }
    if (LOOPBACK.test(target.hostname)) {
      broken.push({ from, url, reason: 'points at a loopback origin (a build-time server)' });
      continue;
    }
    if (target.origin !== new URL(siteOrigin).origin) continue;
    let pathname: string;
    try {
      pathname = decodeURIComponent(target.pathname);
    } catch {
      broken.push({ from, url, reason: 'undecodable path' });
      continue;
    }
    const relativeFile = pathname.endsWith('/') ? `${pathname.slice(1)}index.html` : pathname.slice(1);
    if (!resolved.has(relativeFile))
      resolved.set(relativeFile, (await isFile(join(distDir, relativeFile))) ? relativeFile : null);
    const file = resolved.get(relativeFile);
    if (!file) {
      const hint =
        !pathname.endsWith('/') && (await isFile(join(distDir, relativeFile, 'index.html')))
          ? ' (missing trailing slash)'
          : '';
      broken.push({ from, url, reason: `no file ${relativeFile}${hint}` });
      continue;
    }
    const fragment = target.hash ? decodeURIComponent(target.hash.slice(1)) : '';
    if (fragment && file.endsWith('.html') && !idsOf.get(file)?.has(fragment)) {
      broken.push({ from, url, reason: `no element #${fragment} in ${file}` });
    }
  }
  return { pages: files.filter((f) => f.endsWith('.html')).length, checked: found.length, broken };
}
