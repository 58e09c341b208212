/**
 * createDemoAccount: the bundled, deterministic demo account (a fictional band)
 * the simulator serves. Same seed, scale and clock day, same account, byte for byte;
 * dates are relative to a fixed reference time, except the tour's, which are placed
 * around the clock's day so that it has shows to come.
 */
import { ARTIST } from './demo-content.js';
import { BASE_POST_COUNT, generateBlog } from './demo-blog.js';
import { BASE_PLAYLIST_COUNT, BASE_TRACK_COUNT, generateMusic } from './demo-music.js';
import { BASE_ALBUM_COUNT, BASE_PHOTO_COUNT, generatePhotos } from './demo-photos.js';
import { BASE_EVENT_COUNT, generateEvents } from './demo-events.js';
import { demoAccounts, demoTokenOwner } from './demo-profile.js';
import { BASE_STATUS_COUNT, generateStatuses } from './demo-statuses.js';
import { BASE_VIDEO_COUNT, generateVideos } from './demo-videos.js';
import { createRandom } from './random.js';
import { DEMO_REFERENCE_TIME } from './dates.js';
import type { DemoAccount } from './types.js';

export interface DemoAccountOptions {
  /** Default 1. */
  seed?: number;
  /** Multiplies every collection's size; 1 (default) is the hand-written account. */
  scale?: number;
  /** Origin the media URLs point at, e.g. the simulator's `mediaOrigin`. */
  mediaBaseUrl: string;
  /** The clock (ms) the tour is dated around. Default: the reference time. */
  now?: number;
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
    ...generateFinalApiContent({
      seed,
      mediaBaseUrl: o.mediaBaseUrl,
      now: o.now ?? DEMO_REFERENCE_TIME,
      eventCount: count(BASE_EVENT_COUNT),
      videoCount: count(BASE_VIDEO_COUNT),
      statusCount: count(BASE_STATUS_COUNT),
    }),
  };
}

export interface FinalApiContentOptions {
  seed: number;
  mediaBaseUrl: string;
  now: number;
  eventCount: number;
  videoCount: number;
  statusCount: number;
}

/** What the final docs added: the tour, videos, statuses, and who the token belongs to. */
export function generateFinalApiContent(
  o: FinalApiContentOptions,
): Pick<DemoAccount, 'events' | 'videos' | 'statuses' | 'accounts' | 'tokenOwner'> {
  // Seeds apart from the first collections' (seed * 4 + 1…3), so those stay as they were.
  const random = (n: number) => createRandom(o.seed * 4 + 1_000_003 * n);
  return {
    events: generateEvents({ random: random(1), mediaBaseUrl: o.mediaBaseUrl, now: o.now, count: o.eventCount }),
    videos: generateVideos({ random: random(2), mediaBaseUrl: o.mediaBaseUrl, count: o.videoCount }),
    statuses: generateStatuses({ random: random(3), count: o.statusCount }),
    accounts: demoAccounts(o.mediaBaseUrl),
    tokenOwner: demoTokenOwner(),
  };
}
