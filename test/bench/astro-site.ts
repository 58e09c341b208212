/**
 * Real `astro build`s of a site copied to a temp directory (so builds never write into
 * the checkout), run as a child process on this Node with the peak-RSS preload. The
 * copy's node_modules links to the repo's dependencies and holds a copy of the package
 * (the run's snapshot, package-snapshot.ts), as an install from npm would.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchConfig } from './config.js';
import { packageDir } from './package-snapshot.js';
import { REPO_ROOT, track } from './processes.js';

const REPO_NODE_MODULES = join(REPO_ROOT, 'node_modules');
const ASTRO_BIN = join(REPO_NODE_MODULES, 'astro', 'bin', 'astro.mjs');
const RSS_PRELOAD = fileURLToPath(new URL('./rss-report.mjs', import.meta.url));
const PACKAGE_NAME = 'astro-stagebloc';
const SKIPPED = new Set(['node_modules', 'dist', '.astro', '.cache', '.vite']);

export interface SiteCopy {
  root: string;
  distDir: string;
}

/** Copies `source` without build output, caches, scratch files or .env files (a copied token would change what is built). */
export async function copySite(source: string, config: BenchConfig, name: string): Promise<SiteCopy> {
  const root = await config.tempDir(name);
  const skipped = (path: string) => {
    const top = path.slice(source.length).split('/').filter(Boolean)[0] ?? '';
    return SKIPPED.has(top) || top.startsWith('.env') || top.startsWith('.scratch');
  };
  await cp(source, root, { recursive: true, filter: (path) => !skipped(path) });
  const modules = join(root, 'node_modules');
  await mkdir(modules);
  for (const entry of await readdir(REPO_NODE_MODULES)) {
    if (entry.startsWith('.') || entry === PACKAGE_NAME) continue;
    await symlink(join(REPO_NODE_MODULES, entry), join(modules, entry));
  }
  // The package itself is copied in, as npm would install it (the run's snapshot of the
  // files `npm pack` ships): its .astro components must live under the site's root for
  // Vite to compile them.
  await cp(packageDir(), join(modules, PACKAGE_NAME), { recursive: true });
  return { root, distDir: join(root, 'dist') };
}

export interface BuildResult {
  /** Wall time of the whole `astro build` process. */
  ms: number;
  maxRssBytes: number;
  /** User + system CPU time of the build process, all threads. */
  cpuMs: number;
  /** Astro's content sync (its "[types] Generated" phase), when the log says. */
  syncMs: number | undefined;
  output: string;
}

/** "[types] Generated 1.07s" / "… 575ms": Astro's content sync and type generation. */
function syncPhaseMs(output: string): number | undefined {
  const match = /\[types\] Generated ([\d.]+)(m?s)/.exec(output);
  if (!match) return undefined;
  return match[2] === 's' ? Number(match[1]) * 1000 : Number(match[1]);
}

export interface BuildOptions {
  /** Extra Node arguments, e.g. ['--cpu-prof'] when looking into a slow build. */
  nodeArgs?: string[];
  timeoutMs?: number;
}

export async function astroBuild(
  site: SiteCopy,
  env: Record<string, string>,
  options: BuildOptions = {},
): Promise<BuildResult> {
  const rssFile = join(site.root, '.bench-rss');
  await rm(rssFile, { force: true });
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^(STAGEBLOC_|BENCH_|NODE_OPTIONS$)/.test(name)) childEnv[name] = value;
  }
  Object.assign(
    childEnv,
    { ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true', BENCH_RSS_FILE: rssFile },
    env,
  );
  const started = performance.now();
  const child = track(
    spawn(
      process.execPath,
      ['--import', RSS_PRELOAD, ...(options.nodeArgs ?? []), ASTRO_BIN, 'build', '--root', site.root],
      {
        cwd: site.root,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  const ms = performance.now() - started;
  if (code !== 0)
    throw new Error(
      `astro build of ${site.root} exited with ${code}:\n${output.trim().split('\n').slice(-30).join('\n')}`,
    );
  const { maxRssBytes, cpuMs } = JSON.parse(await readFile(rssFile, 'utf8')) as { maxRssBytes: number; cpuMs: number };
  return { ms, maxRssBytes, cpuMs, syncMs: syncPhaseMs(output), output };
}
