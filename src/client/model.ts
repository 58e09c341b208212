/**
 * The normalized, format-independent objects the client returns. JSON and XML
 * responses for the same data normalize to deep-equal values of these types.
 * The zod schemas in normalize.ts produce exactly these shapes.
 */

export type Format = 'json' | 'xml';

export const IMAGE_SIZES = ['thumbnail', 'small', 'medium', 'large', 'original'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

export interface ImageVariant {
  /** `embed_url`: the CDN URL of the file. */
  url: string;
  /** `short_url`: StageBloc's short link to the image page. */
  shortUrl: string | null;
}

/** The sizes an item has, keyed by size name. Sizes the API did not send are absent. */
export type ImageSet = Partial<Record<ImageSize, ImageVariant>>;

/** 0 not downloadable, 1 128 kb MP3, 2 320 kb MP3, 3 source WAV/AIFF. */
export type DownloadQuality = 0 | 1 | 2 | 3;

export interface DownloadDetails {
  /** USD. */
  price: number;
  fansNamePrice: boolean;
  freeDownloadQuality: DownloadQuality;
  paidDownloadQuality: DownloadQuality;
  freeDownloadRequireFollow: boolean;
  paidDownloadRequireFollow: boolean;
}

export interface Address {
  streetAddress: string | null;
  city: string | null;
  stateProvince: string | null;
  postalCode: string | null;
  country: string | null;
}

export interface Location {
  id: number;
  name: string;
  website: string | null;
  address: Address | null;
}

export interface Track {
  id: number;
  title: string;
  artist: string | null;
  /** `raw_url`: source file URL, usually null. */
  rawUrl: string | null;
  /** `embed_url`: the 128 kb MP3 stream. */
  embedUrl: string | null;
  shortUrl: string | null;
  /** May contain HTML; not sanitized by the client. */
  description: string | null;
  created: Date;
  modified: Date;
  /** Seconds. */
  length: number | null;
  exclusive: boolean;
  private: boolean;
  downloadDetails: DownloadDetails | null;
}

export interface Playlist {
  id: number;
  title: string;
  description: string | null;
  created: Date;
  modified: Date;
  shortUrl: string | null;
  exclusive: boolean;
  private: boolean;
  downloadDetails: DownloadDetails | null;
  images: ImageSet;
  trackCount: number;
  /** Present only when requested with `include_tracks=1`, in playlist order. */
  tracks?: Track[];
}

export interface Author {
  id: number;
  name: string;
}

export interface BlogEntry {
  id: number;
  title: string;
  /** HTML; not sanitized by the client. */
  body: string | null;
  /** 0 draft, 1 published. */
  status: 0 | 1;
  shortUrl: string | null;
  published: Date | null;
  created: Date;
  modified: Date;
  sticky: boolean;
  exclusive: boolean;
  /** Not in the documented example; false when absent. */
  private: boolean;
  author: Author | null;
}

export interface Photo {
  id: number;
  title: string | null;
  description: string | null;
  exclusive: boolean;
  /** Not in the documented example; false when absent. */
  private: boolean;
  created: Date;
  modified: Date;
  images: ImageSet;
  location: Location | null;
}

export interface Album {
  id: number;
  title: string;
  shortUrl: string | null;
  photoCount: number;
  description: string | null;
  private: boolean;
  exclusive: boolean;
  created: Date;
  modified: Date;
  images: ImageSet;
  location: Location | null;
}

/** Someone else involved in an event (`collaborators`). The docs show an id; it may be absent. */
export interface Collaborator {
  id: number | null;
  name: string;
  website: string | null;
}

/**
 * `start_date`/`end_date` are kept as the wall-clock text the API sent, in ISO form without an
 * offset (`2013-01-04T13:00:00`): the docs say every date is UTC, but a show's time is the
 * venue's, so which zone it is in stays the reader's decision.
 */
export type WallClockTime = string;

export interface Event {
  id: number;
  title: string;
  /** May contain HTML; not sanitized by the client. */
  description: string | null;
  /** The event's page on StageBloc. */
  url: string | null;
  shortUrl: string | null;
  created: Date;
  modified: Date;
  startDate: WallClockTime;
  endDate: WallClockTime | null;
  /** As the API writes it (`"1.50"`); null when the event has none. */
  price: string | null;
  currency: string | null;
  /** An external ticket shop. */
  buyLink: string | null;
  minimumAge: number | null;
  /** Not in the docs; false when absent. */
  soldOut: boolean;
  /** Not in the docs; false when absent. */
  private: boolean;
  images: ImageSet;
  location: Location | null;
  collaborators: Collaborator[];
}

export interface Video {
  id: number;
  title: string;
  /** May contain HTML; not sanitized by the client. */
  description: string | null;
  url: string | null;
  shortUrl: string | null;
  /** The video on its own service (YouTube, Vimeo, …). */
  rawUrl: string | null;
  created: Date;
  modified: Date;
  /** The player HTML (oEmbed's `html`); not sanitized by the client. */
  embedCode: string | null;
  /** Not in the docs; false when absent. */
  private: boolean;
  images: ImageSet;
}

export interface Status {
  id: number;
  text: string;
  url: string | null;
  shortUrl: string | null;
  published: Date;
  author: Author | null;
  /** Not in the docs; false when absent. */
  private: boolean;
}

/** An account the token's user administers (`/accounts/list`). */
export interface Account {
  id: number;
  name: string;
  /** The account's path: `stagebloc.com/<stageblocUrl>/`. */
  stageblocUrl: string | null;
  /** Whether the access token is connected to this account. */
  authenticated: boolean;
  description: string | null;
  images: ImageSet;
}

/**
 * `/oauth2/token/info`: who and what the access token belongs to. The answer also repeats
 * the token; it is never kept.
 */
export interface TokenInfo {
  account: { id: number; name: string; stageblocUrl: string | null } | null;
  user: { id: number; name: string } | null;
  application: { name: string; description: string | null } | null;
}

/** One page of a list endpoint. */
export interface ListPage<T> {
  total: number;
  items: T[];
}
