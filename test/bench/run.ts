/**
 * `npm run bench`: runs issue 7's benchmarks, prints one table per benchmark and, after a
 * full run, writes them with the date and machine into the docs' Performance page
 * (docs/src/content/docs/performance.md, between the bench markers only).
 *
 *   BENCH_QUICK=1         small accounts, 1–2 repetitions: checks the bench works (page untouched)
 *   BENCH_ONLY=sync,build which benchmarks to run: sync, build, memory, decode, weight (page untouched)
 *   BENCH_REPS=n          repetitions for every benchmark
 *   BENCH_VERBOSE=1       loader log lines on stderr
 *   BENCH_PROFILE_DIR=dir CPU profiles (--cpu-prof) of every measured sync and build (page untouched)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { configFromEnv, type BenchConfig } from './config.js';
import { describeMachine } from './machine.js';
import { PACKAGE_DIR_ENV, snapshotPackage } from './package-snapshot.js';
import { REPO_ROOT } from './processes.js';
import { RESULTS_PAGE, updateBetweenMarkers } from './results-page.js';
import { renderTable, type Table } from './table.js';

type Benchmark = (config: BenchConfig) => Promise<Table[]>;

// Imported only once the package snapshot is in place (resolve-hook.mjs maps their
// package imports to it), so this process measures the same package as its children.
const BENCHMARKS: Record<string, () => Promise<Benchmark>> = {
  sync: async () => (await import('./bench-sync.js')).benchSync,
  build: async () => (await import('./bench-build.js')).benchBuild,
  memory: async () => (await import('./bench-memory.js')).benchMemory,
  decode: async () => (await import('./bench-decode.js')).benchDecode,
  weight: async () => (await import('./bench-page-weight.js')).benchPageWeight,
  baseline: async () => (await import('./bench-baseline.js')).benchBaseline,
};
/** Run only when named (BENCH_ONLY) or when BENCH_BASELINE names a ref. */
const ON_REQUEST = new Set(['baseline']);

const config = configFromEnv(process.env);
const only = process.env.BENCH_ONLY?.split(',')
  .map((name) => name.trim())
  .filter(Boolean);
for (const name of only ?? []) {
  if (!(name in BENCHMARKS))
    throw new Error(`Unknown benchmark "${name}" in BENCH_ONLY (known: ${Object.keys(BENCHMARKS).join(', ')})`);
}
const selected = Object.keys(BENCHMARKS).filter((name) =>
  only ? only.includes(name) : !ON_REQUEST.has(name) || (name === 'baseline' && Boolean(process.env.BENCH_BASELINE)),
);

const started = performance.now();
const sections: string[] = [];
let failures = 0;
const snapshot = await snapshotPackage();
process.env[PACKAGE_DIR_ENV] = snapshot.dir;
try {
  for (const name of selected) {
    const benchStarted = performance.now();
    try {
      const tables = await (await BENCHMARKS[name]!())(config);
      const text = tables.map(renderTable).join('\n\n');
      sections.push(text);
      process.stdout.write(`\n${text}\n\n`);
    } catch (error) {
      failures++;
      const message = `### ${name}: failed\n\n\`\`\`\n${error instanceof Error ? error.message : String(error)}\n\`\`\``;
      sections.push(message);
      process.stdout.write(`\n${message}\n\n`);
    }
    config.progress(`${name} done in ${((performance.now() - benchStarted) / 1000).toFixed(0)} s`);
  }
} finally {
  await config.cleanup();
  await snapshot.remove();
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
const date = execFileSync('date', ['-u'], { encoding: 'utf8' }).trim();
const header =
  `Measured ${date} on ${describeMachine()} by \`npm run bench\` (${minutes} min${config.quick ? ', BENCH_QUICK' : ''}). ` +
  'Every figure is a median over repetitions with (min–max); ratios compare variants run side by side in the same repetition.';
process.stdout.write(`${header}\n`);

if (config.quick || only || config.profileDir || failures > 0) {
  const why = config.quick
    ? 'quick run'
    : only
      ? 'partial run'
      : config.profileDir
        ? 'profiled run'
        : 'a benchmark failed';
  process.stdout.write(`${RESULTS_PAGE} not updated (${why}).\n`);
} else {
  const update = await updateBetweenMarkers(join(REPO_ROOT, RESULTS_PAGE), `${header}\n\n${sections.join('\n\n')}`);
  process.stdout.write(
    update.written
      ? `${RESULTS_PAGE} updated.\n`
      : `${RESULTS_PAGE} not updated: ${update.reason}; the tables are above.\n`,
  );
}
process.exitCode = failures > 0 ? 1 : 0;
