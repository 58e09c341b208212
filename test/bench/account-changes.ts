/**
 * The "small change" between two builds (issue 7, item 2): 10 items edited and 3 deleted,
 * spread over the three sync groups (blog; photos/albums; tracks/playlists) the way a
 * band's week of edits would be. Edits change the title and bump `modified`, as StageBloc
 * does; deletions also drop the item from its playlist, as the API would.
 */
import { DEMO_REFERENCE_TIME, formatWireDate } from '../../src/simulator/dates.js';
import type { DemoAccount } from '../../src/simulator/types.js';

export interface ChangeSummary {
  edited: Record<'blog' | 'photos' | 'tracks', number[]>;
  deleted: Record<'blog' | 'photos' | 'tracks', number[]>;
}

/** Evenly spaced indexes into a list of `length`, `n` of them. */
function spread(length: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * length) / n));
}

export function applySmallChange(account: DemoAccount): ChangeSummary {
  const modified = formatWireDate(DEMO_REFERENCE_TIME + 86_400_000);
  // Only published posts: drafts are not synced, so editing one would change nothing.
  const published = account.blog.filter((post) => post.status === 1);
  const edited = {
    blog: spread(published.length, 4).map((i) => published[i]!),
    photos: spread(account.photos.length, 3).map((i) => account.photos[i]!),
    tracks: spread(account.tracks.length, 3).map((i) => account.tracks[i]!),
  };
  for (const record of [...edited.blog, ...edited.photos, ...edited.tracks]) {
    record.title = `${record.title ?? 'Untitled'} (edited)`;
    record.modified = modified;
  }
  const editedIds = new Set([...edited.blog, ...edited.photos, ...edited.tracks].map((r) => r.id));
  const victim = <T extends { id: number }>(records: T[], at: number): T => {
    const candidates = records.filter((r) => !editedIds.has(r.id));
    return candidates[Math.floor(at * candidates.length)]!;
  };
  const deleted = {
    blog: victim(published, 0.33),
    photos: victim(account.photos, 0.66),
    tracks: victim(account.tracks, 0.5),
  };
  account.blog.splice(account.blog.indexOf(deleted.blog), 1);
  account.photos.splice(account.photos.indexOf(deleted.photos), 1);
  account.tracks.splice(account.tracks.indexOf(deleted.tracks), 1);
  for (const playlist of account.playlists) {
    playlist.track_ids = playlist.track_ids.filter((id) => id !== deleted.tracks.id);
  }
  return {
    edited: { blog: edited.blog.map((r) => r.id), photos: edited.photos.map((r) => r.id), tracks: edited.tracks.map((r) => r.id) },
    deleted: { blog: [deleted.blog.id], photos: [deleted.photos.id], tracks: [deleted.tracks.id] },
  };
}
