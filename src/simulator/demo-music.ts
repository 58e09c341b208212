/**
 * The demo account's tracks and playlists: the hand-written releases first,
 * then (for scale > 1) procedural "session tape" playlists.
 */
import { ARTIST, RELEASES, TRACK_NOTES, type Release } from './demo-content.js';
import { audioLengthForId } from './media-manifest.js';
import { audioPath, joinMediaUrl } from './media-urls.js';
import type { Random } from './random.js';
import {
  downloadDetails,
  idSequence,
  imageSet,
  laterTime,
  parseUtc,
  randomHistoryTime,
  wireDate,
} from './record-parts.js';
import { shortUrl } from './short-url.js';
import type { PlaylistRecord, TrackRecord } from './types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Playlist covers are images that are not in any photo album; their ids live far above the photos'. */
export const COVER_IMAGE_ID_BASE = 5_000_000;

export const BASE_TRACK_COUNT = new Set(RELEASES.flatMap((r) => r.tracks)).size;
export const BASE_PLAYLIST_COUNT = RELEASES.length;

interface MusicOptions {
  random: Random;
  mediaBaseUrl: string;
  trackCount: number;
  playlistCount: number;
}

export function generateMusic(o: MusicOptions): { tracks: TrackRecord[]; playlists: PlaylistRecord[] } {
  const { random, mediaBaseUrl } = o;
  const nextTrackId = idSequence(random, 300);
  const nextPlaylistId = idSequence(random, 40);
  const tracks: TrackRecord[] = [];
  const playlists: PlaylistRecord[] = [];
  const byTitle = new Map<string, TrackRecord>();

  const newTrack = (title: string, createdMs: number, release: Release | null): TrackRecord => {
    const id = nextTrackId();
    const created = wireDate(createdMs);
    const note = TRACK_NOTES[title] ?? {};
    const length = audioLengthForId(id);
    const offer = note.noDownload ? null : (release?.download ?? null);
    const track: TrackRecord = {
      id,
      title,
      artist: note.artist !== undefined ? note.artist : ARTIST.name,
      raw_url: null,
      embed_url: joinMediaUrl(mediaBaseUrl, audioPath('mp3_128kb', ARTIST.accountId, id, created)),
      short_url: shortUrl('a', id),
      description: note.description !== undefined ? note.description : trackDescription(random, title, release),
      created,
      modified: wireDate(laterTime(random, createdMs, 0, random.chance(0.3) ? 400 : 5)),
      // The docs' example sends length as a string; a third of the account does too.
      length: id % 3 === 0 ? String(length) : length,
      exclusive: Boolean(note.exclusive ?? release?.exclusive ?? false),
      private: Boolean(note.private ?? release?.private ?? false),
      download_details: offer ? downloadDetails(offer) : null,
    };
    tracks.push(track);
    return track;
  };

  const newPlaylist = (
    title: string,
    description: string | null,
    releaseMs: number,
    release: Release | null,
  ): PlaylistRecord => {
    const id = nextPlaylistId();
    const createdMs = releaseMs - random.int(2, 6) * DAY;
    const created = wireDate(createdMs);
    const playlist: PlaylistRecord = {
      id,
      title,
      description,
      created,
      modified: wireDate(laterTime(random, releaseMs, 0, 60)),
      short_url: shortUrl('ap', id),
      exclusive: Boolean(release?.exclusive),
      private: Boolean(release?.private),
      download_details: release?.download ? downloadDetails(release.download) : null,
      images: imageSet(mediaBaseUrl, COVER_IMAGE_ID_BASE + id, created),
      track_ids: [],
    };
    playlists.push(playlist);
    return playlist;
  };

  for (const release of RELEASES) {
    if (playlists.length >= o.playlistCount) break;
    const releaseMs = parseUtc(release.date) + 8 * HOUR;
    const playlist = newPlaylist(release.title, release.description, releaseMs, release);
    release.tracks.forEach((title, index) => {
      const existing = release.shared?.includes(title) ? byTitle.get(title) : undefined;
      if (existing) {
        playlist.track_ids.push(existing.id);
        return;
      }
      if (tracks.length >= o.trackCount) return;
      // Uploaded a few days before the release date, in track order.
      const track = newTrack(title, releaseMs - 3 * DAY + index * 7 * 60_000 + random.int(0, 300) * 1000, release);
      byTitle.set(title, track);
      playlist.track_ids.push(track.id);
    });
  }

  // Procedural extras for benchmarks: session-tape playlists of re-recorded songs.
  const baseTitles = [...byTitle.keys()];
  const extraPlaylists: PlaylistRecord[] = [];
  for (let n = 1; playlists.length < o.playlistCount; n++) {
    const releaseMs = randomHistoryTime(random) + 7 * DAY;
    extraPlaylists.push(
      newPlaylist(`Session Tapes Vol. ${n}`, `<p>Rehearsal-room recordings, volume ${n}.</p>`, releaseMs, null),
    );
  }
  for (let n = 1; tracks.length < o.trackCount; n++) {
    const playlist = extraPlaylists.length > 0 ? extraPlaylists[n % extraPlaylists.length] : undefined;
    const base = random.pick(baseTitles.length > 0 ? baseTitles : ['Untitled']);
    const createdMs = playlist
      ? parseUtc(playlist.created) + random.int(0, 3 * 24 * 60) * 60_000
      : randomHistoryTime(random);
    const track = newTrack(`${base.replace(/ \(.*\)$/, '')} (Session ${n})`, createdMs, null);
    playlist?.track_ids.push(track.id);
  }
  return { tracks, playlists };
}

function trackDescription(random: Random, title: string, release: Release | null): string | null {
  if (!release) return random.chance(0.5) ? null : 'Recorded live in the rehearsal room.';
  const year = release.date.slice(0, 4);
  switch (random.int(0, 3)) {
    case 0:
      return `<p>From <em>${escapeHtml(release.title)}</em> (${year}).</p>`;
    case 1:
      return `<p>&ldquo;${escapeHtml(title)}&rdquo; &mdash; from <a href="https://juniperstatic.example/music">${escapeHtml(release.title)}</a>.</p>`;
    case 2:
      return '';
    default:
      return null;
  }
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
