/**
 * One sync in a fresh process (a build starts cold too), reporting its wall time and the
 * process's peak RSS. Usage (from the bench only):
 *   STAGEBLOC_API_URL=… STAGEBLOC_ACCESS_TOKEN=… node --import ./resolve-hook.mjs sync-process.ts '<SyncJob JSON>'
 * The token comes from the environment and is never part of the job or the output.
 */
import type { Format } from '../../src/client/model.js';
import { readHostState, runLoaders, writeHostState } from './astro-host.js';
import { naiveSync } from './naive-sync.js';
import { reportResult } from './processes.js';

export interface SyncJob {
  variant: 'loaders' | 'naive';
  /** loaders: where the fake Astro data store persists between processes. */
  stateFile?: string;
  /** loaders: site root and Astro cacheDir. */
  root?: string;
  cacheDir?: string;
  format?: Format;
  concurrency?: number;
  pageSize?: number;
  verbose?: boolean;
}

export interface SyncReport {
  ms: number;
  maxRssBytes: number;
  entries: Record<string, number>;
  changed?: number;
  removed?: number;
}

const job = JSON.parse(process.argv[2] ?? '{}') as SyncJob;
const apiUrl = process.env.STAGEBLOC_API_URL;
const token = process.env.STAGEBLOC_ACCESS_TOKEN;
if (!apiUrl || !token) throw new Error('sync-process needs STAGEBLOC_API_URL and STAGEBLOC_ACCESS_TOKEN');

if (job.variant === 'naive') {
  const started = performance.now();
  const result = await naiveSync(apiUrl, token);
  const ms = performance.now() - started;
  reportResult({ ms, maxRssBytes: process.resourceUsage().maxRSS * 1024, entries: result.counts } satisfies SyncReport);
} else {
  if (!job.stateFile || !job.root || !job.cacheDir)
    throw new Error('the loaders variant needs stateFile, root and cacheDir');
  const state = await readHostState(job.stateFile);
  const started = performance.now();
  const outcome = await runLoaders(state, {
    root: job.root,
    cacheDir: job.cacheDir,
    verbose: job.verbose ?? false,
    loaderOptions: {
      accessToken: token,
      baseUrl: apiUrl,
      format: job.format ?? 'json',
      ...(job.pageSize ? { pageSize: job.pageSize } : {}),
      ...(job.concurrency ? { client: { concurrency: job.concurrency } } : {}),
    },
  });
  const ms = performance.now() - started;
  await writeHostState(job.stateFile, state);
  reportResult({
    ms,
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    entries: outcome.entries,
    changed: outcome.changed,
    removed: outcome.removed,
  } satisfies SyncReport);
}
