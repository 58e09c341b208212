/**
 * Issue 7, items 1 and 2: a full sync of the large account over 50 ms of injected latency
 * per request, three ways (our loaders; the naive hand-written loop; the physical bound
 * ceil(requests / concurrency) × latency), then rebuilds with no change and with a small
 * change. Each repetition runs every variant once, side by side against the same
 * simulator, and every ratio is taken within a repetition.
 *
 * Our loaders run twice per repetition: a first build (empty data store, empty media
 * cache: in `media: 'remote'` mode the loaders measure every image's width/height on the
 * media origin) and a build whose media sizes are already cached, which isolates the API
 * sync the bound is about. The media origin answers after MEDIA_LATENCY_MS, like a CDN
 * across the network: only the first build talks to it (the other variants either have
 * the sizes cached or, the naive loop, measure nothing), so that delay shows what
 * measuring image sizes costs a real first build.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COLLECTION_NAMES } from '../../src/sync/account-data.js';
import { IMAGE_PROBE_CONCURRENCY } from '../../src/sync/media/media-cache.js';
import { LARGE_ACCOUNT, scaledCounts, totalItems } from './account.js';
import type { BenchConfig } from './config.js';
import { runScript } from './processes.js';
import type { AccountChange } from './account-changes.js';
import type { RequestCounts } from './sim-process.js';
import { startSimulatorProcess, type SimulatorHandle } from './simulator-handle.js';
import { count, formatSummary, interleaved, pairedRatios, seconds, summarize, times } from './stats.js';
import type { SyncJob, SyncReport } from './sync-process.js';
import { goal, type Table } from './table.js';

const SYNC_SCRIPT = fileURLToPath(new URL('./sync-process.ts', import.meta.url));
export const LATENCY_MS = 50;
/** A CDN round trip for each image-size request (first build only; see above). */
export const MEDIA_LATENCY_MS = 30;
/** The client's default; passed explicitly so the bound and the loaders use the same number. */
export const CONCURRENCY = 6;
const BOUND_GOAL = 1.2;
/** Issue 19's goal for the sync with image sizes cached, measured in the same run. */
const CACHED_BOUND_GOAL = 1.1;
/** One cheap check per collection. */
const NO_CHANGE_REQUEST_GOAL = COLLECTION_NAMES.length;

export interface SiteDirs {
  root: string;
  cacheDir: string;
  stateFile: string;
}

export async function freshSite(config: BenchConfig, name: string): Promise<SiteDirs> {
  const root = await config.tempDir(name);
  return { root, cacheDir: join(root, '.cache'), stateFile: join(root, '.cache', 'data-store.v8') };
}

/** The media cache's index (measured image sizes) of a site, as the loaders lay it out. */
const mediaIndexOf = (site: SiteDirs) => join(site.cacheDir, 'astro-stagebloc', 'media', 'index.json');

export interface SyncRun {
  report: SyncReport;
  requests: RequestCounts;
}

