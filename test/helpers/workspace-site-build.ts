/**
 * One real build of a workspace site (example-site/, docs/: both build from the demo
 * account) shared by every test file of a vitest run. The site is copied to a directory of
 * its own under .test-sites/ (git-ignored), so the build's caches never touch the site in
 * the checkout and concurrent test runs on the same machine do not share anything. The copy
 * stays inside the repository so that dependencies resolve to the repo's node_modules by
 * plain directory lookup: through symlinks, Vite files Starlight's .astro components under
 * two paths and the build fails. The first worker to ask builds while holding a lock
 * directory; the others wait for its marker. Vitest's forks are children of one process,
 * so the parent pid names the run.
 *
 * STAGEBLOC_SITE_DIST=<dir> (example site) and STAGEBLOC_DOCS_DIST=<dir> (docs) skip the
 * build and use an existing one (for quick reruns).
 */
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { REPO_ROOT, astroBuild } from './astro-build.js';

export type WorkspaceSite = 'example-site' | 'docs';

export interface WorkspaceSiteBuild {
  dist: string;
  /** The build's stdout and stderr; null when an existing build was named in the environment. */
  output: string | null;
}

const DIST_VARIABLE: Record<WorkspaceSite, string> = {
  'example-site': 'STAGEBLOC_SITE_DIST',
  docs: 'STAGEBLOC_DOCS_DIST',
};
const BUILDS = join(REPO_ROOT, '.test-sites');
const STALE_LOCK_MS = 5 * 60_000;
const COPY_SKIPS = new Set(['node_modules', 'dist', '.astro', 'screenshots', '.scratch', '.env']);

const prefixOf = (site: WorkspaceSite) => `astro-stagebloc-${site}-`;
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
async function removeFinishedRuns(prefix: string): Promise<void> {
  for (const name of await readdir(BUILDS).catch(() => [] as string[])) {
    const pid = Number(name.startsWith(prefix) ? name.slice(prefix.length).replace(/\.lock$/, '') : NaN);
    if (Number.isInteger(pid) && pid !== process.ppid && !isAlive(pid)) {
      await rm(join(BUILDS, name), { recursive: true, force: true });
    }
  }
}

async function copySite(site: WorkspaceSite, root: string): Promise<void> {
  const source = join(REPO_ROOT, site);
  await cp(source, root, {
    recursive: true,
    filter: (path) => !COPY_SKIPS.has(relative(source, path).split(/[\\/]/)[0] ?? ''),
  });
  // The package itself as an installed copy, the way a user has it: Vite mis-resolves the
  // shipped .astro components through a link that leaves the site root, and a copy also
  // keeps this run's build independent of dist/ being recompiled by other suites. Every
  // other dependency resolves to the repo's node_modules, above the copy.
  const installed = join(root, 'node_modules', 'astro-stagebloc');
  const { files = [] } = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { files?: string[] };
  for (const part of ['package.json', ...files]) {
    await cp(join(REPO_ROOT, part), join(installed, part), { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error; // e.g. no README.md yet
      },
    );
  }
}

/** The parent's pid and (on Linux) start time: a reused pid must not find an old build. */
async function runKey(): Promise<string> {
  const procStat = await readFile(`/proc/${process.ppid}/stat`, 'utf8').catch(() => '');
  const startTime = procStat.slice(procStat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
  return `${process.ppid}:${startTime}`;
}

async function build(site: WorkspaceSite, runDir: string, marker: string, key: string): Promise<void> {
  await rm(runDir, { recursive: true, force: true });
  const root = join(runDir, 'site');
  await copySite(site, root);
  const result = await astroBuild({ root, distDir: join(root, 'dist') }, { timeoutMs: 240_000 });
  const log = join(runDir, 'build.log');
  await writeFile(log, result.output);
  if (result.code !== 0) {
    // From the first error on: the tail alone can be all warnings printed after it.
    const lines = result.output.split('\n');
    const first = lines.findIndex((line) => /\[ERROR\]|Error\b/.test(line));
    const excerpt = first >= 0 ? lines.slice(first, first + 40).join('\n') : result.output.slice(-4000);
    throw new Error(`${site}/ did not build (exit ${result.code}; the whole log is ${log}):\n${excerpt}`);
  }
  await writeFile(marker, key);
}

const pending = new Map<WorkspaceSite, Promise<WorkspaceSiteBuild>>();

/** The site's dist directory and build log, built once per test run. */
export function workspaceSiteBuild(site: WorkspaceSite): Promise<WorkspaceSiteBuild> {
  let promise = pending.get(site);
  if (!promise) {
    promise = buildOnce(site);
    pending.set(site, promise);
  }
  return promise;
}

async function buildOnce(site: WorkspaceSite): Promise<WorkspaceSiteBuild> {
  const existing = process.env[DIST_VARIABLE[site]];
  if (existing) return { dist: existing, output: null };
  await mkdir(BUILDS, { recursive: true });
  const runDir = join(BUILDS, `${prefixOf(site)}${process.ppid}`);
  const lock = `${runDir}.lock`;
  const marker = join(runDir, 'built');
  const result = async () => ({
    dist: join(runDir, 'site', 'dist'),
    output: await readFile(join(runDir, 'build.log'), 'utf8'),
  });
  const key = await runKey();
  const built = () =>
    readFile(marker, 'utf8').then(
      (text) => text === key,
      () => false,
    );
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (await built()) return result();
    try {
      await mkdir(lock);
    } catch {
      // Another worker of this run is building; a lock left by a killed worker is taken over.
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      if (!(await built())) {
        await removeFinishedRuns(prefixOf(site));
        await build(site, runDir, marker, key);
      }
      return result();
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
  throw new Error(`Timed out waiting for the shared ${site} build`);
}

/** The example site's dist directory, built once per test run. */
export const exampleSiteDist = async (): Promise<string> => (await workspaceSiteBuild('example-site')).dist;
