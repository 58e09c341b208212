/**
 * schema.org JSON-LD objects built from collection entries, and their safe
 * serialization for a `<script type="application/ld+json">` element.
 * Pure data in, pure data out: pages and the StructuredData component decide where they go.
 */
import { isHttpUrl, linkableHref, publishableUrl } from '../text/urls.js';
import type { BlogEntry, EntryImages, EntryLocation, PhotoEntry, PlaylistEntry, TrackEntry } from '../entries/types.js';
import { isoDuration } from '../entries/duration.js';
import { FULL_PREFERENCE, GRID_PREFERENCE, pickImage } from '../entries/images.js';
import { htmlToText } from './text.js';

export type JsonLd = { '@context'?: 'https://schema.org'; '@type': string } & Record<string, unknown>;

/** `site` makes relative URLs absolute (search engines require absolute ones). */
export interface LinkOptions {
  site?: URL | string | undefined;
}

/**
 * JSON for a `<script>` element: `<` becomes `\u003c` so no `</script>` or `<!--` in the data
 * can end the element early; U+2028/2029 are escaped for old JavaScript parsers.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** `pathOrUrl` made absolute against `site`; undefined unless the result is an http(s) URL (or, with no site, a site path). */
export function absoluteUrl(pathOrUrl: string | undefined | null, site: URL | string | undefined): string | undefined {
  if (!linkableHref(pathOrUrl)) return undefined;
  try {
    const href = new URL(pathOrUrl!, site).href;
    return isHttpUrl(href) ? href : undefined;
  } catch {
    // No site and a relative path: a relative URL is still better than none.
    return publishableUrl(pathOrUrl);
  }
}

