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
 *
 * A rebuild whose change reaches no other entry maps the changed items alone and patches
 * their rows (recordsForChange), without parsing the other rows.
 */
import { createRequire } from 'node:module';
import type { LoaderContext } from 'astro/loaders';
import type { EntryInputs } from '../content/entry-inputs.js';
import type { Fingerprints } from '../sync/sources.js';
import type { CollectionName } from '../sync/account-data.js';
import type { ValidatedEntry } from './validate-entries.js';

// A header line, then one row per line (`row,\n`): the rows read with one JSON.parse, and a
// row is found and replaced without parsing the others. Rows, not an object keyed by id:
// numeric keys make JSON.stringify several times slower. (Records of an older layout are
// not read: their entries are mapped again, once.)
const META_KEY = 'astro-stagebloc:entry-records';

/** [entry id, item hash, links, blocked HTML URLs, digest, URLs the HTML's blocked-media check looks at]. */
type Recorded = [id: string, raw: string, links: string, blocked: string, digest: string, htmlUrls: string[]];

interface RecordHeader {
  /** Everything besides the item and its inputs that decides an entry (see reuseScope). */
  scope: string;
}

const ROW_END = ',\n';
const COMMA = 0x2c;

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
  /**
   * The records of this sync's entries (kept ones and the newly mapped `entries`), worked out
   * now; the function returned puts them in `meta` (once the store may change).
   */
  record(entries: readonly ValidatedEntry[], ahead?: RowsAhead): () => void;
}

/** Rows written while the sync waited on the network (entries-ahead.ts), for entries it then took. */
export type RowsAhead = (entry: ValidatedEntry) => RowAhead | undefined;

/** A record row's text, with the item hash it was written with (a row is taken only for the same hash). */
export interface RowAhead {
  raw: string;
  text: string;
}

export function planReuse(request: ReuseRequest): ReusePlan {
  const { ctx, scope, items, inputs, carried, builtFrom, hashOf } = request;
  const stored = builtFrom ? readRecords(ctx.meta.get(META_KEY), scope) : undefined;
  const previous = stored?.rows ?? new Map<string, Recorded>();
  const header = JSON.stringify({ scope } satisfies RecordHeader);
  // Carried items are the ones this store's entries were mapped from only if the stored copy is what the store was built from.
  const carriedHere = carried && builtFrom && sameFingerprints(carried.basis, builtFrom) ? carried.items : undefined;
  // Item hashes, worked out here only when there are records to compare them with.
  const raws = new Map<number, string>();
  const kept: string[] = [];
  const keptRecords: Recorded[] = [];
  const remapped = new Set<number>();
  // Nothing recorded (a first sync, a full sync asked for): every item is mapped, no pass over them here.
  const remapAll = previous.size === 0;

  for (const item of remapAll ? [] : items) {
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
    remap: (item) => remapAll || remapped.has(item.id),
    kept,
    record(entries, ahead) {
      // Every entry kept as recorded, nothing new: the records in meta are already these.
      if (stored?.header === header && entries.length === 0 && kept.length === previous.size) return () => undefined;
      const rows = keptRecords.map((row) => JSON.stringify(row));
      let byId: Map<string, { id: number }> | undefined;
      for (const entry of entries) {
        const written = ahead?.(entry);
        // Without records, an item's hash is hashOf's, the one its row was written with.
        if (written && (remapAll || raws.get(Number(entry.mapped.id)) === written.raw)) {
          rows.push(written.text);
          continue;
        }
        byId ??= new Map(items.map((item) => [String(item.id), item]));
        const item = byId.get(entry.mapped.id);
        const raw = item && (raws.get(item.id) ?? hashOf(item));
        if (item && raw) rows.push(recordRowOf(entry, item, raw, inputs));
      }
      const text = `${header}\n${rows.join(ROW_END)}`;
      return () => ctx.meta.set(META_KEY, text);
    },
  };
}

/** An entry's record row as text: its item's hash `raw`, and the inputs it read (`links`, `blocked`: EntryInputs' strings). */
export function recordRow({ mapped, digest }: ValidatedEntry, raw: string, links: string, blocked: string): string {
  return JSON.stringify([mapped.id, raw, links, blocked, digest, [...(mapped.htmlUrls ?? [])]] satisfies Recorded);
}

