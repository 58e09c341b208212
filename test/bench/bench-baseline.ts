/**
 * This checkout against BENCH_BASELINE (a git ref), side by side: the full sync of the
 * large account with image sizes cached (the API walk, decoding, normalizing, sanitizing
 * and mapping, without the media origin), each repetition running both versions in turn,
 * alternating which goes first, against one simulator. The ratio is taken within each
 * repetition, so load from elsewhere on the machine weighs on both alike.
 */
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { LARGE_ACCOUNT, scaledCounts, totalItems } from './account.js';
import { prepareBaseline } from './baseline.js';
import { CONCURRENCY, LATENCY_MS, freshSite, loadersJob, runSync, type SiteDirs } from './bench-sync.js';
import type { BenchConfig } from './config.js';
import { runScript } from './processes.js';
import { startSimulatorProcess } from './simulator-handle.js';
import { count, formatSummary, interleaved, pairedRatios, seconds, summarize, times } from './stats.js';
import type { SyncReport } from './sync-process.js';
import type { Table } from './table.js';

const mediaIndexOf = (site: SiteDirs) => join(site.cacheDir, 'astro-stagebloc', 'media', 'index.json');

export async function benchBaseline(config: BenchConfig): Promise<Table[]> {
  const ref = process.env.BENCH_BASELINE;
  if (!ref) throw new Error('BENCH_BASELINE is not set: name the git ref to compare with (e.g. BENCH_BASELINE=v0.1.0)');
  config.progress(`baseline: building ${ref}`);
  const baseline = await prepareBaseline(ref);
  const counts = config.quick ? scaledCounts(LARGE_ACCOUNT, 1 / 20) : LARGE_ACCOUNT;
  const reps = config.reps(6, 2);
  const sim = await startSimulatorProcess({ latencyMs: LATENCY_MS, counts });
  const current: number[] = [];
  const base: number[] = [];
  try {
    // Each version's own first build measures the image sizes it then starts with (the two may
    // keep the media index in different formats); both measure the same images.
    config.progress('baseline: measuring image sizes once per version');
    const seeds = {
      current: await freshSite(config, 'baseline-seed-current'),
      baseline: await freshSite(config, 'baseline-seed-base'),
    };
    await runSync(sim, loadersJob(seeds.current), config);
    const runBaseline = (site: SiteDirs) =>
      runScript<SyncReport>(baseline.syncScript, {
        hook: baseline.hook,
        env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token, BENCH_PACKAGE_DIR: undefined },
        args: [JSON.stringify(loadersJob(site))],
      });
    await runBaseline(seeds.baseline);
    for (let rep = 0; rep < reps; rep++) {
      for (const variant of interleaved(['current', 'baseline'] as const, rep)) {
        config.progress(`baseline ${rep + 1}/${reps}: ${variant === 'current' ? 'this checkout' : baseline.commit}`);
        const site = await freshSite(config, `baseline-${variant}-${rep}`);
        await mkdir(dirname(mediaIndexOf(site)), { recursive: true });
        await copyFile(mediaIndexOf(seeds[variant]), mediaIndexOf(site));
        if (variant === 'current') {
          current.push((await runSync(sim, loadersJob(site), config)).report.ms);
        } else {
          await sim.clearRequests();
          base.push((await runBaseline(site)).result.ms);
        }
      }
    }
  } finally {
    await sim.close();
  }
  const ratio = summarize(pairedRatios(current, base));
  return [
    {
      title: `Baseline: this checkout against ${ref} (${baseline.commit}), full sync with image sizes cached`,
      columns: ['Version', 'Wall time', '× baseline'],
      rows: [
        [`${ref} (${baseline.commit})`, formatSummary(summarize(base), seconds), '1.00×'],
        ['This checkout', formatSummary(summarize(current), seconds), formatSummary(ratio, times)],
      ],
      notes: [
        `${count(totalItems(counts))} items, ${LATENCY_MS} ms API latency, concurrency ${CONCURRENCY}; ${reps} repetition(s), the two versions alternating which goes first; median (min–max) of per-repetition ratios.`,
        "Each version runs its own bench harness in a fresh process on the same node_modules; neither keeps a sanitized-HTML cache, so this is the whole sync's CPU and waiting.",
      ],
    },
  ];
}
