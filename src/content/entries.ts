/**
 * Pure mapping from the client's normalized objects to collection entry data (the
 * DEVELOPERS.md contract): visibility policy, sanitizing, relations, media URLs.
 * No I/O here; media URLs are resolved beforehand and passed in as a lookup.
 */
import type {
  Account,
  Album,
  DownloadDetails,
  Event,
  Status,
  Video,
  DownloadQuality,
  ImageSet,
  Location,
  Track,
  Photo,
  Playlist,
  BlogEntry,
} from '../sync/account-data.js';
import { IMAGE_SIZES } from '../sync/account-data.js';
import type { AccountContent, AlbumRecord, CollectionName, PlaylistRecord } from '../sync/account-data.js';
import { directRichText, type RichText } from './rich-text.js';
import type { SanitizeOptions } from './sanitize.js';
import { visibilityOf, type Visibility, type VisibilityFacts, type VisibilityPolicy } from './visibility.js';
import type { DownloadData, ImageData, ImagesData, LocationData } from './entry-data.js';

/** What the schema parses: references as plain id strings, dates as Date. */
export interface MappedEntry {
  id: string;
  data: Record<string, unknown>;
  /** Blog entries: the sanitized body for `render(entry)`. */
  rendered?: { html: string };
  /** The client object the entry was mapped from: a key for work done ahead on it (never stored). */
  source?: object;
  /** The URLs the blocked-media check looked at in the entry's HTML (see entry-inputs.ts; never stored). */
  htmlUrls?: readonly string[];
}

/** An audio file as entries publish it; `bytes` is known for self-hosted files only. */
export interface AudioData {
  url: string;
  bytes: number | null;
}

export interface MediaLookup {
  image(url: string): ImageData;
  /** null: an optional file (the free 320 kb MP3) that turned out not to exist. */
  audio(url: string): AudioData | null;
  /** Self-hosted media: the cached file of an image (absolute path), for Astro image assets. */
  imageFile?(url: string): string | undefined;
}

export const remoteMedia: MediaLookup = { image: (url) => ({ url }), audio: (url) => ({ url, bytes: null }) };

const MP3_128 = '/mp3_128kb/';
const MP3_320 = '/mp3_320kb/';
/** Free download qualities that include the 320 kb MP3 (2: the MP3 itself, 3: the source file). */
const HIGH_QUALITY_FREE: ReadonlySet<DownloadQuality> = new Set([2, 3]);

/**
 * The 320 kb MP3 next to a track's 128 kb stream. The API lists only the stream; StageBloc's
 * CDN keeps both encodings side by side (`…/mp3_128kb/…` and `…/mp3_320kb/…`).
 */
function highQualityUrlOf(track: Pick<Track, 'embedUrl'>): string | null {
  return track.embedUrl?.includes(MP3_128) ? track.embedUrl.replace(MP3_128, MP3_320) : null;
}

/**
 * The 320 kb MP3 a public site may publish: only when the free download offers that quality
 * (or the source) without asking for a follow. Anything else would give away a paid or
 * follow-gated file.
 */
export function freeHighQualityUrl(track: Pick<Track, 'embedUrl' | 'downloadDetails'>): string | null {
  const details = track.downloadDetails;
  if (!details || details.freeDownloadRequireFollow || !HIGH_QUALITY_FREE.has(details.freeDownloadQuality)) return null;
  return highQualityUrlOf(track);
}

export interface MappingOptions {
  policy: VisibilityPolicy;
  media?: MediaLookup;
  /** Give image sets an `imageAsset` (the largest self-hosted file): see `imageAssets` in settings.ts. */
  imageAssets?: boolean;
  sanitize?: Omit<SanitizeOptions, 'blockedUrls'>;
  /** Rich text sanitized ahead (see rich-text.ts); it must use the same `sanitize` options. */
  richText?: RichText;
  /**
   * The whole account, when the content mapped holds only some items of its collection (a
   * query of a page rendered on request, a batch mapped ahead): media of hidden items is
   * blocked over all of it.
   */
  account?: Partial<AccountContent>;
  /** Map only these items (the others' entries are kept from the last sync); default all. */
  only?: (item: { id: number }) => boolean;
  /**
   * The media URLs the account blocks (blockedMediaUrls), when the content mapped is not the
   * whole account and they were worked out before (a rebuild that maps only changed items).
   */
  blocked?: ReadonlySet<string>;
}

