/**
 * A sync that costs what changed: each collection of the group is either kept as stored
 * (its fingerprint did not change), brought up to date from its changed head (edits and
 * additions), or walked in full, for that collection only, when the head cannot explain
 * the change (see decide() for every case). The result is the same content a full walk
 * would give: the model test in test/loaders/incremental-sync.property.test.ts holds that.
 * It also says which items are the stored copy's own objects, unchanged since the last sync,
 * so the loaders can keep those items' entries instead of mapping them again.
 */
import type { CollectionName, GroupContent } from './account-data.js';
import type { HeadSource } from './head-source.js';
import type { CheckResult, ContentSource, FetchHooks, Fingerprints } from './sources.js';

/** A collection as the last sync stored it (its snapshot file). */
export interface StoredCollection {
  items: readonly unknown[];
  /** The fingerprint the stored items correspond to. */
  fingerprint: string | null;
}

export interface ChangesRequest {
  source: ContentSource & { heads: HeadSource };
  collections: readonly CollectionName[];
  check: CheckResult;
  /** The fingerprints the caller's store was built from. */
  previous: Fingerprints;
  /** The stored copy of a collection, only when it is what the store was built from (same fingerprint as `previous`). */
  stored(collection: CollectionName): Promise<StoredCollection | undefined>;
  hooks: FetchHooks;
  info: (message: string) => void;
}

/** Containers and the collection their relation lists (a playlist's tracks, an album's photos). */
const MEMBERS_OF: Partial<Record<CollectionName, CollectionName>> = { playlists: 'tracks', albums: 'photos' };

interface Stored {
  id: number;
  modified: Date;
}

/** `fresh`: the items read from the head, in place of or besides the stored ones. */
type Outcome = { kind: 'kept' | 'head' | 'full'; items: readonly unknown[]; added: number; fresh?: readonly unknown[] };

export interface Changes {
  content: GroupContent;
  /** Items taken as they were from the stored copies (not fetched again). */
  carried: ReadonlySet<object>;
  /** Collections whose fingerprint did not change: their stored copies are the content. */
  kept: readonly CollectionName[];
}

export async function fetchChanges(request: ChangesRequest): Promise<Changes> {
  const { source, collections, check, previous, hooks, info } = request;
  const outcomes = new Map<CollectionName, Promise<Outcome>>();
  const copies = new Map<CollectionName, Promise<StoredCollection | undefined>>();

  // Read (and parsed) once; after the head requests of this turn are sent, so they do not wait on parsing.
  function storedCopy(collection: CollectionName): Promise<StoredCollection | undefined> {
    let copy = copies.get(collection);
    if (!copy) {
      copy = new Promise<void>((resolve) => setImmediate(resolve)).then(() => request.stored(collection));
      copies.set(collection, copy);
    }
    return copy;
  }

  /** Why the collection must be walked in full rather than kept or brought up to date from its head, if it must. */
  async function fullFromTheStart(collection: CollectionName): Promise<string | undefined> {
    const copy = await storedCopy(collection);
    if (!copy || copy.fingerprint === null) return 'no stored copy matches the last sync';
    if (copy.fingerprint === check.fingerprints[collection]) return undefined;
    if (!source.heads.supports(collection)) return 'its list cannot be read newest-modified first';
    if (watermarkOf(copy.items as Stored[]) === undefined) return 'the last sync stored no item to start from';
    return undefined;
  }

  async function full(collection: CollectionName, reason: string): Promise<Outcome> {
    info(`${collection}: walking the whole list (${reason})`);
    const content = await source.fetch([collection], hooks);
    return { kind: 'full', items: content[collection] ?? [], added: 0 };
  }

  async function ownOutcome(collection: CollectionName): Promise<Outcome> {
    if (previous[collection] === undefined) return full(collection, 'no stored copy matches the last sync');
    if (previous[collection] === check.fingerprints[collection] || !source.heads.supports(collection)) {
      const early = await fullFromTheStart(collection);
      if (early) return full(collection, early);
      return { kind: 'kept', items: (await storedCopy(collection))!.items, added: 0, fresh: [] };
    }
    // The head's first page is asked for now; the stored copy (its watermark) is read meanwhile.
    const copy = storedCopy(collection);
    const head = await source.heads.walk(
      collection,
      copy.then((stored) => stored && watermarkOf(stored.items as Stored[])),
      (item) => hooks.onItem?.(collection, item),
    );
    const early = await fullFromTheStart(collection);
    if (early) return full(collection, early);
    if (head.kind === 'full') return full(collection, head.reason);
    const storedItems = (await copy)!.items as Stored[];
    const known = new Set(storedItems.map((item) => item.id));
    const added = head.items.filter((item) => !known.has(item.id)).length;
    // Anything that left the list (deleted, made private where the API hides those, moved
    // out of the list, unpublished) shows only here: the head holds no trace of it.
    if (head.total !== storedItems.length + added) {
      return full(
        collection,
        `${head.total} items now, not the ${storedItems.length} stored plus ${added} new: something left the list`,
      );
    }
    info(
      `${collection}: ${head.items.length} new or changed item(s) in the newest ${head.pages} page(s), ${storedItems.length - (head.items.length - added)} kept from the last sync`,
    );
    return { kind: 'head', items: applyHead(storedItems, head.items), added, fresh: head.items };
  }

  async function decide(collection: CollectionName): Promise<Outcome> {
    const member = MEMBERS_OF[collection];
    if (!member || !collections.includes(member)) return ownOutcome(collection);
    // A full walk of the members may mean some were deleted, and a new member may belong to
    // any container: in both cases the containers' counts and lists may have changed without
    // their own `modified`, so the containers are read again in full.
    if ((await fullFromTheStart(member)) !== undefined) return full(collection, `${member} are walked in full`);
    const [own, members] = await Promise.all([ownOutcome(collection), outcomeOf(member)]);
    if (own.kind === 'full') return own;
    if (members.kind === 'full') return full(collection, `${member} were walked in full`);
    if (members.added > 0)
      return full(collection, `${members.added} new item(s) in ${member} may belong to any of them`);
    return own;
  }

  function outcomeOf(collection: CollectionName): Promise<Outcome> {
    let outcome = outcomes.get(collection);
    if (!outcome) {
      outcome = decide(collection);
      outcomes.set(collection, outcome);
    }
    return outcome;
  }

  const content: GroupContent = {};
  const carried = new Set<object>();
  const kept: CollectionName[] = [];
  await Promise.all(
    collections.map(async (collection) => {
      const outcome = await outcomeOf(collection);
      (content as Record<string, unknown>)[collection] = outcome.items;
      if (outcome.kind === 'kept') kept.push(collection);
      if (!outcome.fresh) return;
      const fresh = new Set(outcome.fresh);
      for (const item of outcome.items as object[]) if (!fresh.has(item)) carried.add(item);
    }),
  );
  return { content, carried, kept };
}

/** The newest `modified` the last sync stored: every change since is at or after it. */
function watermarkOf(items: readonly Stored[]): Date | undefined {
  let newest: Date | undefined;
  for (const item of items) if (!newest || item.modified.getTime() > newest.getTime()) newest = item.modified;
  return newest;
}

/** The stored items with the head's versions in their place, and the head's new items. */
function applyHead(stored: readonly Stored[], head: readonly Stored[]): Stored[] {
  const byId = new Map(head.map((item) => [item.id, item]));
  const out = stored.map((item) => {
    const fresh = byId.get(item.id);
    byId.delete(item.id);
    return fresh ?? item;
  });
  return out.concat([...byId.values()]);
}
