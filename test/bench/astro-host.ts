/**
 * Runs the package's Content Layer loaders the way Astro's content sync does, without
 * Astro's Vite start-up: all five loaders at once, each with a LoaderContext whose store
 * keeps entries by digest (`set` returns false for an unchanged digest, as Astro's
 * MutableDataStore does), a meta store, `parseData` validating with the collection
 * schema, and Astro's own digest function (xxhash64 of the JSON). The stores persist
 * between processes in a state file, as Astro's data store does between builds, so a
 * second process sees a rebuild. `astro build` itself is measured in bench-build.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import type { AstroConfig } from 'astro';
import type { LoaderContext } from 'astro/loaders';
import xxhash from 'xxhash-wasm';
import { COLLECTION_NAMES, type CollectionName } from '../../src/sync/account-data.js';
import { createCollectionLoader, type CollectionLoaderOptions } from '../../src/loaders/loader.js';
import { collectionSchemas } from '../../src/loaders/schemas.js';

interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  digest?: string | number;
  rendered?: unknown;
}

export interface HostState {
  stores: Record<string, Map<string, StoredEntry>>;
  meta: Record<string, Map<string, string>>;
}

export async function readHostState(file: string): Promise<HostState> {
  try {
    return deserialize(await readFile(file)) as HostState;
  } catch {
    return { stores: {}, meta: {} };
  }
}

/**
 * Written and flushed to disk before the process reports: the next measured sync (often the next
 * process, a moment later) must not pay for flushing this one's writes when it syncs a file of its own.
 */
export async function writeHostState(file: string, state: HostState): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, serialize(state), { flush: true });
}

export interface SyncOutcome {
  entries: Record<CollectionName, number>;
  /** Entries whose digest changed (Astro re-renders those). */
  changed: number;
  removed: number;
  logLines: number;
}

export interface HostOptions {
  /** Site root and Astro cacheDir (the loaders keep their snapshot and media cache under it). */
  root: string;
  cacheDir: string;
  loaderOptions: CollectionLoaderOptions;
  /** Print the loaders' log lines to stderr. */
  verbose?: boolean;
  /** Sees every entry the loaders validate (tests count them). */
  onParseData?: (collection: CollectionName, id: string) => void;
  /** Sees every line the loaders log. */
  onLog?: (level: string, message: string) => void;
}

export async function runLoaders(state: HostState, options: HostOptions): Promise<SyncOutcome> {
  const { h64ToString } = await xxhash();
  const generateDigest = (data: Record<string, unknown> | string) =>
    h64ToString(typeof data === 'string' ? data : JSON.stringify(data));
  let changed = 0;
  let removed = 0;
  let logLines = 0;
  const started = performance.now();
  const log = (level: string) => (message: string) => {
    logLines++;
    options.onLog?.(level, message);
    const at = ((performance.now() - started) / 1000).toFixed(3);
    if (options.verbose) process.stderr.write(`[${at}s ${level}] ${message}\n`);
  };
  const logger = {
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    debug: () => undefined,
    label: 'astro-stagebloc',
    options: {},
  };
  const config = {
    root: pathToFileURL(`${options.root}/`),
    cacheDir: pathToFileURL(`${options.cacheDir}/`),
    base: '/',
  } as unknown as AstroConfig;

  const contextFor = (collection: CollectionName): LoaderContext => {
    const store = (state.stores[collection] ??= new Map());
    const meta = (state.meta[collection] ??= new Map());
    const schema = collectionSchemas[collection];
    return {
      collection,
      store: {
        get: (id: string) => store.get(id),
        entries: () => [...store.entries()],
        values: () => [...store.values()],
        keys: () => [...store.keys()],
        set: (entry: StoredEntry) => {
          const existing = store.get(entry.id);
          if (entry.digest !== undefined && existing?.digest === entry.digest) return false;
          store.set(entry.id, entry);
          changed++;
          return true;
        },
        delete: (id: string) => {
          if (store.delete(id)) removed++;
        },
        clear: () => store.clear(),
        has: (id: string) => store.has(id),
        addModuleImport: () => undefined,
      },
      meta: {
        get: (key: string) => meta.get(key),
        set: (key: string, value: string) => void meta.set(key, value),
        delete: (key: string) => void meta.delete(key),
        has: (key: string) => meta.has(key),
      },
      logger,
      config,
      parseData: async ({ id, data }: { id: string; data: Record<string, unknown> }) => {
        options.onParseData?.(collection, id);
        const parsed = await schema.safeParseAsync(data);
        if (!parsed.success)
          throw new Error(`${collection} → ${id} data does not match collection schema: ${parsed.error.message}`);
        return parsed.data;
      },
      renderMarkdown: () => {
        throw new Error('renderMarkdown is not used by these loaders');
      },
      generateDigest,
    } as unknown as LoaderContext;
  };

  await Promise.all(COLLECTION_NAMES.map((c) => createCollectionLoader(c, options.loaderOptions).load(contextFor(c))));
  const entries = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, state.stores[c]?.size ?? 0])) as Record<
    CollectionName,
    number
  >;
  return { entries, changed, removed, logLines };
}