type MediaItem = Track | PlaylistRecord | BlogEntry | Photo | AlbumRecord | Event | Video | Account;

/** An item of any collection, as the client (or a snapshot) gives it. */
export type ContentItem = MediaItem | Playlist | Album | Status;

/** The visibility policy for an item of any collection: the account profile is always public. */
export function visibilityOfItem(item: ContentItem, policy: VisibilityPolicy): Visibility {
  return visibilityOf('private' in item ? item : {}, policy);
}

function mediaOfItem(item: MediaItem): string[] {
  const urls: string[] = [];
  if ('images' in item) urls.push(...imageUrlsOf(item.images));
  if ('embedUrl' in item) {
    if (item.embedUrl) urls.push(item.embedUrl);
    if (item.rawUrl) urls.push(item.rawUrl);
    const highQuality = highQualityUrlOf(item);
    if (highQuality) urls.push(highQuality);
  }
  return urls;
}

/** The media files of a public item that its entry may publish. */
function publishedMediaOfItem(item: MediaItem): Set<string> {
  if (!('embedUrl' in item)) return new Set(mediaOfItem(item));
  // A public track publishes its stream, never its source file, and its 320 kb MP3 only when free.
  return new Set([item.embedUrl, freeHighQualityUrl(item)].filter((url): url is string => Boolean(url)));
}

const policyKey = (policy: VisibilityPolicy) => `${policy.drafts}|${policy.exclusive}`;

/**
 * Every mapper of a sync asks for the same content and policy: `compute` runs once per policy
 * and arrays of the collections it reads, whichever content object holds them (the walk's
 * growing content and the final content share their arrays). Content arrays are never changed
 * once they are content.
 */
function oncePerSync<T>(
  collections: readonly CollectionName[],
  compute: (content: Partial<AccountContent>, policy: VisibilityPolicy) => T,
) {
  const cache = new WeakMap<object, Array<{ arrays: readonly unknown[]; policy: string; value: T }>>();
  return (content: Partial<AccountContent>, policy: VisibilityPolicy): T => {
    const arrays = collections.map((collection) => content[collection]);
    const anchor = (arrays.find((array) => array !== undefined) as object | undefined) ?? content;
    const key = policyKey(policy);
    let known = cache.get(anchor);
    if (!known) cache.set(anchor, (known = []));
    const hit = known.find((k) => k.policy === key && k.arrays.every((array, i) => array === arrays[i]));
    if (hit) return hit.value;
    const value = compute(content, policy);
    known.push({ arrays, policy: key, value });
    return value;
  };
}

/** The collections whose items' media can be blocked (posts and statuses publish no media of their own). */
export const MEDIA_COLLECTIONS = [
  'tracks',
  'playlists',
  'photos',
  'albums',
  'events',
  'videos',
  'account',
] as const satisfies readonly CollectionName[];

/**
 * Media URLs of hidden or locked items that no published item uses: HTML anywhere
 * (a blog post embedding a private photo, say) must not publish them either.
 */
export const blockedMediaUrls = oncePerSync(MEDIA_COLLECTIONS, computeBlockedMediaUrls);

function computeBlockedMediaUrls(content: Partial<AccountContent>, policy: VisibilityPolicy): Set<string> {
  const blocked = new Set<string>();
  const published = new Set<string>();
  for (const collection of MEDIA_COLLECTIONS) {
    for (const item of (content[collection] ?? []) as MediaItem[]) {
      const visibility = visibilityOfItem(item, policy);
      const urls = mediaOfItem(item);
      const publishable = visibility === 'public' ? publishedMediaOfItem(item) : new Set<string>();
      for (const url of urls) (publishable.has(url) ? published : blocked).add(url);
    }
  }
  for (const url of published) blocked.delete(url);
  return blocked;
}

