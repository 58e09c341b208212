/**
 * createDemoAccount: the bundled, deterministic demo account (a fictional band)
 * the simulator serves. Same seed and scale, same account, byte for byte;
 * dates are relative to a fixed reference time, never the clock.
 */
import { ARTIST } from './demo-content.js';
import { BASE_POST_COUNT, generateBlog } from './demo-blog.js';
import { BASE_PLAYLIST_COUNT, BASE_TRACK_COUNT, generateMusic } from './demo-music.js';
import { BASE_ALBUM_COUNT, BASE_PHOTO_COUNT, generatePhotos } from './demo-photos.js';
import { createRandom } from './random.js';
import type { DemoAccount } from './types.js';

export interface DemoAccountOptions {
  /** Default 1. */
  seed?: number;
  /** Multiplies every collection's size; 1 (default) is the hand-written account. */
  scale?: number;
  /** Origin the media URLs point at, e.g. the simulator's `mediaOrigin`. */
  mediaBaseUrl: string;
}

export function createDemoAccount(o: DemoAccountOptions): DemoAccount {
  const seed = o.seed ?? 1;
  const scale = o.scale ?? 1;
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const count = (base: number) => Math.max(1, Math.round(base * scale));
  // One generator per collection, so growing one collection never reshuffles another.
  const music = generateMusic({
    random: createRandom(seed * 4 + 1),
    mediaBaseUrl: o.mediaBaseUrl,
    trackCount: count(BASE_TRACK_COUNT),
    playlistCount: count(BASE_PLAYLIST_COUNT),
  });
  const { photos, albums } = generatePhotos({
    random: createRandom(seed * 4 + 2),
    mediaBaseUrl: o.mediaBaseUrl,
    albumCount: count(BASE_ALBUM_COUNT),
    photoCount: count(BASE_PHOTO_COUNT),
  });
  const blog = generateBlog({ random: createRandom(seed * 4 + 3), postCount: count(BASE_POST_COUNT), photos });
  return {
    artist: structuredClone(ARTIST),
    tracks: music.tracks,
    playlists: music.playlists,
    blog,
    photos,
    albums,
  };
}
