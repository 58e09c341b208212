/**
 * The part of the account every live entry is mapped against: the collections whose items
 * others link to or whose media private items block (see `context` in collections.ts).
 * Kept in memory between requests and re-checked on each one with the sync's cheap check
 * (one request per collection); fetched again only when a fingerprint changed, so an edit
 * on StageBloc shows on the next request without refetching the account every time.
 */
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import type { ContentSource, Fingerprints } from '../sync/sources.js';

export interface AccountCache {
  /** The current content; concurrent requests share one check (and one fetch). */
  current(): Promise<Partial<AccountContent>>;
}

export function accountCache(source: ContentSource, collections: readonly CollectionName[]): AccountCache {
  let kept: { fingerprints: Fingerprints; content: Partial<AccountContent> } | undefined;
  let inFlight: Promise<Partial<AccountContent>> | undefined;

  async function revalidate(): Promise<Partial<AccountContent>> {
    const { fingerprints } = await source.check(collections);
    if (kept && collections.every((c) => kept!.fingerprints[c] === fingerprints[c])) return kept.content;
    // A change between this check and the fetch keeps these (older) fingerprints: the next check fetches again.
    const content = await source.fetch(collections, { progress: () => undefined });
    kept = { fingerprints, content };
    return content;
  }

  return {
    current() {
      inFlight ??= revalidate().finally(() => {
        inFlight = undefined;
      });
      return inFlight;
    },
  };
}
