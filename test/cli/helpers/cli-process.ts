/**
 * Runs the built `stagebloc` bin as a child process, the way users run it.
 * The build happens at most once per change of src/ (a cross-process lock
 * keeps parallel test files from compiling at the same time), and each test
 * process then runs a private copy of dist/: other suites rebuild dist/ while
 * tests run, and a CLI started mid-rebuild would load half-written modules.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { mkdtemp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startSimulator } from '../../../src/simulator/index.js';
import type { Simulator } from '../../../src/simulator/types.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BUILT_MAIN = join(REPO_ROOT, 'dist/cli/main.js');
const LOCK_DIR = join(REPO_ROOT, 'dist/.cli-test-build-lock');
let privateMain: string | undefined;

/** The private copy's dist/cli/main.js; call ensureBuilt() first. */
export function cliMain(): string {
  if (!privateMain) throw new Error('call ensureBuilt() in beforeAll first');
  return privateMain;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  try {
    return statSync(BUILT_MAIN).mtimeMs >= newestMtime(join(REPO_ROOT, 'src'));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Compiles src → dist if stale, then copies it for this test process. */
export async function ensureBuilt(): Promise<void> {
  await buildIfStale();
  privateMain ??= await privateCopy();
}

function newestJs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.js'))
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * `<tmp>/stagebloc-cli-dist-<stamp>/`: dist/ (JS only), package.json, and links
 * to node_modules and assets/, so imports and package-relative paths resolve
 * as in the repo. Shared by test processes that see the same build (created
 * with a rename, so it is complete or absent); copies older than an hour are
 * removed. Taken only once dist/ has been quiet for a second, and again if it
 * changed during the copy.
 */
async function privateCopy(): Promise<string> {
  const dist = join(REPO_ROOT, 'dist');
  removeOldCopies();
  for (let attempt = 0; attempt < 60; attempt++) {
    const before = newestJs(dist);
    if (Date.now() - before < 1000) {
      await sleep(500);
      continue;
    }
    const target = join(tmpdir(), `${COPY_PREFIX}${Math.round(before)}`);
    if (existsSync(join(target, 'dist/cli/main.js'))) return join(target, 'dist/cli/main.js');
    const staging = mkdtempSync(join(tmpdir(), 'stagebloc-cli-staging-'));
    cpSync(dist, join(staging, 'dist'), {
      recursive: true,
      filter: (src) => !/\.(map|d\.ts)$/.test(src) && !src.includes('.cli-test-build-lock'),
    });
    if (newestJs(dist) !== before) {
      rmSync(staging, { recursive: true, force: true });
      continue;
    }
    copyFileSync(join(REPO_ROOT, 'package.json'), join(staging, 'package.json'));
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(staging, 'node_modules'));
    symlinkSync(join(REPO_ROOT, 'assets'), join(staging, 'assets'));
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another test process got there first
    }
    return join(target, 'dist/cli/main.js');
  }
  throw new Error('dist/ kept changing; could not take a consistent copy');
}

const COPY_PREFIX = 'stagebloc-cli-dist-';

function removeOldCopies(): void {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(COPY_PREFIX) && !name.startsWith('stagebloc-cli-staging-')) continue;
    const path = join(tmpdir(), name);
    const age = Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
}

async function buildIfStale(): Promise<void> {
  for (let waited = 0; !isFresh(); waited += 250) {
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
    try {
      mkdirSync(LOCK_DIR);
    } catch {
      // Another test file is building; a lock older than 3 minutes is from a crashed run.
      if (Date.now() - statSync(LOCK_DIR, { throwIfNoEntry: false })!.mtimeMs > 180_000)
        rmSync(LOCK_DIR, { recursive: true, force: true });
      if (waited > 240_000) throw new Error('Timed out waiting for another test file to build dist/');
      await sleep(250);
      continue;
    }
    try {
      if (isFresh()) return;
      const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
      const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
      });
      // tsc still emits when other parts of the tree have type errors; those are `npm run typecheck`'s business.
      if (!isFresh()) throw new Error(`Building dist/ failed:\n${result.stdout}${result.stderr}`);
    } finally {
      rmSync(LOCK_DIR, { recursive: true, force: true });
    }
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd?: string;
  /** Added to a minimal environment: nothing STAGEBLOC_* leaks in from the test runner's env. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: process.env['HOME'] ?? '/tmp',
    LANG: 'C.UTF-8',
    ...extra,
  };
}

export function startCli(args: string[], options: CliOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [cliMain(), ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnv(options.env),
  });
}

/** Runs to completion and collects both streams. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const child = startCli(args, options);
  return finish(child, options.timeoutMs ?? 120_000);
}

export function finish(child: ChildProcessWithoutNullStreams, timeoutMs = 120_000): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`stagebloc did not exit within ${timeoutMs} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

/** Resolves with the first match of `pattern` in the stream's accumulated text. */
export function waitForOutput(
  stream: NodeJS.ReadableStream,
  pattern: RegExp,
  timeoutMs = 60_000,
): Promise<RegExpMatchArray> {
  let text = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      stream.off('data', onData);
      reject(new Error(`Timed out waiting for ${pattern} in:\n${text}`));
    }, timeoutMs);
    const onData = (chunk: Buffer | string) => {
      text += chunk.toString();
      const match = text.match(pattern);
      if (match) {
        clearTimeout(timer);
        stream.off('data', onData);
        resolvePromise(match);
      }
    };
    stream.on('data', onData);
  });
}

/**
 * The usual setting of a CLI test file: the CLI built, one simulator for the file, and a
 * fresh working directory for each test (removed after it). Read `sim` and `cwd` through
 * the returned object: they change between tests.
 */
export function cliTestbed(tempPrefix: string): { readonly sim: Simulator; readonly cwd: string } {
  let sim: Simulator | undefined;
  let cwd: string | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    sim = await startSimulator({ port: 0 });
  });
  afterAll(async () => {
    await sim?.close();
  });
  beforeEach(async () => {
    const dir = await mkdtemp(join(tmpdir(), tempPrefix));
    cwd = dir;
    sim!.clearRequests();
    return () => rm(dir, { recursive: true, force: true });
  });
  return {
    get sim() {
      if (!sim) throw new Error('cliTestbed: the simulator is not running (outside a test?)');
      return sim;
    },
    get cwd() {
      if (!cwd) throw new Error('cliTestbed: no working directory (outside a test?)');
      return cwd;
    },
  };
}
