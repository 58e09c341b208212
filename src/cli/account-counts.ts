import { DEFAULT_VISIBILITY, visibilityOf, type VisibilityFacts } from '../content/index.js';

export interface CollectionCounts {
  /** Every item the token can see, drafts and private ones included. */
  total: number;
  /** Neither private nor a draft. */
  public: number;
  private: number;
  /** Blog entries with status 0; always 0 for other collections. */
  drafts: number;
  exclusive: number;
  /** What a site build with the loaders' default visibility policy would publish. */
  publish: number;
  /** Of those, exclusive items published locked (without media or body). */
  locked: number;
}

/** Counts one collection under the loaders' own visibility policy (not a copy of it). */
export function countCollection(items: readonly VisibilityFacts[]): CollectionCounts {
  const counts: CollectionCounts = { total: 0, public: 0, private: 0, drafts: 0, exclusive: 0, publish: 0, locked: 0 };
  for (const item of items) {
    counts.total += 1;
    if (item.private) counts.private += 1;
    if (item.status === 0) counts.drafts += 1;
    if (!item.private && item.status !== 0) counts.public += 1;
    if (item.exclusive) counts.exclusive += 1;
    const visibility = visibilityOf(item, DEFAULT_VISIBILITY);
    if (visibility !== 'hidden') counts.publish += 1;
    if (visibility === 'locked') counts.locked += 1;
  }
  return counts;
}
