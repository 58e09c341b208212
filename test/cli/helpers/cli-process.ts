/**
 * Runs the built `stagebloc` bin (dist/cli/main.js) as a child process, the way
 * users run it. The build happens at most once per change of src/: a
 * cross-process lock keeps parallel test files from compiling at the same time.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const CLI_MAIN = join(REPO_ROOT, 'dist/cli/main.js');
const LOCK_DIR = join(REPO_ROOT, 'dist/.cli-test-build-lock');

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
    return statSync(CLI_MAIN).mtimeMs >= newestMtime(join(REPO_ROOT, 'src'));
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Compiles src → dist unless dist/cli/main.js is newer than every source file. */
export async function ensureBuilt(): Promise<void> {
  for (let waited = 0; !isFresh(); waited += 250) {
    mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
    try {
      mkdirSync(LOCK_DIR);
    } catch {
      // Another test file is building; a lock older than 3 minutes is from a crashed run.
      if (Date.now() - statSync(LOCK_DIR, { throwIfNoEntry: false })!.mtimeMs > 180_000) rmSync(LOCK_DIR, { recursive: true, force: true });
      if (waited > 240_000) throw new Error('Timed out waiting for another test file to build dist/');
      await sleep(250);
      continue;
    }
    try {
      if (isFresh()) return;
      const tsc = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
      const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: REPO_ROOT, encoding: 'utf8' });
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
  return spawn(process.execPath, [CLI_MAIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnv(options.env),
  });
}

/** Runs to completion and collects both streams. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const child = startCli(args, options);
  return finish(child, options.timeoutMs ?? 30_000);
}

export function finish(child: ChildProcessWithoutNullStreams, timeoutMs = 30_000): Promise<CliRun> {
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
export function waitForOutput(stream: NodeJS.ReadableStream, pattern: RegExp, timeoutMs = 15_000): Promise<RegExpMatchArray> {
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