/** What an item of MEDIA_COLLECTIONS gives blockedMediaUrls and the links of other entries. */
export interface SharedUse {
  visibility: Visibility;
  /** Its media URLs. */
  media: string[];
  /** Those it publishes (none unless public). */
  published: string[];
}

export function sharedUseOf(item: ContentItem, policy: VisibilityPolicy): SharedUse {
  const visibility = visibilityOfItem(item, policy);
  const media = item as MediaItem;
  return {
    visibility,
    media: mediaOfItem(media),
    published: visibility === 'public' ? [...publishedMediaOfItem(media)] : [],
  };
}

function richTextOf(options: MappingOptions): RichText {
  return options.richText ?? directRichText(options.sanitize);
}

/** Sanitized HTML with the URLs its blocked-media check looked at. */
export function sanitizerFor(
  content: Partial<AccountContent>,
  options: MappingOptions,
): (html: string | null) => { html: string | null; htmlUrls: readonly string[] } {
  const blocked = options.blocked ?? blockedMediaUrls(options.account ?? content, options.policy);
  const richText = richTextOf(options);
  return (html) => ({ html: richText.sanitize(html, blocked), htmlUrls: richText.checkedUrls(html) });
}

/**
 * The HTML an item's entry will sanitize (and whether it gets an excerpt), so it can be
 * prepared as the item arrives. Hidden items and locked posts publish no HTML.
 */
export function richTextToPrepare(
  collection: CollectionName,
  item: ContentItem,
  policy: VisibilityPolicy,
): { html: string | null; excerpt: boolean } | null {
  const visibility = visibilityOfItem(item, policy);
  if (visibility === 'hidden') return null;
  if (collection === 'blog') return visibility === 'locked' ? null : { html: (item as BlogEntry).body, excerpt: true };
  // Statuses are plain text, the account's description too; a video's player is not rich text.
  if (!('description' in item) || collection === 'account') return null;
  return { html: item.description, excerpt: false };
}

const DOWNLOAD_FORMATS = ['none', 'mp3-128', 'mp3-320', 'source'] as const;

function downloadFormat(quality: DownloadQuality) {
  return DOWNLOAD_FORMATS[quality] ?? 'none';
}

export function mapDownload(details: DownloadDetails | null): DownloadData {
  if (!details) return null;
  return {
    free: { format: downloadFormat(details.freeDownloadQuality), requireFollow: details.freeDownloadRequireFollow },
    paid: {
      format: downloadFormat(details.paidDownloadQuality),
      requireFollow: details.paidDownloadRequireFollow,
      price: details.price,
      nameYourPrice: details.fansNamePrice,
    },
  };
}

export function mapLocation(location: Location | null): LocationData {
  if (!location) return null;
  return { name: location.name, website: location.website, address: location.address ? { ...location.address } : null };
}

export function mapImages(images: ImageSet, media: MediaLookup): ImagesData {
  const out: ImagesData = {};
  for (const size of IMAGE_SIZES) {
    const variant = images[size];
    if (variant?.url) out[size] = media.image(variant.url);
  }
  return out;
}

const LARGEST_FIRST = [...IMAGE_SIZES].reverse();

/**
 * The largest self-hosted file of an image set, as a path Astro's `image()` schema helper
 * resolves into an image asset; null when assets are off, the item is locked, or nothing is
 * self-hosted.
 */
function imageAssetOf(images: ImageSet, locked: boolean, media: MediaLookup, options: MappingOptions): string | null {
  if (!options.imageAssets || locked || !media.imageFile) return null;
  for (const size of LARGEST_FIRST) {
    const url = images[size]?.url;
    const file = url ? media.imageFile(url) : undefined;
    if (file) return file;
  }
  return null;
}

/** A locked entry shows no pictures: neither remote images nor a local image asset. */
function imagesOf(images: ImageSet, locked: boolean, media: MediaLookup, options: MappingOptions) {
  return {
    images: locked ? {} : mapImages(images, media),
    imageAsset: imageAssetOf(images, locked, media, options),
  };
}

