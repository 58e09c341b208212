/**
 * Entries kept from the last sync, so a rebuild maps, sanitizes, validates and digests only
 * what changed. `meta` records, per entry, what it was mapped from: a hash of its item, its
 * inputs from the rest of the account (entry-inputs.ts) and the digest the store holds. An
 * item whose hash and inputs are the same as recorded keeps the stored entry; any other is
 * mapped again, so a change elsewhere that reaches an entry (a photo made private that a
 * post embeds, a track added to a playlist) re-maps exactly that entry.
 *
 * Hashing costs what the sync fetched: an item the round carried over unchanged from the
 * stored copy its store was built from has the hash recorded for it then.
 */
import { createRequire } from 'node:module';
import type { LoaderContext } from 'astro/loaders';
import type { EntryInputs } from '../content/entry-inputs.js';
import type { Fingerprints } from '../sync/sources.js';
import type { CollectionName } from '../sync/account-data.js';
import type { ValidatedEntry } from './validate-entries.js';

// Rows, not an object keyed by id: numeric keys make JSON.stringify several times slower. (Records
// of an older version, kept by id, are not read: their entries are mapped again, once.)
const META_KEY = 'astro-stagebloc:entry-inputs';

/** [entry id, item hash, links, blocked HTML URLs, digest, URLs the HTML's blocked-media check looks at]. */
type Recorded = [id: string, raw: string, links: string, blocked: string, digest: string, htmlUrls: string[]];

interface RecordFile {
  /** Everything besides the item and its inputs that decides an entry (see reuseScope). */
  scope: string;
  rows: Recorded[];
}

const require = createRequire(import.meta.url);
const PACKAGE_VERSION = (require('../../package.json') as { version: string }).version;

/** What every entry depends on besides its item: settings that shape entries, this package's mapping, the site's base path. */
export function reuseScope(outputKey: string, base: string): string {
  return JSON.stringify([outputKey, PACKAGE_VERSION, base]);
}

export interface ReuseRequest {
  collection: CollectionName;
  ctx: Pick<LoaderContext, 'meta' | 'store'>;
  scope: string;
  /** Items of the collection as this sync has them. */
  items: ReadonlyArray<{ id: number }>;
  inputs: EntryInputs;
  /** The item's hash (digestOf its JSON as UTF-8, as the client normalized it), usually worked out while the sync waited on the network. */
  hashOf: (item: object) => string;
  /** Items unchanged since the stored copy whose fingerprints were `basis`. */
  carried?: { basis: Fingerprints; items: ReadonlySet<object> };
  /** The fingerprints this collection's store was built from; undefined: reuse nothing. */
  builtFrom: Fingerprints | undefined;
}

export interface ReusePlan {
  /** Items to map again (the others keep their stored entries). */
  remap(item: { id: number }): boolean;
  /** Ids of the entries kept as stored. */
  readonly kept: readonly string[];
  /** Records the entries of this sync in `meta` (kept ones and the newly mapped `entries`). */
  record(entries: readonly ValidatedEntry[]): void;
}

export function planReuse(request: ReuseRequest): ReusePlan {
  const { ctx, scope, items, inputs, carried, builtFrom, hashOf } = request;
  const previous = builtFrom ? readRecords(ctx.meta.get(META_KEY), scope) : new Map<string, Recorded>();
  // Carried items are the ones this store's entries were mapped from only if the stored copy is what the store was built from.
  const carriedHere = carried && builtFrom && sameFingerprints(carried.basis, builtFrom) ? carried.items : undefined;
  const raws = new Map<number, string>();
  const kept: string[] = [];
  const keptRecords: Recorded[] = [];
  const remapped = new Set<number>();

  for (const item of items) {
    const id = String(item.id);
    const recorded = previous.get(id);
    const raw = recorded && carriedHere?.has(item) ? recorded[1] : hashOf(item);
    raws.set(item.id, raw);
    if (
      recorded &&
      recorded[1] === raw &&
      recorded[2] === inputs.links(item) &&
      recorded[3] === inputs.blocked(recorded[5]) &&
      ctx.store.get(id)?.digest === recorded[4]
    ) {
      kept.push(id);
      keptRecords.push(recorded);
    } else {
      remapped.add(item.id);
    }
  }

  return {
    remap: (item) => remapped.has(item.id),
    kept,
    record(entries) {
      // Every entry kept as recorded, nothing new: the records in meta are already these.
      if (builtFrom && entries.length === 0 && kept.length === previous.size) return;
      const rows: Recorded[] = [...keptRecords];
      const byId = new Map(items.map((item) => [String(item.id), item]));
      for (const { mapped, digest } of entries) {
        const item = byId.get(mapped.id);
        const raw = item && raws.get(item.id);
        if (!item || !raw) continue;
        const htmlUrls = [...(mapped.htmlUrls ?? [])];
        rows.push([mapped.id, raw, inputs.links(item), inputs.blocked(htmlUrls), digest, htmlUrls]);
      }
      ctx.meta.set(META_KEY, JSON.stringify({ scope, rows } satisfies RecordFile));
    },
  };
}

function sameFingerprints(a: Fingerprints, b: Fingerprints): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<CollectionName>;
  return [...names].every((name) => a[name] !== undefined && a[name] === b[name]);
}

function isRecorded(value: unknown): value is Recorded {
  return (
    Array.isArray(value) &&
    value.length === 6 &&
    value.slice(0, 5).every((part) => typeof part === 'string') &&
    Array.isArray(value[5])
  );
}

/** The records of the last sync by entry id; none when they are for another scope or cannot be read. */
function readRecords(raw: string | undefined, scope: string): Map<string, Recorded> {
  const records = new Map<string, Recorded>();
  if (!raw) return records;
  try {
    const file = JSON.parse(raw) as Partial<RecordFile>;
    if (file.scope !== scope || !Array.isArray(file.rows)) return records;
    for (const row of file.rows) if (isRecorded(row)) records.set(row[0], row);
  } catch {
    // Unreadable records keep nothing: every entry is mapped again.
  }
  return records;
}
