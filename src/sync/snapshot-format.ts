/**
 * The on-disk snapshot format shared by the loaders' last-good cache and the CLI's
 * `stagebloc snapshot <dir>`: one versioned JSON file per collection holding the client's
 * normalized objects (model.ts types, dates as ISO strings), plus the playlist/album
 * membership. A snapshot holds content only: never a token or any request header.
 *
 *   <dir>/manifest.json      { format, version, createdAt (the first write), collections: [...] }
 *   <dir>/<collection>.json  { format, version, collection, fetchedAt, fingerprint, items }
 *
 * A collection file is one JSON document written one item per line (the header and `"items":[`
 * on the first line, `]}` on the last), so it diffs by item, and a reader can keep each
 * item's own bytes: a sync that carries stored items over writes them back without
 * serializing them again. Any other layout of the same JSON (a file edited by hand) reads too.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { COLLECTION_NAMES, type AccountContent, type CollectionName } from './account-data.js';
import { stageFile, writeFileAtomic, type StagedFile } from './atomic-write.js';

export const SNAPSHOT_FORMAT = 'astro-stagebloc-snapshot';
export const SNAPSHOT_VERSION = 1;

export interface SnapshotCollectionFile<T = unknown> {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  collection: CollectionName;
  /** When the data was fetched from the API (ISO). */
  fetchedAt: string;
  /** The cheap-check fingerprint the data corresponds to, when known. */
  fingerprint: string | null;
  /** Set by this package's writer: each item is on a line of its own (see the header comment). */
  layout?: typeof ITEM_PER_LINE;
  /** Set by a sync's writer: the items are in list order (list-order.ts), so a change can be spliced in (see readStoredLines). */
  order?: typeof LIST_ORDER;
  /** With `order`: the newest `modified` of the items (ISO), null when none has one. */
  newestModified?: string | null;
  items: T[];
}

const ITEM_PER_LINE = 'one item per line';
const LIST_ORDER = 'list order';

export interface SnapshotManifest {
  format: typeof SNAPSHOT_FORMAT;
  version: typeof SNAPSHOT_VERSION;
  createdAt: string;
  collections: CollectionName[];
}

export interface SnapshotCollection<K extends CollectionName = CollectionName> {
  items: AccountContent[K];
  fetchedAt: Date;
  fingerprint: string | null;
}

export type SnapshotRead = { [K in CollectionName]?: SnapshotCollection<K> };

