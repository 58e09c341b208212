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
