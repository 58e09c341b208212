/**
 * What the three feeds share. Enclosure sizes come from a HEAD request to StageBloc's
 * CDN, except for media this site hosts itself: those files are not deployed yet while
 * the feed is built, so asking the live site would only time out (RSS allows 0, unknown).
 */
import { cachedContentLength, headContentLength, type ContentLengthOf } from 'astro-stagebloc/rss';

export function enclosureLength(site: URL | undefined): ContentLengthOf {
  return cachedContentLength(async (url) => (site && new URL(url).origin === site.origin ? 0 : headContentLength(url)));
}
