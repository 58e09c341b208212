/**
 * Issue 7, item 4: peak RSS of a full sync (our loaders, fresh process, empty stores) at
 * 1×, 4× and 16× account size, where 16× is the large account of item 1. Sizes are
 * interleaved within each repetition. Growth is reported two ways: the log-log slope
 * between 4× and 16× (1.0 is linear) and the marginal memory per item on each segment
 * (super-linear growth shows as a marginal cost that rises with size).
 */
import { LARGE_ACCOUNT, scaledCounts, totalItems, type AccountCounts } from './account.js';
import { CONCURRENCY, freshSite, loadersJob, runSync } from './bench-sync.js';
import type { BenchConfig } from './config.js';
import { startSimulatorProcess, type SimulatorHandle } from './simulator-handle.js';
import { count, formatSummary, interleaved, mib, seconds, summarize } from './stats.js';
import { goal, type Table } from './table.js';

const MULTIPLES = [1, 4, 16] as const;

export async function benchMemory(config: BenchConfig): Promise<Table[]> {
  const largest = config.quick ? 1 / 20 : 1;
  const sizes = MULTIPLES.map((m) => ({ multiple: m, counts: scaledCounts(LARGE_ACCOUNT, (largest * m) / 16) }));
  const reps = config.reps(2, 1);
  const sims = new Map<number, SimulatorHandle>();
  const rss = new Map<number, number[]>(MULTIPLES.map((m) => [m, []]));
  const wall = new Map<number, number[]>(MULTIPLES.map((m) => [m, []]));
  try {
    for (const { multiple, counts } of sizes) sims.set(multiple, await startSimulatorProcess({ latencyMs: 0, counts }));
    for (let rep = 0; rep < reps; rep++) {
      for (const { multiple } of interleaved(sizes, rep)) {
        config.progress(`memory ${rep + 1}/${reps}: ${multiple}× account`);
        const site = await freshSite(config, `memory-${multiple}x-${rep}`);
        const run = await runSync(sims.get(multiple)!, loadersJob(site), config);
        rss.get(multiple)!.push(run.report.maxRssBytes);
        wall.get(multiple)!.push(run.report.ms);
      }
    }
  } finally {
    await Promise.all([...sims.values()].map((sim) => sim.close()));
  }

  const items = (c: AccountCounts) => totalItems(c);
  const median = (m: number) => summarize(rss.get(m)!).median;
  const n = (m: number) => items(sizes.find((s) => s.multiple === m)!.counts);
  const exponent = Math.log(median(16) / median(4)) / Math.log(n(16) / n(4));
  const marginal = (a: number, b: number) => (median(b) - median(a)) / (n(b) - n(a));
  const lower = marginal(1, 4);
  const upper = marginal(4, 16);
  const kibPerItem = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB/item`;
  return [
    {
      title: '4. Memory: peak RSS of a full sync at 1×, 4× and 16× account size',
      columns: ['Account', 'Items', 'Peak RSS', 'Sync time (no latency)', 'Marginal memory'],
      rows: sizes.map(({ multiple, counts }, i) => [
        `${multiple}×`,
        count(items(counts)),
        formatSummary(summarize(rss.get(multiple)!), mib),
        formatSummary(summarize(wall.get(multiple)!), seconds),
        i === 0 ? '' : kibPerItem(i === 1 ? lower : upper),
      ]),
      notes: [
        `Goal: no faster than linear growth: ${goal(exponent <= 1, `log-log slope 4×→16× = ${exponent.toFixed(2)}; marginal ${kibPerItem(upper)} above 4× vs ${kibPerItem(lower)} below`)}.`,
        `Peak RSS of the sync process (process.resourceUsage().maxRSS), loaders run as in a build (fake Astro store holding every entry), simulator in its own process; concurrency ${CONCURRENCY}, ${reps} repetition(s), sizes interleaved.`,
      ],
    },
  ];
}
