/**
 * Issue 7, item 3: `astro build` of the same fixture site (test/bench/fixtures/build-site:
 * an index, a page per post, album and playlist) with our loaders versus a trivial loader
 * that sets the same entries from memory. Wall time and peak RSS of the whole build
 * process, three builds per repetition, interleaved:
 *  - memory: the trivial loader, entries from a JSON file written from our own sync;
 *  - stagebloc: our loaders against the simulator, from an empty cache (a first build);
 *  - stagebloc, caches kept: the same with the loaders' caches kept (measured image sizes
 *    and sanitized HTML: a CI that keeps Astro's cacheDir but builds changed content), so
 *    only the API sync and mapping remain.
 * Every build starts from a fresh copy of the site (no data store).
 */
import { copyFile, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LARGE_ACCOUNT, scaledCounts, totalItems } from './account.js';
import { readHostState } from './astro-host.js';
import { astroBuild, copySite, type SiteCopy } from './astro-site.js';
import { freshSite, loadersJob, runSync } from './bench-sync.js';
import type { BenchConfig } from './config.js';
import { startSimulatorProcess, type SimulatorHandle } from './simulator-handle.js';
import { count, formatSummary, interleaved, mib, pairedRatios, seconds, summarize, times } from './stats.js';
import { goal, type Table } from './table.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/build-site', import.meta.url));
const TIME_GOAL = 1.15;

type Variant = 'memory' | 'stagebloc' | 'stagebloc-cached';
const VARIANTS: Variant[] = ['memory', 'stagebloc', 'stagebloc-cached'];

/** Entries exactly as our loaders stored them, for the trivial loader to set again. */
async function writeEntriesFile(
  sim: SimulatorHandle,
  config: BenchConfig,
): Promise<{ file: string; cacheDir: string; entries: number }> {
  const site = await freshSite(config, 'build-entries');
  await runSync(sim, loadersJob(site), config);
  const state = await readHostState(site.stateFile);
  const out: Record<string, Array<{ id: string; data: unknown; rendered?: unknown }>> = {};
  let entries = 0;
  for (const [collection, store] of Object.entries(state.stores)) {
    out[collection] = [...store.values()].map(({ id, data, rendered }) => ({
      id,
      data,
      ...(rendered ? { rendered } : {}),
    }));
    entries += store.size;
  }
  const file = join(site.root, 'entries.json');
  await writeFile(file, JSON.stringify(out));
  return { file, cacheDir: join(site.cacheDir, 'astro-stagebloc'), entries };
}

