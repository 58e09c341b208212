/**
 * The on-disk snapshot format shared by the loaders' last-good cache and the CLI's
 * `stagebloc snapshot <dir>`: one versioned JSON file per collection holding the client's
 * normalized objects (model.ts types, dates as ISO strings), plus the playlist/album
 * membership. A snapshot holds content only: never a token or any request header.
 *
 *   <dir>/manifest.json      { format, version, createdAt, collections: [...] }
 *   <dir>/<collection>.json  { format, version, collection, fetchedAt, fingerprint, items }
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { COLLECTION_NAMES, type AccountContent, type CollectionName } from './account-data.js';
import { writeFileAtomic } from './atomic-write.js';

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
  items: T[];
}

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
  /** An item's JSON when it was serialized ahead (it must equal `JSON.stringify(item)`). */
  itemJson?: (item: object) => string | undefined;
}

export function snapshotFilePath(dir: string, collection: CollectionName): string {
  return join(dir, `${collection}.json`);
}

/**
 * Writes the given collections (each file atomically) and then the manifest. Collections
 * not given are left as they are, so groups of collections can be refreshed independently.
 */
export async function writeSnapshotDir(
  dir: string,
  content: Partial<AccountContent>,
  options: WriteSnapshotOptions = {},
): Promise<void> {
  const fetchedAt = (options.fetchedAt ?? new Date()).toISOString();
  const written: CollectionName[] = [];
  for (const collection of COLLECTION_NAMES) {
    const items = content[collection];
    if (!items) continue;
    const file: SnapshotCollectionFile = {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      collection,
      fetchedAt,
      fingerprint: options.fingerprints?.[collection] ?? null,
      items: [],
    };
    const itemJson = options.itemJson ?? (() => undefined);
    const itemsJson = (items as object[]).map((item) => itemJson(item) ?? JSON.stringify(item)).join(',');
    // The same text as JSON.stringify of the whole file: `items` is its last key.
    const text = `${JSON.stringify(file).slice(0, -'[]}'.length)}[${itemsJson}]}`;
    await writeFileAtomic(snapshotFilePath(dir, collection), `${text}\n`);
    written.push(collection);
  }
  const previous = await readManifest(dir).catch(() => null);
  const manifest: SnapshotManifest = {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    createdAt: fetchedAt,
    collections: COLLECTION_NAMES.filter((c) => written.includes(c) || previous?.collections.includes(c)),
  };
  await writeFileAtomic(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
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

function reviveDates(item: Record<string, unknown>, path: string): Record<string, unknown> {
  const out = { ...item };
  for (const field of DATE_FIELDS) {
    const value = out[field];
    if (value === undefined || value === null) continue;
    const date = new Date(value as string);
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) {
      throw new SnapshotFormatError(`${path}: item ${String(out.id)} has an invalid ${field} date`);
    }
    out[field] = date;
  }
  return out;
}

/** Reads one collection file; undefined when the file does not exist. */
export async function readSnapshotCollection<K extends CollectionName>(
  dir: string,
  collection: K,
): Promise<SnapshotCollection<K> | undefined> {
  const path = snapshotFilePath(dir, collection);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let raw: Partial<SnapshotCollectionFile>;
  try {
    raw = JSON.parse(text) as Partial<SnapshotCollectionFile>;
  } catch {
    throw new SnapshotFormatError(`${path} is not valid JSON`);
  }
  checkHeader(raw, path);
  if (raw.collection !== collection || !Array.isArray(raw.items) || typeof raw.fetchedAt !== 'string') {
    throw new SnapshotFormatError(`${path} is not a valid ${collection} snapshot`);
  }
  const items = raw.items.map((item) => {
    if (!item || typeof item !== 'object' || typeof (item as { id?: unknown }).id !== 'number') {
      throw new SnapshotFormatError(`${path}: every item needs a numeric id`);
    }
    return reviveDates(item as Record<string, unknown>, path);
  });
  return {
    items: items as unknown as AccountContent[K],
    fetchedAt: new Date(raw.fetchedAt),
    fingerprint: typeof raw.fingerprint === 'string' ? raw.fingerprint : null,
  };
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