/** Which items a collection publishes (of those `only` selects), and whether each is locked. */
export function visibleItems<T extends VisibilityFacts>(
  items: readonly T[],
  policy: VisibilityPolicy,
  only?: (item: T) => boolean,
): Array<{ item: T; locked: boolean }> {
  const out: Array<{ item: T; locked: boolean }> = [];
  for (const item of items) {
    if (only && !only(item)) continue;
    const visibility: Visibility = visibilityOf(item, policy);
    if (visibility !== 'hidden') out.push({ item, locked: visibility === 'locked' });
  }
  return out;
}

const visibleIdsCache = new WeakMap<object, Map<string, ReadonlySet<number>>>();

/** Ids of the items of a collection that get an entry (once per array and policy), so links never point at a hidden item. */
function visibleIdsOf(
  items: ReadonlyArray<VisibilityFacts & { id: number }> | undefined,
  policy: VisibilityPolicy,
): ReadonlySet<number> {
  if (!items) return new Set();
  let byPolicy = visibleIdsCache.get(items);
  if (!byPolicy) visibleIdsCache.set(items, (byPolicy = new Map()));
  const key = policyKey(policy);
  let ids = byPolicy.get(key);
  if (!ids) byPolicy.set(key, (ids = new Set(visibleItems(items, policy).map(({ item }) => item.id))));
  return ids;
}

/** A playlist's tracks or an album's photos as entry ids: list order, each once, only members that get an entry. */
function visibleMembers(ids: readonly number[], visible: ReadonlySet<number>): string[] {
  return [...new Set(ids)].filter((id) => visible.has(id)).map(String);
}

/**
 * What each item's entry links to in other collections, worked out from the whole account:
 * a track's visible playlists (in playlist list order), a playlist's visible tracks, a
 * photo's first visible album (in album list order), an album's visible photos. The mappers
 * publish these, and entry-inputs.ts compares them between syncs. Posts, events, videos,
 * statuses and the account link to no other collection.
 */
export function linksOf(
  collection: CollectionName,
  content: Partial<AccountContent>,
  policy: VisibilityPolicy,
): (item: { id: number }) => string[] | string | null {
  switch (collection) {
    case 'tracks': {
      const playlistsOfTrack = playlistsOfTracks(content, policy);
      return (item) => playlistsOfTrack.get(item.id) ?? [];
    }
    case 'playlists': {
      const visibleTracks = visibleIdsOf(content.tracks, policy);
      return (item) => visibleMembers((item as PlaylistRecord).trackIds, visibleTracks);
    }
    case 'photos': {
      const albumOfPhoto = albumsOfPhotos(content, policy);
      return (item) => albumOfPhoto.get(item.id) ?? null;
    }
    case 'albums': {
      const visiblePhotos = visibleIdsOf(content.photos, policy);
      return (item) => visibleMembers((item as AlbumRecord).photoIds, visiblePhotos);
    }
    case 'blog':
    case 'events':
    case 'videos':
    case 'statuses':
    case 'account':
      return () => null;
  }
}

// Once per playlists (albums) array: entries mapped in batches ask for the same lookup many times.
const playlistsOfTracks = oncePerSync(['playlists'], (content, policy) => {
  const visiblePlaylists = visibleIdsOf(content.playlists, policy);
  const playlistsOfTrack = new Map<number, string[]>();
  for (const playlist of content.playlists ?? []) {
    if (!visiblePlaylists.has(playlist.id)) continue;
    for (const trackId of new Set(playlist.trackIds)) {
      const list = playlistsOfTrack.get(trackId) ?? [];
      list.push(String(playlist.id));
      playlistsOfTrack.set(trackId, list);
    }
  }
  return playlistsOfTrack;
});

const albumsOfPhotos = oncePerSync(['albums'], (content, policy) => {
  const visibleAlbums = visibleIdsOf(content.albums, policy);
  const albumOfPhoto = new Map<number, string>();
  for (const album of content.albums ?? []) {
    if (!visibleAlbums.has(album.id)) continue;
    for (const photoId of album.photoIds) if (!albumOfPhoto.has(photoId)) albumOfPhoto.set(photoId, String(album.id));
  }
  return albumOfPhoto;
});

