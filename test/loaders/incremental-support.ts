/**
 * Shared pieces of the incremental-sync tests: a site whose data store and caches persist
 * between syncs (the bench's in-process Astro host, over real HTTP to the simulator), a
 * from-scratch sync of the same account to compare with, and the requests each sync sent.
 */
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { startSimulator, type DemoAccount, type Simulator } from '../../src/simulator/index.js';

export { newestModified } from '../../src/simulator/mutations.js';
import { COLLECTION_NAMES } from '../../src/sync/account-data.js';
import { readSnapshotDir } from '../../src/sync/snapshot-format.js';
import { runLoaders, type HostOptions, type HostState } from '../bench/astro-host.js';

/** Page size of every sync in these tests: small, so heads and walks span pages. */
export const OPTIONS = { pageSize: 10 };

export interface TestBench {
  sim: Simulator;
  /** Serves a fresh copy of the demo account as the simulator first served it. */
  resetAccount(): void;
}

/** A simulator for the file's tests (started before them, closed with their sites after them). */
export function useSimulator(): TestBench {
  const bench = {} as TestBench;
  let pristine: DemoAccount;
  beforeAll(async () => {
    bench.sim = await startSimulator({ port: 0 });
    pristine = structuredClone(bench.sim.account);
    bench.resetAccount = () => void (bench.sim.account = structuredClone(pristine));
  });
  afterAll(async () => {
    await bench.sim?.close();
    await removeSites();
  });
  return bench;
}

export interface TestSite {
  root: string;
  state: HostState;
}

const dirs: string[] = [];

export async function newSite(): Promise<TestSite> {
  const root = await mkdtemp(join(tmpdir(), 'sb-incremental-'));
  dirs.push(root);
  return { root, state: { stores: {}, meta: {} } };
}

export async function removeSites(): Promise<void> {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

const cacheDirOf = (site: TestSite) => join(site.root, '.cache');
const mediaIndexOf = (site: TestSite) => join(cacheDirOf(site), 'astro-stagebloc', 'media', 'index.json');

export interface SyncOptions {
  pageSize: number;
  env?: Record<string, string>;
  onParseData?: HostOptions['onParseData'];
  onLog?: HostOptions['onLog'];
  /** Media mode of the loaders (default: the loaders' own). */
  media?: 'remote' | 'self-host';
}

/** One sync of the site against the simulator; returns the API requests it sent. */
export async function syncSite(sim: Simulator, site: TestSite, options: SyncOptions): Promise<Simulator['requests']> {
  sim.clearRequests();
  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(options.env ?? {})) {
    saved.set(name, process.env[name]);
    process.env[name] = value;
  }
  try {
    await runLoaders(site.state, {
      root: site.root,
      cacheDir: cacheDirOf(site),
      loaderOptions: {
        accessToken: sim.token,
        baseUrl: sim.apiUrl,
        format: 'json',
        pageSize: options.pageSize,
        ...(options.media ? { media: options.media } : {}),
      },
      ...(options.onParseData ? { onParseData: options.onParseData } : {}),
      ...(options.onLog ? { onLog: options.onLog } : {}),
    });
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return [...sim.requests];
}

/**
 * Syncs a new site from scratch (it measures no image twice: it starts with `site`'s image
 * sizes) and expects `site`'s store to equal it, entry for entry, and its last-good snapshot
 * to hold the same items in the same (list) order.
 */
export async function expectSameAsFromScratch(sim: Simulator, site: TestSite, options: SyncOptions): Promise<void> {
  const fresh = await newSite();
  await mkdir(dirname(mediaIndexOf(fresh)), { recursive: true });
  await copyFile(mediaIndexOf(site), mediaIndexOf(fresh)).catch(() => undefined);
  await syncSite(sim, fresh, options);
  for (const collection of COLLECTION_NAMES) {
    const entries = (state: HostState) =>
      [...(state.stores[collection] ?? new Map()).values()]
        .map(({ id, data, rendered }) => ({ id, data, rendered }))
        .sort((a, b) => Number(a.id) - Number(b.id));
    expect(entries(site.state), collection).toEqual(entries(fresh.state));
  }
  const [kept, scratch] = await Promise.all([snapshotOf(site), snapshotOf(fresh)]);
  for (const collection of COLLECTION_NAMES) {
    expect(kept[collection]?.items, `snapshot of ${collection}`).toEqual(scratch[collection]?.items);
    expect(kept[collection]?.fingerprint, `snapshot fingerprint of ${collection}`).toBe(
      scratch[collection]?.fingerprint,
    );
  }
}

/** The loaders' last-good snapshot of a site (it has one source, so one snapshot directory). */
async function snapshotOf(site: TestSite) {
  const root = join(cacheDirOf(site), 'astro-stagebloc', 'snapshot');
  const dirs = await readdir(root);
  expect(dirs).toHaveLength(1);
  // Every file a sync wrote beside the snapshot was either committed or removed.
  expect((await readdir(join(root, dirs[0]!))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  return readSnapshotDir(join(root, dirs[0]!));
}

/**
 * The lists the sync walked in full: pages in the default order (the check and head walks order
 * by modified). /accounts/list takes no parameters, so its one request is always the check.
 */
export function fullWalks(requests: Simulator['requests']): string[] {
  const walk = (query: Record<string, string>) =>
    !('order_by' in query) && !('album_id' in query) && !('playlist_id' in query) && !('id' in query);
  return [
    ...new Set(requests.filter((r) => r.endpoint !== '/accounts/list' && walk(r.query)).map((r) => r.endpoint)),
  ].sort();
}