function recordRowOf(entry: ValidatedEntry, item: { id: number }, raw: string, inputs: EntryInputs): string {
  return recordRow(entry, raw, inputs.links(item), inputs.blocked(entry.mapped.htmlUrls ?? []));
}

/** The records of the last sync, for a rebuild that maps only the items a change holds. */
export interface ChangeRecords {
  /**
   * The rows of `items` replaced with those of their new `entries` (an item without one loses
   * its row), every other row left as it was, unparsed; the function returned puts them in `meta`.
   */
  patch(
    items: ReadonlyArray<{ id: number }>,
    entries: readonly ValidatedEntry[],
    inputs: EntryInputs,
    hashOf: (item: object) => string,
  ): () => void;
}

/** The last sync's records when they are for `scope`; undefined when there are none to patch. */
export function recordsForChange(ctx: Pick<LoaderContext, 'meta'>, scope: string): ChangeRecords | undefined {
  const raw = ctx.meta.get(META_KEY);
  const split = raw === undefined ? -1 : raw.indexOf('\n');
  if (raw === undefined || split < 0) return undefined;
  let header: RecordHeader;
  try {
    header = JSON.parse(raw.slice(0, split)) as RecordHeader;
  } catch {
    return undefined;
  }
  if (header.scope !== scope) return undefined;
  const headerText = raw.slice(0, split);
  return {
    patch(items, entries, inputs, hashOf) {
      // Rows are found by searching the text, not by splitting it: a change holds a few items
      // of a collection whose rows may number tens of thousands.
      const body = raw.slice(split + 1);
      const byId = new Map(entries.map((entry) => [entry.mapped.id, entry]));
      const edits = new Map<number, { end: number; row: string | undefined }>();
      const added: string[] = [];
      for (const item of items) {
        const id = String(item.id);
        const entry = byId.get(id);
        const row = entry && recordRowOf(entry, item, hashOf(item), inputs);
        const start = rowStart(body, id);
        if (start >= 0) {
          // A row holds no raw newline (JSON escapes them): its line ends at the next one, its separator before it.
          const newline = body.indexOf('\n', start);
          // Not rows as this package writes them: drop them all, and the next sync checks every entry.
          if (newline >= 0 && body.charCodeAt(newline - 1) !== COMMA) return () => ctx.meta.delete(META_KEY);
          edits.set(start, { end: newline < 0 ? body.length : newline - 1, row });
        } else if (row) {
          added.push(row);
        }
      }
      // Runs of rows between the edited ones are kept as slices of the stored text.
      const segments: string[] = [];
      let next = 0;
      for (const [start, { end, row }] of [...edits].sort((a, b) => a[0] - b[0])) {
        if (start > next) segments.push(body.slice(next, start - ROW_END.length));
        if (row) segments.push(row);
        next = end + ROW_END.length;
      }
      if (next < body.length) segments.push(body.slice(next));
      segments.push(...added);
      const text = `${headerText}\n${segments.join(ROW_END)}`;
      return () => ctx.meta.set(META_KEY, text);
    },
  };
}

/** Where the row of entry `id` starts in the rows' text, or -1 (each row starts a line with `["<id>",`). */
function rowStart(body: string, id: string): number {
  const opening = `[${JSON.stringify(id)},`;
  if (body.startsWith(opening)) return 0;
  const at = body.indexOf(`\n${opening}`);
  return at < 0 ? -1 : at + 1;
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
function readRecords(raw: string | undefined, scope: string): { header: string; rows: Map<string, Recorded> } {
  const rows = new Map<string, Recorded>();
  const split = raw?.indexOf('\n') ?? -1;
  if (!raw || split < 0) return { header: '', rows };
  const header = raw.slice(0, split);
  try {
    if ((JSON.parse(header) as Partial<RecordHeader>).scope !== scope) return { header, rows };
    const body = raw.slice(split + 1);
    for (const row of JSON.parse(`[${body}]`) as unknown[]) if (isRecorded(row)) rows.set(row[0], row);
  } catch {
    // Unreadable records keep nothing: every entry is mapped again.
  }
  return { header, rows };
}
