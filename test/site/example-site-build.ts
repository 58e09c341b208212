/**
 * One real build of example-site/ (demo account, as `npm run build:site` makes it) shared
 * by every test file of a vitest run: the first worker to ask builds into a temp dir
 * while holding a lock directory, the others wait for its marker. Vitest's forks are
 * children of one process, so the parent pid identifies the run; a later run rebuilds.
 *
 * STAGEBLOC_SITE_DIST=<dir> skips the build and uses an existing one (for quick reruns).
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, astroBuild } from '../helpers/astro-build.js';

export const EXAMPLE_SITE = join(REPO_ROOT, 'example-site');
const OUT = join(tmpdir(), 'astro-stagebloc-example-site-dist');
const LOCK = `${OUT}.lock`;
const MARKER = join(OUT, '.test-build');
const STALE_LOCK_MS = 5 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function markerKey(): Promise<string | undefined> {
  return readFile(MARKER, 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
}

async function build(key: string): Promise<void> {
  await rm(OUT, { recursive: true, force: true });
  const result = await astroBuild({ root: EXAMPLE_SITE, distDir: OUT }, { args: ['--outDir', OUT], timeoutMs: 240_000 });
  if (result.code !== 0) throw new Error(`The example site did not build (exit ${result.code}):\n${result.output.slice(-4000)}`);
  await writeFile(MARKER, key);
}

let pending: Promise<string> | undefined;

/** The example site's dist directory, built once per test run. */
export function exampleSiteDist(): Promise<string> {
  return (pending ??= (async () => {
    if (process.env.STAGEBLOC_SITE_DIST) return process.env.STAGEBLOC_SITE_DIST;
    const key = `run-${process.ppid}`;
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      if ((await markerKey()) === key) return OUT;
      try {
        await mkdir(LOCK);
      } catch {
        // Someone else is building; a lock left by a killed run is taken over after a while.
        const age = await stat(LOCK).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > STALE_LOCK_MS) await rm(LOCK, { recursive: true, force: true });
        await sleep(500);
        continue;
      }
      try {
        if ((await markerKey()) !== key) await build(key);
        return OUT;
      } finally {
        await rm(LOCK, { recursive: true, force: true });
      }
    }
    throw new Error('Timed out waiting for the shared example-site build');
  })());
}
