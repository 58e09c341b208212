/**
 * The changes the rebuild rows apply between two builds (issue 7, item 2; issue 19): one
 * new blog post; one new tour date; 10 items edited across blog, photos and tracks; 3 deleted, one in each;
 * and both of the last two at once. Changes go through the simulator's mutations, so they
 * bump `modified` as StageBloc does, each at a later time than anything before it.
 */
import { addItem, deleteItem, editItem, newestModified } from '../../src/simulator/mutations.js';
import type { DemoAccount } from '../../src/simulator/types.js';

export type AccountChange = 'new-post' | 'new-event' | 'edits' | 'deletions' | 'edits-and-deletions';

type Changed = 'blog' | 'photos' | 'tracks';

export interface ChangeSummary {
  added: number[];
  edited: Record<Changed, number[]>;
  deleted: Record<Changed, number[]>;
}

/** Evenly spaced indexes into a list of `length`, `n` of them. */
function spread(length: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(((i + 0.5) * length) / n));
}

const HOUR = 3_600_000;
/** When the last change happened: each is an hour after the one before, all after anything the account held. */
let clock: number | undefined;

export function applyChange(account: DemoAccount, change: AccountChange): ChangeSummary {
  clock = (clock ?? newestModified(account)) + HOUR;
  const atMs = clock;
  const summary: ChangeSummary = {
    added: [],
    edited: { blog: [], photos: [], tracks: [] },
    deleted: { blog: [], photos: [], tracks: [] },
  };
  // Only published posts: drafts are not synced, so changing one would change nothing.
  const published = () => account.blog.filter((post) => post.status === 1);
  if (change === 'new-post') summary.added.push(addItem(account, 'blog', atMs));
  if (change === 'new-event') summary.added.push(addItem(account, 'events', atMs));
  if (change === 'edits' || change === 'edits-and-deletions') {
    const posts = published();
    summary.edited = {
      blog: spread(posts.length, 4).map((i) => posts[i]!.id),
      photos: spread(account.photos.length, 3).map((i) => account.photos[i]!.id),
      tracks: spread(account.tracks.length, 3).map((i) => account.tracks[i]!.id),
    };
    for (const collection of ['blog', 'photos', 'tracks'] as const) {
      for (const id of summary.edited[collection]) editItem(account, collection, id, atMs);
    }
  }
  if (change === 'deletions' || change === 'edits-and-deletions') {
    const edited = new Set(Object.values(summary.edited).flat());
    const victim = (records: readonly { id: number }[], at: number): number => {
      const candidates = records.filter((r) => !edited.has(r.id));
      return candidates[Math.floor(at * candidates.length)]!.id;
    };
    summary.deleted = {
      blog: [victim(published(), 0.33)],
      photos: [victim(account.photos, 0.66)],
      tracks: [victim(account.tracks, 0.5)],
    };
    for (const collection of ['blog', 'photos', 'tracks'] as const) {
      for (const id of summary.deleted[collection]) deleteItem(account, collection, id);
    }
  }
  return summary;
}