function common(
  item: { id: number; created: Date; modified: Date; exclusive: boolean },
  shortUrl: string | null,
  locked: boolean,
) {
  return {
    stagebloc: { id: item.id, shortUrl },
    created: item.created,
    modified: item.modified,
    exclusive: item.exclusive,
    locked,
  };
}

/** An entry of an item with a title and a description: the fields every such entry has, then `fields`. */
function describedEntry(
  item: Parameters<typeof common>[0] & { title: string | null },
  shortUrl: string | null,
  locked: boolean,
  description: ReturnType<ReturnType<typeof sanitizerFor>>,
  fields: Record<string, unknown>,
): MappedEntry {
  return {
    id: String(item.id),
    htmlUrls: description.htmlUrls,
    data: { ...common(item, shortUrl, locked), title: item.title, descriptionHtml: description.html, ...fields },
  };
}

export function mapTracks(
  content: Pick<AccountContent, 'tracks' | 'playlists'> & Partial<AccountContent>,
  options: MappingOptions,
): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const sanitize = sanitizerFor(content, options);
  const playlistsOf = linksOf('tracks', content, options.policy);
  return visibleItems(content.tracks, options.policy, options.only).map(({ item, locked }) => {
    const stream = !locked && item.embedUrl ? media.audio(item.embedUrl) : null;
    const highQualitySource = locked ? null : freeHighQualityUrl(item);
    const highQuality = highQualitySource ? media.audio(highQualitySource) : null;
    return describedEntry(item, item.shortUrl, locked, sanitize(item.description), {
      artist: item.artist,
      streamUrl: stream?.url ?? null,
      streamBytes: stream?.bytes ?? null,
      highQualityUrl: highQuality?.url ?? null,
      highQualityBytes: highQuality?.bytes ?? null,
      duration: item.length,
      download: mapDownload(item.downloadDetails),
      playlists: playlistsOf(item),
    });
  });
}

export function mapPlaylists(
  content: Pick<AccountContent, 'tracks' | 'playlists'> & Partial<AccountContent>,
  options: MappingOptions,
): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const sanitize = sanitizerFor(content, options);
  const tracksOf = linksOf('playlists', content, options.policy) as (item: PlaylistRecord) => string[];
  return visibleItems(content.playlists, options.policy, options.only).map(({ item, locked }) => {
    const tracks = tracksOf(item);
    return describedEntry(item, item.shortUrl, locked, sanitize(item.description), {
      ...imagesOf(item.images, locked, media, options),
      trackCount: tracks.length,
      download: mapDownload(item.downloadDetails),
      tracks,
    });
  });
}

export function mapBlog(
  content: Pick<AccountContent, 'blog'> & Partial<AccountContent>,
  options: MappingOptions,
): MappedEntry[] {
  const sanitize = sanitizerFor(content, options);
  const richText = richTextOf(options);
  return visibleItems(content.blog, options.policy, options.only).map(({ item, locked }) => {
    const body = locked ? { html: '', htmlUrls: [] } : sanitize(item.body);
    return { ...blogEntry(item, locked, body.html ?? '', richText), htmlUrls: body.htmlUrls };
  });
}

/** A post's entry, given its sanitized body: the same inputs always give the same entry. */
function blogEntry(item: BlogEntry, locked: boolean, html: string, richText: RichText): MappedEntry {
  return {
    id: String(item.id),
    data: {
      ...common(item, item.shortUrl, locked),
      title: item.title,
      excerpt: locked ? '' : richText.excerpt(html),
      status: item.status === 1 ? 'published' : 'draft',
      published: item.published,
      sticky: item.sticky,
      author: item.author ? { id: item.author.id, name: item.author.name } : null,
    },
    rendered: { html },
    source: item,
  };
}

const NOTHING_BLOCKED: ReadonlySet<string> = new Set();

