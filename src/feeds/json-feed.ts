/**
 * JSON Feed 1.1 (https://jsonfeed.org/version/1.1) of tracks and, optionally, blog
 * posts, upcoming shows and videos (their items: json-feed-shows.ts). Each track carries
 * its 128 kb stream as an attachment, plus the 320 kb MP3 when its download details offer
 * that quality (or better) as a free download without a follow requirement;
 * `duration_in_seconds` on every audio attachment.
 */
import type { BlogEntry, EventEntry, TrackEntry, VideoEntry } from '../entries/types.js';
import type { TimeZoneOption } from '../entries/events.js';
import { postDate } from '../entries/blog.js';
import { htmlToText } from '../structured-data/text.js';
import { cachedContentLength, type ContentLengthOf } from './content-length.js';
import { feedHtml } from './sanitize.js';
import {
  absolute,
  itemPath,
  newest,
  siteOf,
  withoutControlCharacters,
  type FeedBaseOptions,
  type FeedContext,
  type ItemLink,
} from './shared.js';
import { isFeedPost, isFeedTrack } from './visibility.js';
import { showItems, videoItems } from './json-feed-shows.js';

export interface JsonFeedAuthor {
  name?: string;
  url?: string;
  avatar?: string;
}

export interface JsonFeedOptions extends FeedBaseOptions {
  tracks?: readonly TrackEntry[];
  posts?: readonly BlogEntry[];
  /** The feed's own URL; defaults to the endpoint's URL (`context.url`). */
  feedUrl?: string;
  /** Defaults to the site root. */
  homePageUrl?: string;
  trackLink?: ItemLink<TrackEntry>;
  trackBase?: string;
  postLink?: ItemLink<BlogEntry>;
  /** Default "/blog/". */
  postBase?: string;
  /** Upcoming shows, each an item from its announcement (`created`) until it has passed. */
  events?: readonly EventEntry[];
  /** The zone of the shows' wall-clock times (see TourDates). */
  timeZone?: TimeZoneOption;
  /** The moment dividing upcoming shows from past; default now (the build). */
  now?: Date;
  eventLink?: ItemLink<EventEntry>;
  /** Default "/tour/". */
  eventBase?: string;
  videos?: readonly VideoEntry[];
  videoLink?: ItemLink<VideoEntry>;
  /** The site's video pages (`videoBase` + id); unset: items link to the video on its service. */
  videoBase?: string;
  authors?: JsonFeedAuthor[];
  icon?: string;
  favicon?: string;
  language?: string;
  /**
   * The 320 kb MP3 of a track. Default: the entry's `highQualityUrl` (the loaders set it, a
   * local path with self-hosted media), else the stream URL with `mp3_128kb` → `mp3_320kb`
   * (StageBloc's CDN layout).
   */
  highQualityUrl?: (track: TrackEntry) => string | undefined;
  /**
   * `size_in_bytes` of attachments whose entry does not carry it (`streamBytes`,
   * `highQualityBytes`). Default: HEAD request (cached, 4 at a time); 0 leaves it out.
   */
  contentLength?: ContentLengthOf;
}

export interface JsonFeedAttachment {
  url: string;
  mime_type: string;
  title?: string;
  size_in_bytes?: number;
  duration_in_seconds?: number;
}

export interface JsonFeedItem {
  id: string;
  url?: string;
  /** A show's ticket page, a video's page on its service. */
  external_url?: string;
  image?: string;
  title?: string;
  content_html?: string;
  content_text?: string;
  summary?: string;
  date_published?: string;
  date_modified?: string;
  authors?: JsonFeedAuthor[];
  attachments?: JsonFeedAttachment[];
}

export interface JsonFeedDocument {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  description?: string;
  home_page_url?: string;
  feed_url?: string;
  icon?: string;
  favicon?: string;
  language?: string;
  authors?: JsonFeedAuthor[];
  items: JsonFeedItem[];
}

const HIGH_QUALITY_FREE = new Set(['mp3-320', 'source']);

/** Whether the track's free download includes a 320 kb MP3 anyone may fetch. */
export function offersFreeHighQuality(track: TrackEntry): boolean {
  const free = track.data.download?.free;
  return !!free && HIGH_QUALITY_FREE.has(free.format) && !free.requireFollow;
}

function defaultHighQualityUrl(track: TrackEntry): string | undefined {
  if (track.data.highQualityUrl) return track.data.highQualityUrl;
  const url = track.data.streamUrl;
  return url?.includes('/mp3_128kb/') ? url.replace('/mp3_128kb/', '/mp3_320kb/') : undefined;
}