export async function benchBuild(config: BenchConfig): Promise<Table[]> {
  const counts = scaledCounts(LARGE_ACCOUNT, config.quick ? 1 / 40 : 1 / 4);
  // Twelve: single builds on a shared 2-core machine vary by ±15%, and the goal is judged on the median ratio.
  const reps = config.reps(12, 1);
  const sim = await startSimulatorProcess({ latencyMs: 0, counts });
  const ms = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const rss = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const cpu = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  const sync = Object.fromEntries(VARIANTS.map((v) => [v, [] as number[]])) as Record<Variant, number[]>;
  let pages = 0;
  let entries = 0;
  /** Media-origin requests of a first build (image-size probes). */
  let probes = 0;
  try {
    config.progress(`build: writing the trivial loader's entries (${count(totalItems(counts))} items)`);
    const prepared = await writeEntriesFile(sim, config);
    entries = prepared.entries;
    // One untimed build first, so the first timed build does not pay for cold OS file caches alone.
    const builds = [
      { variant: 'memory' as Variant, timed: false },
      ...Array.from({ length: reps }, (_, rep) =>
        interleaved(VARIANTS, rep).map((v) => ({ variant: v, timed: true })),
      ).flat(),
    ];
    let done = 0;
    for (const { variant, timed } of builds) {
      config.progress(`build ${timed ? `${Math.floor(done / VARIANTS.length) + 1}/${reps}` : 'warm-up'}: ${variant}`);
      const site = await copySite(FIXTURE, config, `build-${variant}`);
      if (variant === 'stagebloc-cached') await copyLoaderCaches(prepared.cacheDir, site);
      await sim.clearRequests();
      const result = await astroBuild(
        site,
        {
          BENCH_LOADER: variant === 'memory' ? 'memory' : 'stagebloc',
          BENCH_ENTRIES: prepared.file,
          STAGEBLOC_API_URL: sim.apiUrl,
          STAGEBLOC_ACCESS_TOKEN: sim.token,
        },
        config.profileDir && timed
          ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${config.profileDir}/build-${variant}`] }
          : {},
      );
      pages = Number(/(\d+) page\(s\) built/.exec(result.output)?.[1] ?? pages);
      if (variant === 'stagebloc') probes = (await sim.requests()).media;
      if (timed) {
        ms[variant].push(result.ms);
        rss[variant].push(result.maxRssBytes);
        cpu[variant].push(result.cpuMs);
        if (result.syncMs !== undefined) sync[variant].push(result.syncMs);
        done++;
      }
    }
  } finally {
    await sim.close();
  }
  const timeRatio = (v: Variant) => summarize(pairedRatios(ms[v], ms.memory));
  const rssRatio = (v: Variant) => summarize(pairedRatios(rss[v], rss.memory));
  const cpuRatio = (v: Variant) => summarize(pairedRatios(cpu[v], cpu.memory));
  // Astro's own timing of its content sync phase: where the loaders differ (the rest of the build is the same work).
  const syncCell = (v: Variant) => (sync[v].length === reps ? formatSummary(summarize(sync[v]), seconds) : 'n/a');
  const row = (name: string, v: Variant) => [
    name,
    formatSummary(summarize(ms[v]), seconds),
    v === 'memory' ? '1.00×' : formatSummary(timeRatio(v), times),
    formatSummary(summarize(rss[v]), mib),
    v === 'memory' ? '1.00×' : formatSummary(rssRatio(v), times),
    v === 'memory' ? '1.00×' : formatSummary(cpuRatio(v), times),
    syncCell(v),
  ];
  return [
    {
      title: `3. Build overhead: astro build of the same site (${count(pages)} pages from ${count(entries)} entries)`,
      columns: [
        'Loader',
        'Build time',
        'Time vs trivial',
        'Peak RSS',
        'RSS vs trivial',
        'CPU time vs trivial',
        'Content sync phase',
      ],
      rows: [
        row('Trivial loader, same entries from memory', 'memory'),
        row('Our loaders, first build (image sizes measured)', 'stagebloc'),
        row('Our loaders, caches kept (image sizes, sanitized HTML)', 'stagebloc-cached'),
      ],
      notes: [
        `Goal: ≤ ${TIME_GOAL}× the trivial loader's build time — caches kept: ${goal(timeRatio('stagebloc-cached').median <= TIME_GOAL, times(timeRatio('stagebloc-cached').median))}; first build: ${goal(timeRatio('stagebloc').median <= TIME_GOAL, times(timeRatio('stagebloc').median))}, as it also measures every published image over HTTP (${count(probes)} requests to the media origin), which the trivial loader is handed with its entries (see Limits).`,
        `Account: ${count(counts.blog)} posts, ${count(counts.photos)} photos in ${count(counts.albums)} albums, ${count(counts.tracks)} tracks in ${count(counts.playlists)} playlists, served by the simulator on localhost without injected latency. Wall time, peak RSS and CPU time (user + system, all threads) of the whole \`astro build\` process; fresh site copy (no data store) every build; ${reps} repetition(s) after one untimed warm-up build.`,
        `"Content sync phase" is Astro's own timing of its content sync and type generation ("[types] Generated"), where the loaders run; everything after it is the same work for every variant. The trivial loader is handed finished entries: it fetches, decodes, sanitizes and measures nothing.`,
      ],
    },
  ];
}

/** The media cache's size index and the sanitized-HTML cache, without the snapshot or the data store. */
async function copyLoaderCaches(from: string, site: SiteCopy): Promise<void> {
  const to = join(site.root, '.cache', 'astro-stagebloc');
  await mkdir(join(to, 'media'), { recursive: true });
  await copyFile(join(from, 'media', 'index.json'), join(to, 'media', 'index.json'));
  for (const name of await readdir(from)) {
    if (/^sanitized-.*\.json$/.test(name)) await copyFile(join(from, name), join(to, name));
  }
}