export class SnapshotFormatError extends Error {
  readonly code = 'SNAPSHOT_FORMAT' as const;
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

export interface WriteSnapshotOptions {
  /** Defaults to now. */
  fetchedAt?: Date;
  fingerprints?: Partial<Record<CollectionName, string>>;
  /** An item's JSON (UTF-8) when it was serialized ahead: `JSON.stringify(item)`, or the line it was read from. */
  itemBytes?: (item: object) => Uint8Array | undefined;
  /** The items are in list order (list-order.ts): the files say so, with their newest `modified`. */
  listOrdered?: boolean;
  /** Collections given as their items' lines, in list order, instead of in `content` (a change spliced into a stored copy). */
  lines?: Partial<Record<CollectionName, SplicedLines>>;
}

/** A collection as its items' JSON, in list order, with the newest `modified` among them. */
export interface SplicedLines {
  /** The items' lines joined by `,\n` (runs of a stored file's lines stay one slice of it). */
  body: readonly Uint8Array[];
  count: number;
  newestModified: Date | undefined;
}

/** What joins two item lines in a collection file. */
export const LINE_SEPARATOR: Uint8Array = Buffer.from(',\n');

const ITEM_END = Buffer.from(',\n');
const LAST_ITEM_END = Buffer.from('\n');
const FILE_END = Buffer.from(']}\n');
const NEWLINE = 0x0a;

export function snapshotFilePath(dir: string, collection: CollectionName): string {
  return join(dir, `${collection}.json`);
}

/** Collection files written beside the snapshot, not yet part of it (see prepareSnapshotDir). */
export interface PreparedSnapshot {
  /** Makes the written collections the snapshot's (renames), then updates the manifest. */
  commit(): Promise<void>;
  /** Removes what was written; the snapshot stays as it was. */
  discard(): Promise<void>;
}

/**
 * Writes the given collections next to the snapshot's files, all at once, and returns
 * before any of them replaces what is there: a sync writes while it maps its entries and
 * commits only once every loader has succeeded. Collections not given are left as they are,
 * so groups of collections can be refreshed independently.
 */
export async function prepareSnapshotDir(
  dir: string,
  content: Partial<AccountContent>,
  options: WriteSnapshotOptions = {},
): Promise<PreparedSnapshot> {
  const fetchedAt = (options.fetchedAt ?? new Date()).toISOString();
  const itemBytes = options.itemBytes ?? (() => undefined);
  const spliced = options.lines ?? {};
  const collections = COLLECTION_NAMES.filter((collection) => content[collection] || spliced[collection]);
  // Beside the writes, not before them: it only tidies up (and a file it cannot remove is left).
  const tidied = removeAbandonedFiles(dir).catch(() => undefined);
  const writes: Array<Promise<StagedFile>> = [];
  for (const collection of collections) {
    const given = spliced[collection];
    const items = given ? undefined : (content[collection] as object[]);
    const file: SnapshotCollectionFile = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      collection,
      fetchedAt,
      fingerprint: options.fingerprints?.[collection] ?? null,
      layout: ITEM_PER_LINE,
      ...(given || options.listOrdered
        ? {
            order: LIST_ORDER,
            newestModified: (given ? given.newestModified : newestModifiedOf(items!))?.toISOString() ?? null,
          }
        : {}),
      items: [],
    };
    const parts: Uint8Array[] = [Buffer.from(`${JSON.stringify(file).slice(0, -']}'.length)}\n`)];
    if (given) {
      parts.push(...given.body);
      if (given.count > 0) parts.push(LAST_ITEM_END);
    } else {
      items!.forEach((item, i) => {
        parts.push(
          itemBytes(item) ?? Buffer.from(JSON.stringify(item)),
          i < items!.length - 1 ? ITEM_END : LAST_ITEM_END,
        );
      });
    }
    parts.push(FILE_END);
    // Written now: the loaders map their entries meanwhile, and would hold back each step of an asynchronous write.
    writes.push(stageFile(snapshotFilePath(dir, collection), parts, { writeNow: true }));
  }
  const staged = await Promise.allSettled(writes);
  await tidied;
  const files = staged.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const discard = async () => {
    await Promise.all(files.map((file) => file.discard()));
  };
  const failed = staged.find((result) => result.status === 'rejected');
  if (failed) {
    await discard();
    throw failed.reason;
  }
  return {
    async commit() {
      await Promise.all(files.map((file) => file.commit()));
      const previous = await readManifest(dir).catch(() => null);
      const listed = COLLECTION_NAMES.filter((c) => collections.includes(c) || previous?.collections.includes(c));
      // The manifest lists the collections and says when the snapshot was made: a sync that only
      // rewrites collections it already lists leaves it as it is (one file less to write and flush).
      if (previous && listed.every((c) => previous.collections.includes(c))) return;
      const manifest: SnapshotManifest = {
        format: SNAPSHOT_FORMAT,
        version: SNAPSHOT_VERSION,
        createdAt: previous?.createdAt ?? fetchedAt,
        collections: listed,
      };
      await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    },
    discard,
  };
}

/** The newest `modified` among items (those without one are skipped). */
function newestModifiedOf(items: readonly object[]): Date | undefined {
  let newest: Date | undefined;
  for (const item of items) {
    const modified = (item as { modified?: unknown }).modified;
    if (modified instanceof Date && (!newest || modified.getTime() > newest.getTime())) newest = modified;
  }
  return newest;
}

/** Files staged by a sync that never committed or discarded them (killed mid-build) are this old at least. */
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const STAGED_FILE = /\.json\.\d+\.[0-9a-f]{8}\.tmp$/;

/**
 * A build stopped between writing and committing (Ctrl-C during `astro dev`) leaves its staged
 * files behind; a concurrent build's are young, and are left alone.
 */
async function removeAbandonedFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const now = Date.now();
  await Promise.all(
    names
      .filter((name) => STAGED_FILE.test(name))
      .map(async (name) => {
        const path = join(dir, name);
        const info = await stat(path).catch(() => undefined);
        if (info && now - info.mtimeMs > ABANDONED_AFTER_MS) await rm(path, { force: true });
      }),
  );
}

/** Writes the given collections (each file atomically) and then the manifest. */
export async function writeSnapshotDir(
  dir: string,
  content: Partial<AccountContent>,
  options: WriteSnapshotOptions = {},
): Promise<void> {
  await (await prepareSnapshotDir(dir, content, options)).commit();
}