/**
 * The entry a post gets, built while the sync still waits on the network, given the media
 * URLs the account blocks as far as they are known (none, until every collection of
 * MEDIA_COLLECTIONS has been walked). mapBlog later gives the same entry (same rendered
 * HTML) or, if blocking changed the body, a new one. Null for a post that gets no entry.
 */
export function provisionalBlogEntry(
  item: BlogEntry,
  options: MappingOptions,
  blockedUrls: ReadonlySet<string> = NOTHING_BLOCKED,
): MappedEntry | null {
  const visibility = visibilityOf(item, options.policy);
  if (visibility === 'hidden') return null;
  const locked = visibility === 'locked';
  const richText = richTextOf(options);
  return blogEntry(item, locked, locked ? '' : (richText.sanitize(item.body, blockedUrls) ?? ''), richText);
}

export function mapPhotos(
  content: Pick<AccountContent, 'photos' | 'albums'> & Partial<AccountContent>,
  options: MappingOptions,
): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const sanitize = sanitizerFor(content, options);
  const albumOf = linksOf('photos', content, options.policy);
  return visibleItems(content.photos, options.policy, options.only).map(({ item, locked }) => {
    return describedEntry(item, null, locked, sanitize(item.description), {
      ...imagesOf(item.images, locked, media, options),
      location: mapLocation(item.location),
      album: albumOf(item),
    });
  });
}

export function mapAlbums(
  content: Pick<AccountContent, 'photos' | 'albums'> & Partial<AccountContent>,
  options: MappingOptions,
): MappedEntry[] {
  const media = options.media ?? remoteMedia;
  const sanitize = sanitizerFor(content, options);
  const photosOf = linksOf('albums', content, options.policy) as (item: AlbumRecord) => string[];
  return visibleItems(content.albums, options.policy, options.only).map(({ item, locked }) => {
    const photos = photosOf(item);
    return describedEntry(item, item.shortUrl, locked, sanitize(item.description), {
      photoCount: photos.length,
      ...imagesOf(item.images, locked, media, options),
      location: mapLocation(item.location),
      photos,
    });
  });
}

export interface CollectionMediaUrls {
  images: string[];
  /** Track streams. */
  audio: string[];
  /** Free 320 kb MP3s: published when they exist (derived URLs, so they may not). */
  highQualityAudio: string[];
}

/**
 * The media URLs the given collection's entries will publish, so they can be measured or
 * downloaded before mapping. Hidden and locked items contribute nothing. (Media inside HTML
 * fields is found after mapping, in the sanitized HTML: see media/html-media.ts.)
 */
/** The images one item's entry will publish (none for hidden or locked items). */
export function publishedImagesOf(item: ContentItem, policy: VisibilityPolicy): string[] {
  return 'images' in item && visibilityOfItem(item, policy) === 'public' ? imageUrlsOf(item.images) : [];
}

/** The URLs of an image set, smallest size first. */
function imageUrlsOf(set: ImageSet): string[] {
  const urls: string[] = [];
  for (const size of IMAGE_SIZES) if (set[size]?.url) urls.push(set[size].url);
  return urls;
}

export function mediaUrlsOf(
  collection: CollectionName,
  content: Partial<AccountContent>,
  policy: VisibilityPolicy,
  only?: (item: { id: number }) => boolean,
): CollectionMediaUrls {
  const images = new Set<string>();
  const audio = new Set<string>();
  const highQualityAudio = new Set<string>();
  const items: ReadonlyArray<ContentItem> = content[collection] ?? [];
  for (const item of items) {
    if (only && !only(item)) continue;
    if (visibilityOfItem(item, policy) !== 'public') continue;
    if ('images' in item) for (const url of imageUrlsOf(item.images)) images.add(url);
    if (collection === 'tracks' && 'embedUrl' in item && item.embedUrl) {
      audio.add(item.embedUrl);
      const highQuality = freeHighQualityUrl(item);
      if (highQuality) highQualityAudio.add(highQuality);
    }
  }
  return { images: [...images], audio: [...audio], highQualityAudio: [...highQualityAudio] };
}
