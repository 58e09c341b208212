/**
 * Account records → the wire records an endpoint sends: documented keys only,
 * in the docs' order, with derived counts (`track_count`, `photo_count`) and
 * internal relation keys (`track_ids`, `album_id`) left out.
 */
import type { WireRecord, WireValue } from '../wire/serialize.js';
import type {
  AccountRecord,
  AlbumRecord,
  BlogRecord,
  DemoValue,
  EventRecord,
  PhotoRecord,
  PlaylistRecord,
  StatusRecord,
  TrackRecord,
  VideoRecord,
} from './types.js';

const TRACK_KEYS = [
  'id',
  'title',
  'artist',
  'raw_url',
  'embed_url',
  'short_url',
  'description',
  'created',
  'modified',
  'length',
  'exclusive',
  'private',
  'download_details',
];
const PLAYLIST_KEYS = [
  'id',
  'title',
  'description',
  'created',
  'modified',
  'short_url',
  'exclusive',
  'private',
  'download_details',
  'images',
];
const BLOG_KEYS = [
  'id',
  'title',
  'body',
  'status',
  'short_url',
  'published',
  'created',
  'modified',
  'sticky',
  'exclusive',
  'private',
  'author',
];
const PHOTO_KEYS = ['id', 'title', 'description', 'exclusive', 'private', 'modified', 'created', 'images', 'location'];
// The docs' order, then the undocumented fields some records carry.
const EVENT_KEYS = [
  'id',
  'title',
  'minimum_age',
  'buy_link',
  'created',
  'modified',
  'start_date',
  'end_date',
  'description',
  'price',
  'currency',
  'url',
  'short_url',
  'images',
  'location',
  'collaborators',
  'sold_out',
  'private',
];
const VIDEO_KEYS = [
  'id',
  'title',
  'description',
  'url',
  'short_url',
  'raw_url',
  'created',
  'modified',
  'embed_code',
  'images',
  'private',
];
const STATUS_KEYS = ['id', 'url', 'short_url', 'text', 'published', 'author', 'private'];
const ACCOUNT_KEYS = ['id', 'name', 'stagebloc_url', 'authenticated', 'description', 'images'];
const ALBUM_KEYS_BEFORE_COUNT = ['id', 'title', 'short_url'];
const ALBUM_KEYS_AFTER_COUNT = ['description', 'private', 'exclusive', 'modified', 'created', 'images', 'location'];

function pick(
  record: Record<string, DemoValue | undefined>,
  keys: readonly string[],
  out: WireRecord = {},
): WireRecord {
  for (const key of keys) {
    const value = record[key];
    // Absent keys stay absent (e.g. `private` on most blog posts); id lists never go out.
    if (value === undefined || isIdList(value)) continue;
    out[key] = value as WireValue;
  }
  return out;
}

function isIdList(value: DemoValue): value is number[] {
  return Array.isArray(value) && value.length > 0 && typeof value[0] === 'number';
}

export function trackToWire(track: TrackRecord): WireRecord {
  return pick(track, TRACK_KEYS);
}

/** `tracksById` resolves the playlist's track ids; ids of deleted tracks are skipped. */
export function playlistToWire(
  playlist: PlaylistRecord,
  tracksById: ReadonlyMap<number, TrackRecord>,
  includeTracks: boolean,
): WireRecord {
  const out = pick(playlist, PLAYLIST_KEYS);
  const tracks = playlistTracks(playlist, tracksById);
  out.track_count = tracks.length;
  if (includeTracks) out.tracks = tracks.map(trackToWire);
  return out;
}

export function playlistTracks(playlist: PlaylistRecord, tracksById: ReadonlyMap<number, TrackRecord>): TrackRecord[] {
  const out: TrackRecord[] = [];
  for (const id of playlist.track_ids ?? []) {
    const track = tracksById.get(id);
    if (track) out.push(track);
  }
  return out;
}

export function blogToWire(post: BlogRecord): WireRecord {
  return pick(post, BLOG_KEYS);
}

export function photoToWire(photo: PhotoRecord): WireRecord {
  return pick(photo, PHOTO_KEYS);
}

export function albumToWire(album: AlbumRecord, photoCount: number): WireRecord {
  const out = pick(album, ALBUM_KEYS_BEFORE_COUNT);
  out.photo_count = photoCount;
  return pick(album, ALBUM_KEYS_AFTER_COUNT, out);
}

export function eventToWire(event: EventRecord): WireRecord {
  return pick(event, EVENT_KEYS);
}

export function videoToWire(video: VideoRecord): WireRecord {
  return pick(video, VIDEO_KEYS);
}

export function statusToWire(status: StatusRecord): WireRecord {
  return pick(status, STATUS_KEYS);
}

export function accountToWire(account: AccountRecord): WireRecord {
  return pick(account, ACCOUNT_KEYS);
}
