/** Options and helpers the three feeds share. */
import type { Entry } from '../entries/types.js';
import { joinPath } from '../entries/links.js';
import { withoutControlCharacters } from '../text/control-characters.js';

export { withoutControlCharacters };

/** What the feeds read from Astro's endpoint context (`APIContext`). */
export interface FeedContext {
  site?: URL | string | undefined;
  url?: URL | undefined;
}

export interface FeedBaseOptions {
  title: string;
  description: string;
  /** Absolute site URL; defaults to `context.site` (the `site` in astro.config). */
  site?: URL | string;
  /** At most this many items, newest first. */
  limit?: number;
}

export type ItemLink<E> = ((entry: E) => string | undefined) | undefined;

export function siteOf(context: FeedContext, options: { site?: URL | string | undefined }): URL {
  const site = options.site ?? context.site;
  if (!site)
    throw new Error('astro-stagebloc feeds need absolute URLs: set `site` in astro.config or pass `site` to the feed.');
  return new URL(site);
}

export function absolute(pathOrUrl: string, site: URL): string {
  return new URL(pathOrUrl, site).href;
}

/** An item's page: `link(entry)`, else `base` + id, else undefined. */
export function itemPath<E extends Entry<unknown>>(
  entry: E,
  link: ItemLink<E>,
  base: string | undefined,
): string | undefined {
  if (link) return link(entry);
  return base !== undefined ? joinPath(base, entry.id) : undefined;
}

/**
 * The feed as its readers get it: without a character XML 1.0 forbids, wherever in the
 * options or entries it came from (one makes strict readers reject the whole feed).
 */
export function xmlFeedResponse(xml: string): Response {
  return new Response(withoutControlCharacters(xml), { headers: { 'Content-Type': 'application/xml' } });
}

export function escapeXml(text: string): string {
  return text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );
}

export function newest<E>(items: readonly E[], dateOf: (item: E) => Date, limit: number | undefined): E[] {
  const sorted = [...items].sort((a, b) => dateOf(b).getTime() - dateOf(a).getTime());
  return limit !== undefined ? sorted.slice(0, Math.max(0, limit)) : sorted;
}
