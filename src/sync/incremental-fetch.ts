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
import type { HeadWalk } from './head-walk.js';
import { compareInListOrder, inListOrder } from './list-order.js';
import { LINE_SEPARATOR, SnapshotFormatError, type SnapshotLines, type SplicedLines } from './snapshot-format.js';
import type { CheckResult, ContentSource, FetchHooks, Fingerprints } from './sources.js';

/** A collection as the last sync stored it (its snapshot file). */
export interface StoredCollection {
  /** The fingerprint the stored items correspond to. */
  fingerprint: string | null;
  /** The file's lines, when a sync wrote it in list order (see snapshotLinesOf): read without parsing the items. */
  lines?: SnapshotLines;
  /** Every item, parsed once; throws a SnapshotFormatError for a damaged file. */
  items(): readonly unknown[];
  /** The item on line `index` of `lines`, parsed. */
  item(index: number): unknown;
}

export interface ChangesRequest {
  source: ContentSource & { heads: HeadSource };
  collections: readonly CollectionName[];
  check: CheckResult;
  /** The fingerprints the caller's store was built from. */
  previous: Fingerprints;
  /** The stored copy of a collection, only when it is what the store was built from (same fingerprint as `previous`). */
  stored(collection: CollectionName): Promise<StoredCollection | undefined>;
  /** A changed head walk already under way (started when the collection's check answered; see walkChangedHead). */
  startedHead?(collection: CollectionName): Promise<HeadWalk<Stored>> | undefined;
  hooks: FetchHooks;
  info: (message: string) => void;
}

/** Containers and the collection their relation lists (a playlist's tracks, an album's photos). */
const MEMBERS_OF: Partial<Record<CollectionName, CollectionName>> = { playlists: 'tracks', albums: 'photos' };

interface Stored {
  id: number;
  modified: Date;
}

type Outcome =
  | { kind: 'kept'; copy: StoredCollection }
  /** `fresh`: the items read from the head, in place of or besides the stored ones. */
  | { kind: 'head'; copy: StoredCollection; fresh: readonly Stored[]; added: number }
  | { kind: 'full'; items: readonly unknown[] };

export interface ChangedContent {
  content: GroupContent;
  /** Items taken as they were from the stored copies (not fetched again). */
  carried: ReadonlySet<object>;
  /** Collections whose fingerprint did not change: their stored copies are the content. */
  kept: readonly CollectionName[];
}

/** A collection's items read from its changed head. */
export interface ChangedItems {
  fresh: readonly Stored[];
  /** The stored version of each fresh item the last sync had, by id. */
  stored: ReadonlyMap<number, unknown>;
  /** Items in the collection now. */
  count: number;
}

/**
 * The change as it is, when no collection was walked in full: the items each changed head
 * holds, beside the stored copies, which are parsed only as far as they are asked for.
 */
export interface ChangeDelta {
  changed: ReadonlyMap<CollectionName, ChangedItems>;
  /** Every item of a collection's stored copy (kept collections: its whole content). */
  storedItems(collection: CollectionName): readonly unknown[];
  /** How many items a collection holds now. */
  count(collection: CollectionName): number;
  /** A changed collection's new list as lines: the stored ones, with the fresh items in their list-order places. */
  splice(collection: CollectionName, bytesOf: (item: object) => Uint8Array): SplicedLines;
}

export interface Changes {
  /** The whole content (stored copies parsed; one found damaged now is walked in full). */
  content(): Promise<ChangedContent>;
  /** Set when every collection was kept or brought up to date from its head, and every changed one can be spliced. */
  delta: ChangeDelta | undefined;
}

export async function fetchChanges(request: ChangesRequest): Promise<Changes> {
  const { source, collections, check, previous, hooks, info } = request;
  const outcomes = new Map<CollectionName, Promise<Outcome>>();
  const copies = new Map<CollectionName, Promise<StoredCollection | undefined>>();

  // Read once; after the head requests of this turn are sent, so they do not wait on reading.
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
    if (watermarkOf(copy) === undefined) return 'the last sync stored no item to start from';
    return undefined;
  }

  async function full(collection: CollectionName, reason: string): Promise<Outcome & { kind: 'full' }> {
    info(`${collection}: walking the whole list (${reason})`);
    const content = await source.fetch([collection], hooks);
    return { kind: 'full', items: content[collection] ?? [] };
  }

  async function ownOutcome(collection: CollectionName): Promise<Outcome> {
    if (previous[collection] === undefined) return full(collection, 'no stored copy matches the last sync');
    if (previous[collection] === check.fingerprints[collection] || !source.heads.supports(collection)) {
      const early = await fullFromTheStart(collection);
      if (early) return full(collection, early);
      return { kind: 'kept', copy: (await storedCopy(collection))! };
    }
    const copy = storedCopy(collection);
    const head = await (request.startedHead?.(collection) ??
      walkChangedHead(source.heads, collection, copy, (item) => hooks.onItem?.(collection, item)));
    const early = await fullFromTheStart(collection);
    if (early) return full(collection, early);
    if (head.kind === 'full') return full(collection, head.reason);
    const stored = (await copy)!;
    const storedIds = idsOf(stored);
    const known = new Set(storedIds);
    const added = head.items.filter((item) => !known.has(item.id)).length;
    // Anything that left the list (deleted, made private where the API hides those, moved
    // out of the list, unpublished) shows only here: the head holds no trace of it.
    if (head.total !== storedIds.length + added) {
      return full(
        collection,
        `${head.total} items now, not the ${storedIds.length} stored plus ${added} new: something left the list`,
      );
    }
    info(
      `${collection}: ${head.items.length} new or changed item(s) in the newest ${head.pages} page(s), ${storedIds.length - (head.items.length - added)} kept from the last sync`,
    );
    return { kind: 'head', copy: stored, fresh: head.items, added };
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
    if (members.kind === 'head' && members.added > 0)
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

  const decided = new Map<CollectionName, Outcome>();
  await Promise.all(collections.map(async (collection) => decided.set(collection, await outcomeOf(collection))));

  async function content(): Promise<ChangedContent> {
    const out: GroupContent = {};
    const carried = new Set<object>();
    const kept: CollectionName[] = [];
    await Promise.all(
      collections.map(async (collection) => {
        let outcome = decided.get(collection)!;
        let stored: readonly unknown[] = [];
        if (outcome.kind !== 'full') {
          try {
            stored = outcome.copy.items();
          } catch (error) {
            if (!(error instanceof SnapshotFormatError)) throw error;
            outcome = await full(collection, 'its stored copy cannot be read');
          }
        }
        if (outcome.kind === 'full') {
          (out as Record<string, unknown>)[collection] = outcome.items;
          return;
        }
        if (outcome.kind === 'kept') kept.push(collection);
        const fresh = outcome.kind === 'head' ? outcome.fresh : [];
        const items = fresh.length > 0 ? applyHead(stored as Stored[], fresh) : stored;
        (out as Record<string, unknown>)[collection] = items;
        const freshItems = new Set<object>(fresh);
        for (const item of items as object[]) if (!freshItems.has(item)) carried.add(item);
      }),
    );
    return { content: out, carried, kept };
  }

  return { content, delta: deltaOf(decided) };
}

