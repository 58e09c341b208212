/**
 * Sites own their routing: a card's link comes from an `href` prop (a string or a
 * function of the entry) or from a `base` path the entry id is appended to.
 */
import { linkableHref } from '../text/urls.js';

export { publishableUrl } from '../text/urls.js';

export type HrefOption<E> = string | ((entry: E) => string) | undefined;

export function entryHref<E extends { id: string }>(
  entry: E,
  href: HrefOption<E>,
  base: string | undefined,
): string | undefined {
  if (typeof href === 'function') return linkableHref(href(entry));
  if (typeof href === 'string') return linkableHref(href);
  if (base !== undefined) return joinPath(base, entry.id);
  return undefined;
}

/** `joinPath('/blog', 'a', 2024)` → `/blog/a/2024/` (directory-style URLs, Astro's build default). */
export function joinPath(base: string, ...segments: Array<string | number>): string {
  const head = base.endsWith('/') ? base : `${base}/`;
  return head + segments.map((s) => `${encodeURIComponent(String(s))}/`).join('');
}

/**
 * The `webcal:` form of a calendar's URL (`/tour.ics` on `https://band.example` →
 * `webcal://band.example/tour.ics`): the link that makes a calendar app subscribe to the
 * file, and so follow its updates, instead of importing it once.
 */
export function webcalUrl(pathOrUrl: string, site: URL | string): string {
  const url = new URL(pathOrUrl, site);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError(`astro-stagebloc: a calendar URL must be http(s), not ${url.protocol}`);
  return `webcal://${url.host}${url.pathname}${url.search}`;
}
