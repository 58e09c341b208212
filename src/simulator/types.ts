/**
 * The simulator's public types. Records in a DemoAccount use the docs' snake_case
 * wire keys so tests can edit them exactly as they appear on the wire; the few
 * internal relation keys (`track_ids`, `album_id`) are never serialized.
 */
import type { Format, ListWrapping, WireRecord, WireValue } from '../wire/serialize.js';

export type { Format, ListWrapping, WireRecord, WireValue };

/**
 * The image sizes the docs list, smallest first. The simulator keeps its own copy of what
 * the docs say rather than sharing the client's: it exists to check the client.
 */
export const IMAGE_SIZES = ['thumbnail', 'small', 'medium', 'large', 'original'] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];

/** A record field: any wire value, or an internal id list. */
export type DemoValue = WireValue | number[];

/** `Y-m-d H:i:s`, UTC, as the API writes dates. */
export type WireDate = string;

/** Booleans appear as `true`/`false` or (a documented quirk the simulator mixes in) `1`/`0`. */
export type WireFlag = boolean | 0 | 1;

export interface DownloadDetailsRecord extends WireRecord {
  price: number;
  fans_name_price: WireFlag;
  free_download_quality: number;
  paid_download_quality: number;
  free_download_require_follow: WireFlag;
  paid_download_require_follow: WireFlag;
}

export interface ImageRecord extends WireRecord {
  size: string;
  short_url: string;
  embed_url: string;
}

export interface LocationRecord extends WireRecord {
  id: number;
  name: string;
  website: string | null;
  address: WireRecord | null;
}

export interface TrackRecord {
  [key: string]: DemoValue;
  id: number;
  title: string;
  artist: string | null;
  raw_url: string | null;
  embed_url: string | null;
  short_url: string | null;
  description: string | null;
  created: WireDate;
  modified: WireDate;
  /** Seconds; a number or, like the docs' example, a numeric string. */
  length: number | string | null;
  exclusive: WireFlag;
  private: WireFlag;
  download_details: DownloadDetailsRecord | null;
}

export interface PlaylistRecord {
  [key: string]: DemoValue;
  id: number;
  title: string;
  description: string | null;
  created: WireDate;
  modified: WireDate;
  short_url: string | null;
  exclusive: WireFlag;
  private: WireFlag;
  download_details: DownloadDetailsRecord | null;
  images: ImageRecord[];
  /** Internal: the playlist's track ids in playlist order. `track_count` is derived from it. */
  track_ids: number[];
}

export interface BlogRecord {
  [key: string]: DemoValue;
  id: number;
  title: string;
  body: string | null;
  /** 0 draft, 1 published. */
  status: number;
  short_url: string | null;
  published: WireDate | null;
  created: WireDate;
  modified: WireDate;
  sticky: WireFlag;
  exclusive: WireFlag;
  author: WireRecord | null;
}

export interface PhotoRecord {
  [key: string]: DemoValue;
  id: number;
  title: string | null;
  description: string | null;
  exclusive: WireFlag;
  modified: WireDate;
  created: WireDate;
  images: ImageRecord[];
  location: LocationRecord | null;
  /** Internal: the album this photo belongs to. `photo_count` is derived from it. */
  album_id: number | null;
}

export interface AlbumRecord {
  [key: string]: DemoValue;
  id: number;
  title: string;
  short_url: string | null;
  description: string | null;
  private: WireFlag;
  exclusive: WireFlag;
  modified: WireDate;
  created: WireDate;
  images: ImageRecord[];
  location: LocationRecord | null;
}

export interface CollaboratorRecord extends WireRecord {
  id: number;
  name: string;
  website: string | null;
}

export interface EventRecord {
  [key: string]: DemoValue;
  id: number;
  title: string;
  /** `"21"`-style ages are a reading the client also accepts; the demo writes numbers or null. */
  minimum_age: number | null;
  buy_link: string | null;
  created: WireDate;
  modified: WireDate;
  /** The venue's wall-clock time. */
  start_date: WireDate;
  end_date: WireDate | null;
  description: string | null;
  /** A price string as in the docs (`"1.50"`), or null. */
  price: string | null;
  currency: string | null;
  url: string | null;
  short_url: string | null;
  images: ImageRecord[];
  location: LocationRecord | null;
  collaborators: CollaboratorRecord[];
  // Undocumented `sold_out` and `private` are set on some events only (through the index signature).
}

export interface VideoRecord {
  [key: string]: DemoValue;
  id: number;
  title: string;
  description: string | null;
  url: string | null;
  short_url: string | null;
  raw_url: string | null;
  created: WireDate;
  modified: WireDate;
  /** What oEmbed gives as `html` for `raw_url`. */
  embed_code: string | null;
  images: ImageRecord[];
}

export interface StatusRecord {
  [key: string]: DemoValue;
  id: number;
  url: string | null;
  short_url: string | null;
  text: string;
  published: WireDate;
  author: WireRecord | null;
}

/** An account the token's user administers (`/accounts/list`). */
export interface AccountRecord {
  [key: string]: DemoValue;
  id: number;
  name: string;
  stagebloc_url: string;
  authenticated: WireFlag;
  description: string | null;
  images: ImageRecord[];
}

/** What `/oauth2/token/info` tells (the token itself is added per request). */
export interface TokenOwnerRecord {
  /** The account the token is connected to, as token info names it. */
  account: { id: number; name: string; stagebloc_url: string };
  user: { id: number; name: string };
  application: { name: string; description: string };
}

export interface DemoArtist {
  /** The StageBloc account id (appears in audio file names, as in the docs). */
  accountId: number;
  name: string;
  bio: string;
  hometown: string;
  founded: number;
  genre: string;
  members: { name: string; role: string }[];
  website: string;
}