function deltaOf(decided: ReadonlyMap<CollectionName, Outcome>): ChangeDelta | undefined {
  const changed = new Map<CollectionName, ChangedItems>();
  const copies = new Map<CollectionName, StoredCollection>();
  for (const [collection, outcome] of decided) {
    if (outcome.kind === 'full') return undefined;
    copies.set(collection, outcome.copy);
    if (outcome.kind === 'kept') continue;
    const lines = outcome.copy.lines;
    if (!lines) return undefined;
    const index = new Map(lines.ids.map((id, i) => [id, i]));
    const stored = new Map<number, unknown>();
    for (const item of outcome.fresh) {
      const at = index.get(item.id);
      if (at !== undefined) stored.set(item.id, outcome.copy.item(at));
    }
    changed.set(collection, { fresh: outcome.fresh, stored, count: lines.ids.length + outcome.added });
  }
  return {
    changed,
    storedItems: (collection) => copies.get(collection)!.items(),
    count: (collection) => changed.get(collection)?.count ?? idsOf(copies.get(collection)!).length,
    splice(collection, bytesOf) {
      const copy = copies.get(collection)!;
      return spliced(collection, copy, changed.get(collection)?.fresh ?? [], bytesOf);
    },
  };
}

/**
 * The stored lines (in list order) with the fresh items' lines in the places a sort of the
 * whole list would give them: found by binary search, parsing only the lines it compares with.
 */
function spliced(
  collection: CollectionName,
  copy: StoredCollection,
  fresh: readonly Stored[],
  bytesOf: (item: object) => Uint8Array,
): SplicedLines {
  const { ids, newestModified, run } = copy.lines!;
  const freshIds = new Set(fresh.map((item) => item.id));
  const kept: number[] = [];
  for (let i = 0; i < ids.length; i++) if (!freshIds.has(ids[i]!)) kept.push(i);
  const parsed = new Map<number, object>();
  const keptItem = (k: number): object => {
    let item = parsed.get(k);
    if (!item) parsed.set(k, (item = copy.item(kept[k]!) as object));
    return item;
  };
  const places = inListOrder(collection, fresh).map((item) => {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareInListOrder(collection, keptItem(middle), item) < 0) low = middle + 1;
      else high = middle;
    }
    return { item, at: low };
  });
  // Kept lines that follow each other in the file, with no fresh item between, stay one slice.
  const body: Uint8Array[] = [];
  const add = (part: Uint8Array) => {
    if (body.length > 0) body.push(LINE_SEPARATOR);
    body.push(part);
  };
  let next = 0;
  for (let k = 0; k < kept.length; ) {
    while (next < places.length && places[next]!.at === k) add(bytesOf(places[next++]!.item));
    let last = k;
    while (last + 1 < kept.length && kept[last + 1] === kept[last]! + 1 && places[next]?.at !== last + 1) last++;
    add(run(kept[k]!, kept[last]!));
    k = last + 1;
  }
  while (next < places.length) add(bytesOf(places[next++]!.item));
  let newest = newestModified;
  for (const item of fresh) if (!newest || item.modified.getTime() > newest.getTime()) newest = item.modified;
  return { body, count: kept.length + fresh.length, newestModified: newest };
}

/**
 * A changed collection's head since the stored copy's watermark. Its first page is asked for
 * at once; the stored copy (the watermark) is read meanwhile.
 */
export function walkChangedHead(
  heads: HeadSource,
  collection: CollectionName,
  copy: Promise<StoredCollection | undefined>,
  onItem: Parameters<HeadSource['walk']>[2],
): Promise<HeadWalk<Stored>> {
  return heads.walk(
    collection,
    copy.then((stored) => stored && watermarkOf(stored)),
    onItem,
  );
}

function idsOf(copy: StoredCollection): readonly number[] {
  return copy.lines?.ids ?? (copy.items() as Stored[]).map((item) => item.id);
}

/** The newest `modified` the last sync stored: every change since is at or after it. */
function watermarkOf(copy: StoredCollection): Date | undefined {
  if (copy.lines) return copy.lines.newestModified;
  let newest: Date | undefined;
  for (const item of copy.items() as Stored[])
    if (!newest || item.modified.getTime() > newest.getTime()) newest = item.modified;
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
