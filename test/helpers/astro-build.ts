/**
 * Runs real `astro build`s of fixture sites (test/fixtures/sites/<name>) as child
 * processes, the way a user's CI would: the fixture is copied to a temp directory whose
 * node_modules links to this repo's (so `astro-stagebloc` resolves to this checkout's
 * built package through the workspace link), and the build gets only the env it is given.
 *
 *   const site = await createFixtureSite('basic');
 *   const build = await astroBuild(site, { env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token } });
 *   expect(build.code).toBe(0); // build.output, build.distDir
 *   await site.cleanup();
 */
import { spawn, spawnSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const FIXTURE_SITES = join(REPO_ROOT, 'test', 'fixtures', 'sites');
const REPO_NODE_MODULES = join(REPO_ROOT, 'node_modules');
export const ASTRO_BIN = join(REPO_NODE_MODULES, 'astro', 'bin', 'astro.mjs');

export interface FixtureSite {
  /** The temp copy; build output goes to `<root>/dist`. */
  root: string;
  distDir: string;
  /** Astro's cacheDir for this site (fixtures set `cacheDir: './.cache'`): data store, loader snapshot, media cache. */
  cacheDir: string;
  cleanup(): Promise<void>;
}

export interface CreateSiteOptions {
  /** Extra or replaced files, path relative to the site root. */
  files?: Record<string, string>;
}

/** Copies `test/fixtures/sites/<name>` into a fresh temp dir wired to this repo's node_modules. */
export async function createFixtureSite(name: string, options: CreateSiteOptions = {}): Promise<FixtureSite> {
  const root = await mkdtemp(join(tmpdir(), `stagebloc-site-${name}-`));
  await cp(join(FIXTURE_SITES, name), root, { recursive: true });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  // A real node_modules dir of links (not one link to the repo's), so the build's own
  // caches (.vite, .astro) land in the temp site instead of the shared checkout.
  const modules = join(root, 'node_modules');
  await mkdir(modules);
  for (const entry of await readdir(REPO_NODE_MODULES)) {
    if (entry === '.astro' || entry === '.vite' || entry === '.cache' || entry === '.bin') continue;
    await symlink(join(REPO_NODE_MODULES, entry), join(modules, entry));
  }
  return {
    root,
    distDir: join(root, 'dist'),
    cacheDir: join(root, '.cache'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

export interface AstroBuildOptions {
  env?: Record<string, string | undefined>;
  /** Extra CLI arguments, e.g. ['--force']. */
  args?: string[];
  /** Default 180 s. */
  timeoutMs?: number;
}

export interface AstroBuildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for asserting on log lines. */
  output: string;
  distDir: string;
  durationMs: number;
}

/** The Node the build must run on: Astro 7 needs >= 22.12, the machine's default is 20. */
export function nodeBinary(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 12)) return process.execPath;
  return join(REPO_NODE_MODULES, '.bin', 'node');
}

/** Environment for a build: the parent's minus anything StageBloc-related, plus `env`. */
export function buildEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(STAGEBLOC_|FIXTURE_|VITEST|NODE_OPTIONS$)/.test(name)) continue;
    out[name] = value;
  }
  Object.assign(out, { ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', FORCE_COLOR: '0', CI: 'true' });
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  return out;
}

export async function astroBuild(
  site: Pick<FixtureSite, 'root' | 'distDir'>,
  options: AstroBuildOptions = {},
): Promise<AstroBuildResult> {
  await ensurePackageBuilt();
  const started = Date.now();
  const child = spawn(nodeBinary(), [ASTRO_BIN, 'build', '--root', site.root, ...(options.args ?? [])], {
    cwd: site.root,
    env: buildEnv(options.env ?? {}),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 180_000);
  const code = await new Promise<number | null>((resolveExit) => child.on('close', (c) => resolveExit(c)));
  clearTimeout(timeout);
  return {
    code,
    stdout,
    stderr,
    output: `${stdout}\n${stderr}`,
    distDir: site.distDir,
    durationMs: Date.now() - started,
  };
}

/** Every file under `dir` (relative paths). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(current: string) {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else out.push(relative(dir, path));
    }
  }
  await walk(dir);
  return out.sort();
}

let built: Promise<void> | undefined;

/**
 * Fixture sites import the package as users do (its `dist/`), so `dist/` must be at least
 * as new as `src/`. `npm test` builds first; a lone `vitest run` rebuilds here if stale.
 */
export function ensurePackageBuilt(): Promise<void> {
  return (built ??= (async () => {
    const newestSource = await newestMtime(join(REPO_ROOT, 'src'), (f) => f.endsWith('.ts'));
    const newestBuilt = await newestMtime(join(REPO_ROOT, 'dist'), (f) => f.endsWith('.js')).catch(() => 0);
    const marker = join(REPO_ROOT, 'dist', 'index.js');
    const hasEntry = await stat(marker).then(
      () => true,
      () => false,
    );
    if (hasEntry && newestBuilt >= newestSource) return;
    const result = spawnSync(
      nodeBinary(),
      [join(REPO_NODE_MODULES, 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      },
    );
    if (
      !(await stat(marker).then(
        () => true,
        () => false,
      ))
    ) {
      throw new Error(`Building the package failed (tsc -p tsconfig.build.json):\n${result.stdout}\n${result.stderr}`);
    }
  })());
}

async function newestMtime(dir: string, include: (file: string) => boolean): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !include(entry.name)) continue;
    const s = await stat(join(entry.parentPath, entry.name));
    newest = Math.max(newest, s.mtimeMs);
  }
  return newest;
}
