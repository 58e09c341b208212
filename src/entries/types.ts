/**
 * The collection entries components and feeds take as props: the loaders' output as
 * described in DEVELOPERS.md ("Collection entry data"). Typed structurally so that
 * entries from `getCollection()` fit without casts, and so that components never
 * depend on the loaders' code (data flows one way: store → components).
 */

export type ImageSizeName = 'thumbnail' | 'small' | 'medium' | 'large' | 'original';

/** `url` is remote (media: 'remote') or a site path (self-hosted media). */
export interface EntryImage {
  url: string;
  width?: number | undefined;
  height?: number | undefined;
}

export type EntryImages = Partial<Record<ImageSizeName, EntryImage>>;

export type DownloadFormat = 'none' | 'mp3-128' | 'mp3-320' | 'source';

export type EntryDownload = {
  free: { format: DownloadFormat; requireFollow: boolean };
  paid: { format: DownloadFormat; requireFollow: boolean; price: number; nameYourPrice: boolean };
} | null;

export interface EntryAddress {
  streetAddress: string | null;
  city: string | null;
  stateProvince: string | null;
  postalCode: string | null;
  country: string | null;
}

export type EntryLocation = {
  name: string;
  website: string | null;
  address: EntryAddress | null;
} | null;

export interface StageBlocIdentity {
  id: number;
  shortUrl: string | null;
}

/** What `reference()` fields hold in the store. */
export interface EntryReference {
  collection: string;
  id: string;
}

export interface TrackData {
  stagebloc: StageBlocIdentity;
  title: string;
  artist: string | null;
  descriptionHtml: string | null;
  /** 128 kb MP3; null when locked. */
  streamUrl: string | null;
  /** Byte size of the stream when the loaders self-host it (`media: 'self-host'`), else null. */
  streamBytes?: number | null;
  /** The free 320 kb MP3 (only when the free download offers it without a follow): local path when self-hosted, else the CDN URL. */
  highQualityUrl?: string | null;
  /** Byte size of the self-hosted 320 kb MP3, else null. */
  highQualityBytes?: number | null;
  /** Seconds. */
  duration: number | null;
  created: Date;
  modified: Date;
  exclusive: boolean;
  locked: boolean;
  download: EntryDownload;
  playlists?: EntryReference[];
  /** Not part of the contract (loaders drop private items); checked defensively by feeds. */
  private?: boolean;
}

export interface PlaylistData {
  stagebloc: StageBlocIdentity;
  title: string;
  descriptionHtml: string | null;
  created: Date;
  modified: Date;
  exclusive: boolean;
  locked: boolean;
  images: EntryImages;
  trackCount: number;
  download: EntryDownload;
  /** Playlist order, visible tracks only. */
  tracks?: EntryReference[];
  private?: boolean;
}

export interface BlogData {
  stagebloc: StageBlocIdentity;
  title: string;
  /** Plain text. */
  excerpt: string;
  status: 'published' | 'draft';
  published: Date | null;
  created: Date;
  modified: Date;
  sticky: boolean;
  exclusive: boolean;
  locked: boolean;
  author: { id: number; name: string } | null;
  private?: boolean;
}

export interface PhotoData {
  stagebloc: StageBlocIdentity;
  title: string | null;
  descriptionHtml: string | null;
  created: Date;
  modified: Date;
  exclusive: boolean;
  locked: boolean;
  images: EntryImages;
  location: EntryLocation;
  album?: EntryReference | null;
  private?: boolean;
}

export interface AlbumData {
  stagebloc: StageBlocIdentity;
  title: string;
  descriptionHtml: string | null;
  photoCount: number;
  created: Date;
  modified: Date;
  exclusive: boolean;
  locked: boolean;
  images: EntryImages;
  location: EntryLocation;
  photos?: EntryReference[];
  private?: boolean;
}

export interface Entry<D> {
  /** The StageBloc id as a string. */
  id: string;
  collection?: string;
  data: D;
}

export type TrackEntry = Entry<TrackData>;
export type PlaylistEntry = Entry<PlaylistData>;
export type PhotoEntry = Entry<PhotoData>;
export type AlbumEntry = Entry<AlbumData>;
/** `rendered.html` is the sanitized body (empty when locked). */
export type BlogEntry = Entry<BlogData> & { rendered?: { html: string } | undefined };

/* The rest of the final API 2.0 (events, videos, statuses, the account). */

export interface EntryCollaborator {
  id: number | null;
  name: string;
  website: string | null;
}

export interface EventData {
  stagebloc: StageBlocIdentity;
  title: string;
  descriptionHtml: string | null;
  /**
   * The venue's wall-clock time as StageBloc gives it (no zone), ISO 8601 without offset:
   * "2013-01-04T13:00:00". Which zone it is in is the site's to say (see entries/events.ts).
   */
  startLocal: string;
  endLocal: string | null;
  created: Date;
  modified: Date;
  location: EntryLocation;
  collaborators: EntryCollaborator[];
  /** As StageBloc writes it ("1.50"), with its currency; null when the event has no price. */
  price: { amount: string; currency: string | null } | null;
  /** A price of zero. */
  free: boolean;
  /** Undocumented `sold_out` (accepted as 1/0, true/false, "yes"/"no"); false when absent. */
  soldOut: boolean;
  buyLink: string | null;
  /** null or 0: all ages. */
  minimumAge: number | null;
  images: EntryImages;
  private?: boolean;
}

export interface VideoData {
  stagebloc: StageBlocIdentity;
  title: string;
  descriptionHtml: string | null;
  created: Date;
  modified: Date;
  /** The video on its own service (YouTube, Vimeo, …), http(s) or null. */
  rawUrl: string | null;
  /** `embed_code` after the blog's embed-host allowlist; null when nothing survived. */
  embedHtml: string | null;
  /** The `src` of the allowlisted iframe in `embedHtml` (https), what a click-to-load player opens. */
  embedUrl: string | null;
  images: EntryImages;
  private?: boolean;
}

export interface StatusData {
  stagebloc: StageBlocIdentity;
  /** Plain text, control characters removed. */
  text: string;
  published: Date;
  author: { id: number; name: string } | null;
  private?: boolean;
}

/** The one entry of the `account` collection: the artist's profile. */
export interface AccountData {
  stagebloc: StageBlocIdentity;
  name: string;
  /** Plain text. */
  description: string | null;
  /** The account's path on StageBloc (`stagebloc.com/<slug>/`). */
  slug: string | null;
  images: EntryImages;
}

export type EventEntry = Entry<EventData>;
export type VideoEntry = Entry<VideoData>;
export type StatusEntry = Entry<StatusData>;
export type AccountEntry = Entry<AccountData>;