async function readManifest(dir: string): Promise<SnapshotManifest> {
  const raw = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as Partial<SnapshotManifest>;
  checkHeader(raw, join(dir, 'manifest.json'));
  return raw as SnapshotManifest;
}

function checkHeader(raw: { format?: unknown; version?: unknown } | null, path: string): void {
  if (!raw || raw.format !== SNAPSHOT_FORMAT)
    throw new SnapshotFormatError(`${path} is not an astro-stagebloc snapshot`);
  if (raw.version !== SNAPSHOT_VERSION) {
    throw new SnapshotFormatError(
      `${path} has snapshot version ${String(raw.version)}; this astro-stagebloc reads version ${SNAPSHOT_VERSION}. Re-create it with \`stagebloc snapshot\`.`,
    );
  }
}

const DATE_FIELDS = ['created', 'modified', 'published'] as const;

/** Turns the date fields of a freshly parsed item into Dates, in place. */
function reviveDates(item: Record<string, unknown>, path: string): Record<string, unknown> {
  for (const field of DATE_FIELDS) {
    const value = item[field];
    if (value === undefined || value === null) continue;
    const date = new Date(value as string);
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
      throw new SnapshotFormatError(`${path}: item ${String(item.id)} has an invalid ${field} date`);
    }
    item[field] = date;
  }
  return item;
}

// The bytes each item read from a file was parsed from (see the header comment).
const readBytes = new WeakMap<object, Uint8Array>();

/** The JSON an item of a snapshot was read from, as written (its own line); undefined for any other item. */
export function snapshotItemBytes(item: object): Uint8Array | undefined {
  return readBytes.get(item);
}

/** Where each item's line starts and ends, in a file in the one-item-per-line layout; null for any other layout. */
function lineOffsets(data: Buffer): { starts: number[]; ends: number[] } | null {
  const firstEnd = data.indexOf(NEWLINE);
  if (firstEnd < 0 || data[firstEnd - 1] !== 0x5b /* [ */) return null;
  const starts: number[] = [];
  const ends: number[] = [];
  let start = firstEnd + 1;
  for (;;) {
    const end = data.indexOf(NEWLINE, start);
    if (end < 0) return null;
    if (end - start === 2 && data[start] === 0x5d /* ] */ && data[start + 1] === 0x7d /* } */) {
      return end + 1 === data.length ? { starts, ends } : null;
    }
    const itemEnd = data[end - 1] === 0x2c /* , */ ? end - 1 : end;
    if (data[start] !== 0x7b /* { */ || data[itemEnd - 1] !== 0x7d /* } */ || itemEnd <= start) return null;
    starts.push(start);
    ends.push(itemEnd);
    start = end + 1;
  }
}

/** The line of each item, in a file in the one-item-per-line layout; null for any other layout. */
function itemLines(data: Buffer): Buffer[] | null {
  const offsets = lineOffsets(data);
  if (!offsets) return null;
  return offsets.starts.map((start, i) => data.subarray(start, offsets.ends[i]));
}

function parseItems(data: Buffer, path: string): { raw: Partial<SnapshotCollectionFile>; lines: Buffer[] | null } {
  let raw: Partial<SnapshotCollectionFile>;
  try {
    // One parse of the whole document is much faster than one per line; the lines only give each item's bytes.
    raw = JSON.parse(data.toString('utf8')) as Partial<SnapshotCollectionFile>;
  } catch {
    throw new SnapshotFormatError(`${path} is not valid JSON`);
  }
  // Lines are items only in a file this package wrote that still has one item on each line.
  const layout = raw?.layout === ITEM_PER_LINE ? itemLines(data) : null;
  const lines = layout && Array.isArray(raw.items) && layout.length === raw.items.length ? layout : null;
  return { raw, lines };
}