export async function runSync(sim: SimulatorHandle, job: SyncJob, config: BenchConfig): Promise<SyncRun> {
  await sim.clearRequests();
  const { result, stderr } = await runScript<SyncReport>(SYNC_SCRIPT, {
    env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token },
    args: [JSON.stringify({ ...job, verbose: config.verbose })],
    ...(config.profileDir
      ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}/sync-${job.variant}`] }
      : {}),
  });
  if (config.verbose) process.stderr.write(stderr);
  const requests = await sim.requests();
  if (requests.failed > 0) throw new Error(`${requests.failed} API request(s) failed during a ${job.variant} sync`);
  return { report: result, requests };
}

export const loadersJob = (site: SiteDirs): SyncJob => ({
  variant: 'loaders',
  root: site.root,
  cacheDir: site.cacheDir,
  stateFile: site.stateFile,
  concurrency: CONCURRENCY,
});

export const boundMs = (requests: number) => Math.ceil(requests / CONCURRENCY) * LATENCY_MS;
/** The same bound for the first build's image-size requests: the media cache's own limit, the media origin's latency. */
const mediaBoundMs = (requests: number) => Math.ceil(requests / IMAGE_PROBE_CONCURRENCY) * MEDIA_LATENCY_MS;

interface Repetition {
  cold: SyncRun;
  warm: SyncRun;
  naive: SyncRun;
  noChange: SyncRun;
  changes: Record<AccountChange, SyncRun>;
}

/** The rebuild rows after the no-change one, in the order they run (each on top of the last). */
const CHANGES: ReadonlyArray<{ change: AccountChange; label: string }> = [
  { change: 'new-post', label: 'One new blog post' },
  { change: 'new-event', label: 'One new tour date' },
  { change: 'edits', label: '10 items edited (4 posts, 3 photos, 3 tracks)' },
  { change: 'deletions', label: '3 items deleted (a post, a photo, a track)' },
  { change: 'edits-and-deletions', label: '10 items edited, 3 deleted (blog, photos, tracks)' },
];
/** Requests a head walk may add per changed collection (issue 19). */
const HEAD_REQUESTS_GOAL = 2;

export async function benchSync(config: BenchConfig): Promise<Table[]> {
  const counts = config.quick ? scaledCounts(LARGE_ACCOUNT, 1 / 20) : LARGE_ACCOUNT;
  const reps = config.reps(3, 1);
  config.progress(
    `sync: starting the simulator (${count(totalItems(counts))} items, ${LATENCY_MS} ms API / ${MEDIA_LATENCY_MS} ms media latency)`,
  );
  const sim = await startSimulatorProcess({ latencyMs: LATENCY_MS, mediaLatencyMs: MEDIA_LATENCY_MS, counts });
  const runs: Repetition[] = [];
  try {
    for (let rep = 0; rep < reps; rep++) {
      // The first build always goes first: the cached-media variant starts from its media index.
      const coldSite = await freshSite(config, `sync-cold-${rep}`);
      config.progress(`sync ${rep + 1}/${reps}: our loaders, first build`);
      const cold = await runSync(sim, loadersJob(coldSite), config);
      const results: Partial<Repetition> = { cold };
      for (const variant of interleaved(['warm', 'naive'] as const, rep)) {
        config.progress(
          `sync ${rep + 1}/${reps}: ${variant === 'warm' ? 'our loaders, media sizes cached' : 'naive loop'}`,
        );
        if (variant === 'naive') {
          results.naive = await runSync(sim, { variant: 'naive' }, config);
        } else {
          const warmSite = await freshSite(config, `sync-warm-${rep}`);
          await mkdir(dirname(mediaIndexOf(warmSite)), { recursive: true });
          await copyFile(mediaIndexOf(coldSite), mediaIndexOf(warmSite)).catch(() => undefined);
          results.warm = await runSync(sim, loadersJob(warmSite), config);
        }
      }
      config.progress(`sync ${rep + 1}/${reps}: rebuild with no change`);
      results.noChange = await runSync(sim, loadersJob(coldSite), config);
      const changes: Partial<Record<AccountChange, SyncRun>> = {};
      for (const { change, label } of CHANGES) {
        config.progress(`sync ${rep + 1}/${reps}: rebuild after: ${label}`);
        await sim.change(change);
        changes[change] = await runSync(sim, loadersJob(coldSite), config);
      }
      results.changes = changes as Record<AccountChange, SyncRun>;
      runs.push(results as Repetition);
    }
  } finally {
    await sim.close();
  }
  return [fullSyncTable(runs, counts), rebuildTable(runs)];
}

const ms = (runs: Repetition[], pick: (r: Repetition) => SyncRun) => runs.map((r) => pick(r).report.ms);
const requestsOf = (runs: Repetition[], pick: (r: Repetition) => SyncRun) =>
  summarize(runs.map((r) => pick(r).requests.total));
const fmtRequests = (s: ReturnType<typeof summarize>) => formatSummary(s, count);

function fullSyncTable(runs: Repetition[], counts: typeof LARGE_ACCOUNT): Table {
  const cold = ms(runs, (r) => r.cold);
  const warm = ms(runs, (r) => r.warm);
  const naive = ms(runs, (r) => r.naive);
  const coldBound = runs.map((r) => boundMs(r.cold.requests.total));
  const warmBound = runs.map((r) => boundMs(r.warm.requests.total));
  const naiveBound = runs.map((r) => boundMs(r.naive.requests.total));
  const warmToBound = summarize(pairedRatios(warm, warmBound));
  const coldToBound = summarize(pairedRatios(cold, coldBound));
  // A first build also measures its images on the media origin, through its own limit and at
  // its own latency, alongside the API walk: its bound is the slower of the two.
  const coldMediaBound = runs.map((r) => mediaBoundMs(r.cold.requests.media));
  const coldFullBound = runs.map((_r, i) => Math.max(coldBound[i]!, coldMediaBound[i]!));
  const coldToFullBound = summarize(pairedRatios(cold, coldFullBound));
  const mediaRequests = summarize(runs.map((r) => r.cold.requests.media));
  const entries = runs[0]!.cold.report.entries;
  const row = (name: string, requests: string, wall: number[], bound: number[], baseline: number[]) => [
    name,
    requests,
    formatSummary(summarize(wall), seconds),
    formatSummary(summarize(pairedRatios(wall, bound)), times),
    formatSummary(summarize(pairedRatios(baseline, wall)), times),
  ];
  return {
    title:
      `1. Full sync: ${count(counts.blog)} blog entries, ${count(counts.photos)} photos in ${count(counts.albums)} albums, ${count(counts.tracks)} tracks in ${count(counts.playlists)} playlists, ` +
      `${count(counts.events)} events, ${count(counts.videos)} videos, ${count(counts.statuses)} statuses, ${LATENCY_MS} ms latency per request`,
    columns: ['Variant', 'API requests', 'Wall time', '× bound', 'Speed-up vs naive'],
    rows: [
      [
        'Physical bound ⌈requests / 6⌉ × 50 ms (our requests)',
        fmtRequests(requestsOf(runs, (r) => r.warm)),
        formatSummary(summarize(warmBound), seconds),
        '1.00×',
        formatSummary(summarize(pairedRatios(naive, warmBound)), times),
      ],
      row(
        `Our loaders, first build (plus ≈${count(mediaRequests.median)} image-size requests to the media origin, ${MEDIA_LATENCY_MS} ms each)`,
        fmtRequests(requestsOf(runs, (r) => r.cold)),
        cold,
        coldBound,
        naive,
      ),
      row(
        'Our loaders, image sizes already cached',
        fmtRequests(requestsOf(runs, (r) => r.warm)),
        warm,
        warmBound,
        naive,
      ),
      row(
        'Naive loop: sequential fetch + JSON.parse',
        fmtRequests(requestsOf(runs, (r) => r.naive)),
        naive,
        naiveBound,
        naive,
      ),
    ],
    notes: [
      `Goal: within ${BOUND_GOAL}× of the bound — API sync (sizes cached): ${goal(warmToBound.median <= BOUND_GOAL, `${times(warmToBound.median)}`)}; first build: ${goal(coldToBound.median <= BOUND_GOAL, `${times(coldToBound.median)} the API-only bound`)}, ${times(coldToFullBound.median)} the bound that also counts its media requests (max of the API bound and ⌈${count(mediaRequests.median)} / ${IMAGE_PROBE_CONCURRENCY}⌉ × ${MEDIA_LATENCY_MS} ms = ${seconds(summarize(coldMediaBound).median)}).`,
      `Goal: the API sync with image sizes cached within ${CACHED_BOUND_GOAL}× of its bound: ${goal(warmToBound.median <= CACHED_BOUND_GOAL, `${times(warmToBound.median)}, ${times(warmToBound.max)} at most`)}.`,
      `Entries stored: ${Object.entries(entries)
        .map(([c, n]) => `${c} ${count(n)}`)
        .join(
          ', ',
        )} (private items are left out, drafts are not requested). Concurrency ${CONCURRENCY} (the client's default), page size 50.`,
      `${runs.length} repetition(s); median (min–max); ratios are per repetition. Each sync runs in a fresh process against the simulator in another process.`,
      pipeNote(runs.map((r) => r.warm.requests.pipe)),
      `The simulator answers each API request ${LATENCY_MS} ms after it arrives (it prepares the answer during the wait), as the bound assumes; our loaders keep at most ${CONCURRENCY} API requests in flight.`,
      `The media origin answers each request after ${MEDIA_LATENCY_MS} ms (a CDN round trip); only the first build makes media requests (it measures image sizes while the API walk runs, at most ${IMAGE_PROBE_CONCURRENCY} at a time), so only its row includes that cost (the "× bound" column counts API requests only; the goal line also compares the first build with a bound that counts its media requests).`,
    ],
  };
}

