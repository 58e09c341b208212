/**
 * What may appear in a public feed. The loaders already drop private items and
 * drafts, but feeds are copied and cached far beyond the site, so they check again:
 * no private, draft or locked item, and no track without a stream.
 */
import type { BlogEntry, TrackEntry } from '../entries/types.js';

export function isFeedTrack(track: TrackEntry): boolean {
  const d = track.data;
  return !d.locked && d.private !== true && typeof d.streamUrl === 'string' && d.streamUrl !== '';
}

export function isFeedPost(entry: BlogEntry): boolean {
  const d = entry.data;
  return d.status === 'published' && !d.locked && d.private !== true;
}

/** Events and videos have no lock or draft state; only a private one (never handed over by the loaders) is kept out. */
export function isPublicEntry(entry: { data: { private?: boolean | undefined } }): boolean {
  return entry.data.private !== true;
}