export interface DemoAccount {
  artist: DemoArtist;
  tracks: TrackRecord[];
  playlists: PlaylistRecord[];
  blog: BlogRecord[];
  photos: PhotoRecord[];
  albums: AlbumRecord[];
  events: EventRecord[];
  videos: VideoRecord[];
  statuses: StatusRecord[];
  /** The accounts the demo user administers; the band's own is `authenticated`. */
  accounts: AccountRecord[];
  tokenOwner: TokenOwnerRecord;
}

export interface SimulatorOptions {
  /** 0 (default) picks an ephemeral port. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 1. Same seed, same account, same demo token. */
  seed?: number;
  /** Multiplies the account's size; 1 (default) is the demo account. */
  scale?: number;
  /** Delay added to every API request (not media). */
  latencyMs?: number;
  /** Delay added to every media-origin request (a CDN round trip); default 0. */
  mediaLatencyMs?: number;
  /** The largest `limit` honoured; larger limits are capped silently. */
  pageSizeCap?: number;
  /** Lifetime of client_credentials tokens. Default 1209600 (14 days, as in the reference doc). */
  tokenTtlSeconds?: number;
  /**
   * The simulator's clock: which events are past or upcoming, and the day the demo tour is
   * dated around. Default: the real clock (the tour looks upcoming on the day it runs).
   * Tests pass a fixed instant (`'2026-12-06T12:00:00Z'`) so both are deterministic.
   */
  now?: Date | string | number;
  /** Serve this account instead of generating one. */
  account?: DemoAccount;
  /** Default true. When false, prints one access-log line per API request to stderr (never headers or tokens). */
  quiet?: boolean;
  /** Largest accepted `audio_data` upload in bytes; default 200 MB (the docs' limit). Tests lower it. */
  maxUploadBytes?: number;
  /**
   * The non-expiring API token the simulator accepts (and reports as `token`) instead of
   * the seed's demo token. Tests pass a literal canary (e.g. 'CANARY-TOKEN-7f3e9a1c') so a
   * leak search looks for a string nothing else could produce. Visible ASCII, no spaces.
   */
  accessToken?: string;
  /**
   * Answer like another implementation of the same docs: the element each nested list's
   * members are wrapped in (`{ tracks: 'track' }`), or null for bare members. Lists not
   * named keep the docs' wrapping.
   */
  listWrapping?: ListWrapping;
  /**
   * Called after a request changed the account (a track created or edited through
   * `/audio/edit`), so a dev server running the simulator can re-sync what it shows. The
   * answer waits for it (a failure is ignored): when the edit returns, a reload shows it.
   */
  onChange?: () => void | Promise<void>;
}

export interface RequestLogEntry {
  method: string;
  /** e.g. '/2.0/audio/list.json' (no query). */
  path: string;
  /** e.g. '/audio/list'; '/oauth2/token'; '/connect'. */
  endpoint: string;
  /** The format the extension asked for; null where there is none (`/connect`, media). */
  format: Format | null;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** 0 while in flight, and for requests that got no response (reset, stalled before headers). */
  status: number;
  /** Response body bytes written. */
  bodyBytes: number;
  /** The injected fault that shaped this response, if any. */
  fault?: Fault['kind'];
  /** How long the simulator held the answer on purpose (latencyMs, mediaLatencyMs, latency faults). */
  delayMs?: number;
  /** When the request arrived and when its answer was closed (ms since the epoch, fractional): how full the client kept the pipe. */
  receivedAt?: number;
  closedAt?: number;
}

export type FaultKind =
  | 'status'
  | 'rate-limit'
  | 'stall'
  | 'slow-body'
  | 'truncate'
  | 'reset'
  | 'malformed'
  | 'latency';

export interface Fault {
  kind: FaultKind;
  /** Endpoint prefix such as '/audio/list'; absent matches every API request. */
  path?: string;
  /** Let this many matching requests pass first. */
  skip?: number;
  /** How many matching requests it applies to; default 1; Infinity allowed. */
  times?: number;
  /** `status`: the HTTP status (default 503). */
  status?: number;
  /** `rate-limit`: the Retry-After value, seconds or an HTTP-date (default '1'). */
  retryAfter?: string;
  /** `latency`: the delay (default 1000 ms). */
  delayMs?: number;
  /** `slow-body`: drip rate (default 512 bytes/s). */
  bytesPerSecond?: number;
  /** `stall`: 'body' (default) sends the headers and part of the body, then nothing; 'headers' never answers at all. */
  phase?: 'headers' | 'body';
}

export interface Simulator {
  /** 'http://127.0.0.1:PORT/2.0/' */
  apiUrl: string;
  /** 'http://127.0.0.1:PORT' */
  origin: string;
  /** A second listener serving images and MP3s, like StageBloc's CDN on its own origin. */
  mediaOrigin: string;
  /** The demo access token (non-expiring, deterministic from the seed), or `accessToken` when given. */
  token: string;
  clientId: string;
  clientSecret: string;
  /** A fresh single-use authorization code (GET /connect issues them too). */
  issueCode(redirectUri?: string): string;
  /** Live data: edits show up in the next response. */
  account: DemoAccount;
  /** Live: see SimulatorOptions.listWrapping. */
  listWrapping: ListWrapping | undefined;
  /** Every request to the API origin, oldest first. */
  requests: RequestLogEntry[];
  /** Every request to the media origin, oldest first. */
  mediaRequests: RequestLogEntry[];
  clearRequests(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  close(): Promise<void>;
}