/** A size the entry already knows for this URL (self-hosted files), else null. */
function knownBytes(track: TrackEntry, url: string): number | null {
  const d = track.data;
  if (url === d.streamUrl && typeof d.streamBytes === 'number') return d.streamBytes;
  if (url === d.highQualityUrl && typeof d.highQualityBytes === 'number') return d.highQualityBytes;
  return null;
}

export async function buildJsonFeed(context: FeedContext, options: JsonFeedOptions): Promise<JsonFeedDocument> {
  const site = siteOf(context, options);
  const lengthOf = options.contentLength ?? cachedContentLength();
  const highQualityUrl = options.highQualityUrl ?? defaultHighQualityUrl;
  const sized = async (
    track: TrackEntry,
    path: string,
    attachment: Omit<JsonFeedAttachment, 'url'>,
  ): Promise<JsonFeedAttachment> => {
    const url = absolute(path, site);
    const size = knownBytes(track, path) ?? (await lengthOf(url));
    return size > 0 ? { url, ...attachment, size_in_bytes: size } : { url, ...attachment };
  };

  const trackItems = (options.tracks ?? []).filter(isFeedTrack).map(async (track): Promise<[Date, JsonFeedItem]> => {
    const d = track.data;
    const duration = d.duration !== null ? { duration_in_seconds: Math.round(d.duration) } : {};
    const attachments = [sized(track, d.streamUrl!, { mime_type: 'audio/mpeg', title: '128 kb MP3', ...duration })];
    const hq = offersFreeHighQuality(track) ? highQualityUrl(track) : undefined;
    if (hq) attachments.push(sized(track, hq, { mime_type: 'audio/mpeg', title: '320 kb MP3', ...duration }));
    const page = itemPath(track, options.trackLink, options.trackBase) ?? d.stagebloc.shortUrl ?? undefined;
    const text = htmlToText(d.descriptionHtml);
    return [
      d.created,
      {
        id: `stagebloc-track-${d.stagebloc.id}`,
        url: page ? absolute(page, site) : undefined,
        title: d.title,
        content_text: text || d.title,
        date_published: d.created.toISOString(),
        date_modified: d.modified.toISOString(),
        authors: d.artist ? [{ name: d.artist }] : undefined,
        attachments: await Promise.all(attachments),
      },
    ];
  });

  const postItems = (options.posts ?? []).filter(isFeedPost).map(async (entry): Promise<[Date, JsonFeedItem]> => {
    const d = entry.data;
    const page = itemPath(entry, options.postLink, options.postBase ?? '/blog/');
    return [
      postDate(entry),
      {
        id: `stagebloc-post-${d.stagebloc.id}`,
        url: page ? absolute(page, site) : undefined,
        title: d.title,
        content_html: feedHtml(entry.rendered?.html ?? '', site),
        summary: d.excerpt || undefined,
        date_published: postDate(entry).toISOString(),
        date_modified: d.modified.toISOString(),
        authors: d.author ? [{ name: d.author.name }] : undefined,
      },
    ];
  });

  const dated: Array<[Date, JsonFeedItem]> = [
    ...(await Promise.all([...trackItems, ...postItems])),
    ...showItems(options.events ?? [], site, options),
    ...videoItems(options.videos ?? [], site, options),
  ];
  const items = newest(dated, ([date]) => date, options.limit).map(([, item]) => dropUndefined(item));
  const feedUrl = options.feedUrl ?? context.url?.pathname;
  return dropUndefined({
    version: 'https://jsonfeed.org/version/1.1',
    title: options.title,
    description: options.description,
    home_page_url: absolute(options.homePageUrl ?? '/', site),
    feed_url: feedUrl ? absolute(feedUrl, site) : undefined,
    icon: options.icon ? absolute(options.icon, site) : undefined,
    favicon: options.favicon ? absolute(options.favicon, site) : undefined,
    language: options.language,
    authors: options.authors,
    items,
  });
}

/** An endpoint response (`application/feed+json`). */
export async function jsonFeed(context: FeedContext, options: JsonFeedOptions): Promise<Response> {
  const feed = await buildJsonFeed(context, options);
  // No control character in any string, wherever it came from (JSON would only escape it).
  const text = JSON.stringify(
    feed,
    (_key, value: unknown) => (typeof value === 'string' ? withoutControlCharacters(value) : value),
    2,
  );
  return new Response(text, { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
}

function dropUndefined<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}