/** `object` without undefined, null, empty-string or empty-array values (schema.org wants absent, not empty). */
export function withoutEmpty<T extends Record<string, unknown>>(object: T): T {
  return Object.fromEntries(
    Object.entries(object).filter(
      ([, v]) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;
}

export function imageUrl(images: EntryImages | undefined, link: LinkOptions): string | undefined {
  return absoluteUrl(pickImage(images, FULL_PREFERENCE)?.url, link.site);
}

export function placeLd(location: EntryLocation | undefined): JsonLd | undefined {
  if (!location) return undefined;
  const a = location.address;
  return withoutEmpty({
    '@type': 'Place',
    name: location.name,
    url: publishableUrl(location.website),
    address: a
      ? withoutEmpty({
          '@type': 'PostalAddress',
          streetAddress: a.streetAddress ?? undefined,
          addressLocality: a.city ?? undefined,
          addressRegion: a.stateProvince ?? undefined,
          postalCode: a.postalCode ?? undefined,
          addressCountry: a.country ?? undefined,
        })
      : undefined,
  });
}

export interface RecordingOptions extends LinkOptions {
  /** The track's page on the site. */
  url?: string | undefined;
  /** Used when the track has no artist of its own. */
  artist?: string | undefined;
  /** Omit `@context` when nesting inside another object. */
  nested?: boolean | undefined;
}

export function musicRecordingLd(track: TrackEntry, options: RecordingOptions = {}): JsonLd {
  const d = track.data;
  const artist = d.artist ?? options.artist;
  const duration = d.duration !== null && d.duration !== undefined ? isoDuration(d.duration) : undefined;
  const stream = d.locked ? undefined : absoluteUrl(d.streamUrl, options.site);
  return withoutEmpty({
    ...(options.nested ? {} : { '@context': 'https://schema.org' as const }),
    '@type': 'MusicRecording',
    '@id': absoluteUrl(options.url, options.site),
    name: d.title,
    url: absoluteUrl(options.url, options.site) ?? publishableUrl(d.stagebloc.shortUrl),
    byArtist: artist ? { '@type': 'MusicGroup', name: artist } : undefined,
    duration,
    description: htmlToText(d.descriptionHtml) || undefined,
    datePublished: d.created.toISOString(),
    isAccessibleForFree: d.exclusive ? false : undefined,
    audio: stream
      ? withoutEmpty({ '@type': 'AudioObject', contentUrl: stream, encodingFormat: 'audio/mpeg', duration })
      : undefined,
  });
}

export interface PlaylistOptions extends LinkOptions {
  url?: string | undefined;
  /** Each track's page, when the site has them. */
  trackUrl?: ((track: TrackEntry) => string | undefined) | undefined;
  artist?: string | undefined;
}

export function musicPlaylistLd(
  playlist: PlaylistEntry,
  tracks: readonly TrackEntry[],
  options: PlaylistOptions = {},
): JsonLd {
  const d = playlist.data;
  return withoutEmpty({
    '@context': 'https://schema.org',
    '@type': 'MusicPlaylist',
    '@id': absoluteUrl(options.url, options.site),
    name: d.title,
    url: absoluteUrl(options.url, options.site) ?? publishableUrl(d.stagebloc.shortUrl),
    description: htmlToText(d.descriptionHtml) || undefined,
    image: imageUrl(d.images, options),
    numTracks: tracks.length,
    track: tracks.map((t) =>
      musicRecordingLd(t, { site: options.site, url: options.trackUrl?.(t), artist: options.artist, nested: true }),
    ),
  });
}

export interface MusicGroupInput extends LinkOptions {
  name: string;
  url?: string | undefined;
  image?: string | undefined;
  description?: string | undefined;
  genre?: string | undefined;
  /** Profiles elsewhere (streaming services, social networks). */
  sameAs?: readonly string[] | undefined;
  tracks?: readonly TrackEntry[] | undefined;
  trackUrl?: ((track: TrackEntry) => string | undefined) | undefined;
}

export function musicGroupLd(group: MusicGroupInput): JsonLd {
  return withoutEmpty({
    '@context': 'https://schema.org',
    '@type': 'MusicGroup',
    '@id': absoluteUrl(group.url, group.site),
    name: group.name,
    url: absoluteUrl(group.url, group.site),
    image: absoluteUrl(group.image, group.site),
    description: group.description,
    genre: group.genre,
    sameAs: group.sameAs?.map((url) => absoluteUrl(url, group.site)).filter((url): url is string => url !== undefined),
    track: (group.tracks ?? []).map((t) =>
      musicRecordingLd(t, { site: group.site, url: group.trackUrl?.(t), artist: group.name, nested: true }),
    ),
  });
}

export interface PostingOptions extends LinkOptions {
  url?: string | undefined;
  image?: string | undefined;
  /** The site or band publishing the blog. */
  publisher?: string | undefined;
}

export function blogPostingLd(entry: BlogEntry, options: PostingOptions = {}): JsonLd {
  const d = entry.data;
  const url = absoluteUrl(options.url, options.site);
  return withoutEmpty({
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': url,
    headline: d.title,
    url: url ?? publishableUrl(d.stagebloc.shortUrl),
    mainEntityOfPage: url,
    description: d.excerpt || undefined,
    datePublished: (d.published ?? d.created).toISOString(),
    dateModified: d.modified.toISOString(),
    author: d.author ? { '@type': 'Person', name: d.author.name } : undefined,
    publisher: options.publisher ? { '@type': 'Organization', name: options.publisher } : undefined,
    image: absoluteUrl(options.image, options.site),
    isAccessibleForFree: d.exclusive ? false : undefined,
  });
}

export interface GalleryOptions extends LinkOptions {
  name: string;
  url?: string | undefined;
  description?: string | undefined;
}

export function imageObjectLd(photo: PhotoEntry, options: LinkOptions = {}): JsonLd {
  const d = photo.data;
  const full = pickImage(d.images, FULL_PREFERENCE);
  const thumb = pickImage(d.images, GRID_PREFERENCE);
  return withoutEmpty({
    '@type': 'ImageObject',
    contentUrl: absoluteUrl(full?.url, options.site),
    thumbnailUrl: absoluteUrl(thumb?.url, options.site),
    width: full?.width,
    height: full?.height,
    name: d.title ?? undefined,
    caption: htmlToText(d.descriptionHtml) || d.title || undefined,
    dateCreated: d.created.toISOString(),
    contentLocation: placeLd(d.location),
  });
}

export function imageGalleryLd(photos: readonly PhotoEntry[], options: GalleryOptions): JsonLd {
  return withoutEmpty({
    '@context': 'https://schema.org',
    '@type': 'ImageGallery',
    '@id': absoluteUrl(options.url, options.site),
    name: options.name,
    url: absoluteUrl(options.url, options.site),
    description: options.description,
    associatedMedia: photos.filter((p) => !p.data.locked).map((p) => imageObjectLd(p, options)),
  });
}