/** A collection file's bytes; undefined when the file does not exist. */
export async function readSnapshotFile(dir: string, collection: CollectionName): Promise<Buffer | undefined> {
  try {
    return await readFile(snapshotFilePath(dir, collection));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Reads one collection file; undefined when the file does not exist. */
export async function readSnapshotCollection<K extends CollectionName>(
  dir: string,
  collection: K,
): Promise<SnapshotCollection<K> | undefined> {
  const data = await readSnapshotFile(dir, collection);
  return data && decodeSnapshotCollection(data, snapshotFilePath(dir, collection), collection);
}

/** A collection file's items and header, from its bytes. */
export function decodeSnapshotCollection<K extends CollectionName>(
  data: Buffer,
  path: string,
  collection: K,
): SnapshotCollection<K> {
  const { raw, lines } = parseItems(data, path);
  checkHeader(raw, path);
  if (raw.collection !== collection || !Array.isArray(raw.items) || typeof raw.fetchedAt !== 'string') {
    throw new SnapshotFormatError(`${path} is not a valid ${collection} snapshot`);
  }
  const items = raw.items.map((item, i) => revivedItem(item, path, lines?.[i]));
  return {
    items: items as unknown as AccountContent[K],
    fetchedAt: new Date(raw.fetchedAt),
    fingerprint: typeof raw.fingerprint === 'string' ? raw.fingerprint : null,
  };
}

function revivedItem(item: unknown, path: string, line: Buffer | undefined): Record<string, unknown> {
  if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'number') {
    throw new SnapshotFormatError(`${path}: every item needs a numeric id`);
  }
  const revived = reviveDates(item as Record<string, unknown>, path);
  if (line) readBytes.set(revived, line);
  return revived;
}

/**
 * A collection file a sync wrote (one item per line, in list order), read without parsing
 * its items: its header, and each item's id and place in the file. Null for a file in any other form.
 */
export interface SnapshotLines {
  fingerprint: string | null;
  newestModified: Date | undefined;
  ids: number[];
  /** Item `index`'s line. */
  line(index: number): Buffer;
  /** Items `first` to `last` (inclusive) as the file holds them: their lines joined by `,\n`. */
  run(first: number, last: number): Buffer;
}

export function snapshotLinesOf(data: Buffer, path: string, collection: CollectionName): SnapshotLines | null {
  const headerEnd = data.indexOf(NEWLINE);
  if (headerEnd < 0) return null;
  let header: Partial<SnapshotCollectionFile>;
  try {
    header = JSON.parse(`${data.toString('utf8', 0, headerEnd)}]}`) as Partial<SnapshotCollectionFile>;
    checkHeader(header, path);
  } catch {
    return null;
  }
  if (header.collection !== collection || header.layout !== ITEM_PER_LINE || header.order !== LIST_ORDER) return null;
  const newestModified = header.newestModified ? new Date(header.newestModified) : undefined;
  if (newestModified && Number.isNaN(newestModified.getTime())) return null;
  const offsets = lineOffsets(data);
  if (!offsets) return null;
  const { starts, ends } = offsets;
  const ids: number[] = [];
  for (const start of starts) {
    const id = leadingId(data, start);
    if (id === undefined) return null;
    ids.push(id);
  }
  return {
    fingerprint: typeof header.fingerprint === 'string' ? header.fingerprint : null,
    newestModified,
    ids,
    line: (index) => data.subarray(starts[index], ends[index]),
    run: (first, last) => data.subarray(starts[first], ends[last]),
  };
}

const ID_PREFIX = Buffer.from('{"id":');

/** The id of the item line at `start` (`{"id":123,`), as this package writes items. */
function leadingId(data: Buffer, start: number): number | undefined {
  if (data.compare(ID_PREFIX, 0, ID_PREFIX.length, start, start + ID_PREFIX.length) !== 0) return undefined;
  const first = start + ID_PREFIX.length;
  let id = 0;
  let i = first;
  for (; i < data.length && i < first + 16; i++) {
    const byte = data[i]!;
    if (byte < 0x30 || byte > 0x39) break;
    id = id * 10 + (byte - 0x30);
  }
  const next = data[i];
  return i > first && (next === 0x2c /* , */ || next === 0x7d) /* } */ ? id : undefined;
}

/** One item line of a snapshot file, parsed as its reader parses items. */
export function parseSnapshotLine(line: Buffer, path: string): Record<string, unknown> {
  let item: unknown;
  try {
    item = JSON.parse(line.toString('utf8'));
  } catch {
    throw new SnapshotFormatError(`${path} is not valid JSON`);
  }
  return revivedItem(item, path, line);
}

/** Reads the requested collections (default: all); missing files are absent from the result. */
export async function readSnapshotDir(
  dir: string,
  collections: readonly CollectionName[] = COLLECTION_NAMES,
): Promise<SnapshotRead> {
  const out: SnapshotRead = {};
  for (const collection of collections) {
    const read = await readSnapshotCollection(dir, collection);
    if (read) (out as Record<string, unknown>)[collection] = read;
  }
  return out;
}
