/**
 * Zod schemas of the collection entries (the "Collection entry data" contract in
 * DEVELOPERS.md). `getCollection()` types are inferred from these.
 */
import type { SchemaContext } from 'astro/content/config';
import { z } from 'astro/zod';
import type { DownloadData, ImageData, ImagesData, LocationData } from '../content/entry-data.js';
import { reference } from './reference.js';

const nullableString = z.string().nullable();

export const stageblocRefSchema = z.object({ id: z.number().int(), shortUrl: nullableString });

export const imageSchema = z.object({
  /** Remote CDN URL (`media: 'remote'`) or a site-local path (`media: 'self-host'`). */
  url: z.string(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});

export const imagesSchema = z
  .object({
    thumbnail: imageSchema.optional(),
    small: imageSchema.optional(),
    medium: imageSchema.optional(),
    large: imageSchema.optional(),
    original: imageSchema.optional(),
  })
  .strict();

export const downloadFormatSchema = z.enum(['none', 'mp3-128', 'mp3-320', 'source']);

export const downloadSchema = z
  .object({
    free: z.object({ format: downloadFormatSchema, requireFollow: z.boolean() }),
    paid: z.object({
      format: downloadFormatSchema,
      requireFollow: z.boolean(),
      price: z.number().nonnegative(),
      nameYourPrice: z.boolean(),
    }),
  })
  .nullable();

export const locationSchema = z
  .object({
    name: z.string(),
    website: nullableString,
    address: z
      .object({
        streetAddress: nullableString,
        city: nullableString,
        stateProvince: nullableString,
        postalCode: nullableString,
        country: nullableString,
      })
      .nullable(),
  })
  .nullable();

const common = {
  stagebloc: stageblocRefSchema,
  created: z.coerce.date(),
  modified: z.coerce.date(),
  exclusive: z.boolean(),
  /** An exclusive item kept without its media URLs/body (visibility policy). */
  locked: z.boolean(),
};

export const tracksSchema = z.object({
  ...common,
  title: z.string(),
  artist: nullableString,
  descriptionHtml: nullableString,
  /** 128 kb MP3 stream; null when locked. */
  streamUrl: nullableString,
  /** Size of the stream file: known with `media: 'self-host'` (the file is in the build), else null. */
  streamBytes: z.number().int().nonnegative().nullable(),
  /**
   * The 320 kb MP3, only when the free download offers it (320 kb or source) without a follow:
   * a local path with `media: 'self-host'`, else StageBloc's CDN URL. null otherwise or when locked.
   */
  highQualityUrl: nullableString,
  /** Size of the 320 kb file when self-hosted, else null. */
  highQualityBytes: z.number().int().nonnegative().nullable(),
  /** Seconds. */
  duration: z.number().nonnegative().nullable(),
  download: downloadSchema,
  playlists: z.array(reference('playlists')),
});

export const playlistsSchema = z.object({
  ...common,
  title: z.string(),
  descriptionHtml: nullableString,
  images: imagesSchema,
  /** Visible tracks in the playlist (the length of `tracks`). */
  trackCount: z.number().int().nonnegative(),
  download: downloadSchema,
  /** Playlist order, visible tracks only. */
  tracks: z.array(reference('tracks')),
});

export const blogSchema = z.object({
  ...common,
  title: z.string(),
  /** Plain text; empty when locked. */
  excerpt: z.string(),
  status: z.enum(['published', 'draft']),
  published: z.coerce.date().nullable(),
  sticky: z.boolean(),
  author: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

export const photosSchema = z.object({
  ...common,
  title: nullableString,
  descriptionHtml: nullableString,
  images: imagesSchema,
  location: locationSchema,
  album: reference('albums').nullable(),
});

export const albumsSchema = z.object({
  ...common,
  title: z.string(),
  descriptionHtml: nullableString,
  /** Visible photos in the album (the length of `photos`). */
  photoCount: z.number().int().nonnegative(),
  images: imagesSchema,
  location: locationSchema,
  photos: z.array(reference('photos')),
});

const identityAndDates = {
  stagebloc: stageblocRefSchema,
  created: z.coerce.date(),
  modified: z.coerce.date(),
};

/** A venue wall-clock time without an offset, `2013-01-04T13:00:00`. */
const wallClockSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);

export const eventsSchema = z.object({
  ...identityAndDates,
  title: z.string(),
  descriptionHtml: nullableString,
  /** The venue's wall-clock time as StageBloc gives it (no zone): which zone is the site's to say. */
  startLocal: wallClockSchema,
  endLocal: wallClockSchema.nullable(),
  location: locationSchema,
  collaborators: z.array(z.object({ id: z.number().int().nullable(), name: z.string(), website: nullableString })),
  /** As StageBloc writes it (`"1.50"`), with its currency; null when the event has no price. */
  price: z.object({ amount: z.string(), currency: nullableString }).nullable(),
  /** A price of zero. */
  free: z.boolean(),
  /** Undocumented `sold_out`; false when absent. */
  soldOut: z.boolean(),
  buyLink: nullableString,
  /** null or 0: all ages. */
  minimumAge: z.number().int().nonnegative().nullable(),
  images: imagesSchema,
});

export const videosSchema = z.object({
  ...identityAndDates,
  title: z.string(),
  descriptionHtml: nullableString,
  /** The video on its own service (YouTube, Vimeo, …). */
  rawUrl: nullableString,
  /** `embed_code` after the embed-host allowlist (iframes only); null when nothing survived. */
  embedHtml: nullableString,
  /** The https `src` of the first allowlisted iframe: what a click-to-load player opens. */
  embedUrl: nullableString,
  images: imagesSchema,
});

export const statusesSchema = z.object({
  stagebloc: stageblocRefSchema,
  /** Plain text. */
  text: z.string(),
  published: z.coerce.date(),
  author: z.object({ id: z.number().int(), name: z.string() }).nullable(),
});

export const accountSchema = z.object({
  stagebloc: stageblocRefSchema,
  name: z.string(),
  /** Plain text. */
  description: nullableString,
  /** The account's path on StageBloc (`stagebloc.com/<slug>/`). */
  slug: nullableString,
  images: imagesSchema,
});

export const collectionSchemas = {
  tracks: tracksSchema,
  playlists: playlistsSchema,
  blog: blogSchema,
  photos: photosSchema,
  albums: albumsSchema,
  events: eventsSchema,
  videos: videosSchema,
  statuses: statusesSchema,
  account: accountSchema,
} as const;

/**
 * Schemas for `imageAssets: true`: photos, albums and playlists gain `imageAsset`, the
 * largest self-hosted image as an Astro image (`ImageMetadata`, through the `image()` schema
 * helper), for `<Image>`/`<Picture>`/`getImage()`. Astro only offers `image()` to a
 * collection's own schema, so these are functions for `defineCollection({ schema })`:
 *
 *   defineCollection({ loader: photosLoader({ media: 'self-host', imageAssets: true }), schema: imageAssetSchemas.photos })
 */
export const imageAssetSchemas = {
  playlists: ({ image }: SchemaContext) => playlistsSchema.extend({ imageAsset: image().nullable() }),
  photos: ({ image }: SchemaContext) => photosSchema.extend({ imageAsset: image().nullable() }),
  albums: ({ image }: SchemaContext) => albumsSchema.extend({ imageAsset: image().nullable() }),
} as const;

export type TrackData = z.output<typeof tracksSchema>;
export type PlaylistData = z.output<typeof playlistsSchema>;
export type BlogData = z.output<typeof blogSchema>;
export type PhotoData = z.output<typeof photosSchema>;
export type AlbumData = z.output<typeof albumsSchema>;
export type EventData = z.output<typeof eventsSchema>;
export type VideoData = z.output<typeof videosSchema>;
export type StatusData = z.output<typeof statusesSchema>;
export type AccountData = z.output<typeof accountSchema>;
export type { DownloadData, ImageData, ImagesData, LocationData } from '../content/entry-data.js';

// The schemas produce exactly what mapping builds (content/entry-data.ts), in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _SchemasMatchEntryData = [
  Assert<Same<z.output<typeof imageSchema>, ImageData>>,
  Assert<Same<z.output<typeof imagesSchema>, ImagesData>>,
  Assert<Same<z.output<typeof downloadSchema>, DownloadData>>,
  Assert<Same<z.output<typeof locationSchema>, LocationData>>,
];
