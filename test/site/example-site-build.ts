/**
 * One real build of example-site/ (demo account, as `npm run build:site` makes it) shared
 * by every test file of a vitest run. The site is copied to a temp dir of its own (with
 * node_modules linking to the repo's), so the build's caches never touch the checkout
 * and concurrent test runs on the same machine do not share anything. The first worker
 * to ask builds while holding a lock directory; the others wait for its marker. Vitest's
 * forks are children of one process, so the parent pid names the run.
 *
 * STAGEBLOC_SITE_DIST=<dir> skips the build and uses an existing one (for quick reruns).
 */
import { cp, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT, astroBuild } from '../helpers/astro-build.js';

export const EXAMPLE_SITE = join(REPO_ROOT, 'example-site');
const PREFIX = 'astro-stagebloc-example-site-';
const STALE_LOCK_MS = 5 * 60_000;
const COPY_SKIPS = new Set(['node_modules', 'dist', '.astro', 'screenshots', '.scratch', '.env']);

/** The build's console output, next to dist/. */
const OUTPUT_FILE = 'build-output.txt';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Builds of test runs that have ended are deleted by the next one. */
async function removeFinishedRuns(): Promise<void> {
  for (const name of await readdir(tmpdir()).catch(() => [] as string[])) {
    const pid = Number(name.startsWith(PREFIX) ? name.slice(PREFIX.length).replace(/\.lock$/, '') : NaN);
    if (Number.isInteger(pid) && pid !== process.ppid && !isAlive(pid)) {
      await rm(join(tmpdir(), name), { recursive: true, force: true });
    }
  }
}

async function copySite(root: string): Promise<void> {
  await cp(EXAMPLE_SITE, root, {
    recursive: true,
    filter: (source) => !COPY_SKIPS.has(relative(EXAMPLE_SITE, source).split(/[\\/]/)[0] ?? ''),
  });
  const modules = join(root, 'node_modules');
  await mkdir(modules);
  const repoModules = join(REPO_ROOT, 'node_modules');
  for (const entry of await readdir(repoModules)) {
    if (entry.startsWith('.') || entry === 'astro-stagebloc') continue;
    await symlink(join(repoModules, entry), join(modules, entry));
  }
  // The package itself as an installed copy, the way a user has it: Vite mis-resolves the
  // shipped .astro components through a link that leaves the site root, and a copy also
  // keeps this run's build independent of dist/ being recompiled by other suites.
  const installed = join(modules, 'astro-stagebloc');
  const { files = [] } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { files?: string[] };
  for (const part of ['package.json', ...files]) {
    await cp(join(REPO_ROOT, part), join(installed, part), { recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // e.g. no README.md yet
    });
  }
}

/** The parent's pid and (on Linux) start time: a reused pid must not find an old build. */
async function runKey(): Promise<string> {
  const procStat = await readFile(`/proc/${process.ppid}/stat`, 'utf8').catch(() => '');
  const startTime = procStat.slice(procStat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  return `${process.ppid}:${startTime}`;
}

async function build(runDir: string, marker: string, key: string): Promise<void> {
  await rm(runDir, { recursive: true, force: true });
  const root = join(runDir, 'site');
  await copySite(root);
  const distDir = join(root, 'dist');
  const result = await astroBuild({ root, distDir }, { timeoutMs: 240_000 });
  if (result.code !== 0) throw new Error(`The example site did not build (exit ${result.code}):\n${result.output.slice(-4000)}`);
  await writeFile(join(root, OUTPUT_FILE), result.output);
  await writeFile(marker, key);
}

let pending: Promise<string> | undefined;

/** The example site's dist directory, built once per test run. */
export function exampleSiteDist(): Promise<string> {
  return (pending ??= (async () => {
    if (process.env.STAGEBLOC_SITE_DIST) return process.env.STAGEBLOC_SITE_DIST;
    const runDir = join(tmpdir(), `${PREFIX}${process.ppid}`);
    const lock = `${runDir}.lock`;
    const marker = join(runDir, 'built');
    const dist = join(runDir, 'site', 'dist');
    const key = await runKey();
    const built = () => readFile(marker, 'utf8').then((text) => text === key, () => false);
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      if (await built()) return dist;
      try {
        await mkdir(lock);
      } catch {
        // Another worker of this run is building; a lock left by a killed worker is taken over.
        const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
        if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
        await sleep(500);
        continue;
      }
      try {
        if (!(await built())) {
          await removeFinishedRuns();
          await build(runDir, marker, key);
        }
        return dist;
      } finally {
        await rm(lock, { recursive: true, force: true });
      }
    }
    throw new Error('Timed out waiting for the shared example-site build');
  })());
}

/** What the shared build printed (stdout and stderr), as a user running `astro build` sees it. */
export async function exampleSiteBuildOutput(): Promise<string> {
  const dist = await exampleSiteDist();
  return readFile(join(dist, '..', OUTPUT_FILE), 'utf8');
}