/** How full the sync kept the pipe, as the simulator saw it: the share of the walk with all CONCURRENCY requests in flight. */
function pipeNote(pipes: ReadonlyArray<RequestCounts['pipe']>): string {
  const known = pipes.filter((pipe) => pipe !== undefined);
  if (known.length === 0) return 'The simulator did not record request times.';
  const full = known.map((pipe) => (pipe.msWithInFlight[CONCURRENCY] ?? 0) / pipe.spanMs);
  const spans = known.map((pipe) => pipe.spanMs);
  return (
    `Image sizes cached: from the first request's arrival to the last answer ${formatSummary(summarize(spans), seconds)}, ` +
    `with all ${CONCURRENCY} requests in flight ${formatSummary(summarize(full), (x) => `${Math.round(x * 100)}%`)} of that time; ` +
    `the simulator held each answer ${formatSummary(summarize(known.map((pipe) => pipe.meanAnswerMs)), (x) => `${x.toFixed(1)} ms`)} on average, so the rest of the gap to the bound is time a request waited to be sent (on the client's CPU work, or for the simulator to read it).`
  );
}

function rebuildTable(runs: Repetition[]): Table {
  const cold = ms(runs, (r) => r.cold);
  const noChange = ms(runs, (r) => r.noChange);
  const noChangeRequests = requestsOf(runs, (r) => r.noChange);
  const change = (name: AccountChange) => (r: Repetition) => r.changes[name];
  const rows = CHANGES.map(({ change: name, label }) => {
    const wall = ms(runs, change(name));
    const writes = summarize(
      runs.map((r) => (r.changes[name].report.changed ?? 0) + (r.changes[name].report.removed ?? 0)),
    );
    return [
      label,
      fmtRequests(requestsOf(runs, change(name))),
      formatSummary(summarize(wall), seconds),
      formatSummary(summarize(pairedRatios(wall, cold)), times),
      formatSummary(writes, count),
    ];
  });
  const requestGoal = (name: AccountChange, changed: number) => {
    const most = requestsOf(runs, change(name)).max;
    const limit = NO_CHANGE_REQUEST_GOAL + changed * HEAD_REQUESTS_GOAL;
    return goal(
      most <= limit,
      `${most} requests, at most ${NO_CHANGE_REQUEST_GOAL} + ${changed} × ${HEAD_REQUESTS_GOAL}`,
    );
  };
  // The edits' time goal: the no-change rebuild plus the round trips of the requests it adds, with 20% to spare.
  const editTimeLimits = runs.map(
    (r) => 1.2 * (r.noChange.report.ms + boundMs(r.changes.edits.requests.total - r.noChange.requests.total)),
  );
  const editTimes = ms(runs, change('edits'));
  const walked = (name: AccountChange) =>
    Object.entries(runs[0]!.changes[name].requests.byEndpoint)
      .map(([endpoint, n]) => `${endpoint} ${count(n)}`)
      .join(', ');
  return {
    title: '2. Rebuilds against the same account (data store and caches kept)',
    columns: ['Rebuild', 'API requests', 'Wall time', 'vs full sync (first build)', 'Store writes/deletions'],
    rows: [
      [
        'Full sync, first build',
        fmtRequests(requestsOf(runs, (r) => r.cold)),
        formatSummary(summarize(cold), seconds),
        '1.00×',
        '-',
      ],
      [
        'No change',
        fmtRequests(noChangeRequests),
        formatSummary(summarize(noChange), seconds),
        formatSummary(summarize(pairedRatios(noChange, cold)), times),
        '0',
      ],
      ...rows,
    ],
    notes: [
      `Goal: no-change rebuild in ≤ ${NO_CHANGE_REQUEST_GOAL} requests: ${goal(noChangeRequests.max <= NO_CHANGE_REQUEST_GOAL, `${noChangeRequests.max} requests`)}.`,
      `Goal: one new post in ≤ ${NO_CHANGE_REQUEST_GOAL} + ${HEAD_REQUESTS_GOAL} requests: ${requestGoal('new-post', 1)}; one new tour date, the same: ${requestGoal('new-event', 1)}; 10 edits in three collections: ${requestGoal('edits', 3)}, ` +
        `and within 1.2× the no-change rebuild plus the added requests' round trips: ${goal(
          editTimes.every((t, i) => t <= editTimeLimits[i]!),
          `${seconds(summarize(editTimes).median)} against ${seconds(summarize(editTimeLimits).median)}`,
        )}.`,
      `Requests per endpoint (first repetition) — 3 deletions: ${walked('deletions')}; 10 edits: ${walked('edits')}; one new post: ${walked('new-post')}; one new tour date: ${walked('new-event')}.`,
      'Each change is applied on top of the previous ones, later than anything before it, and the loaders re-set only entries whose digest changed.',
      'The new post, the new tour date and the edits reach no entry but their own items: those rebuilds map the changed items alone and read no other part of the stored copy (the last-good snapshot) than their lines. A change that reaches other entries (the deletions here) reads the whole stored copy and checks every entry against what it was made from.',
    ],
  };
}
