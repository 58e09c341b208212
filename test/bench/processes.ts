/**
 * Child processes of the bench. Syncs and builds run in their own processes so that each
 * starts cold (as a real build does) and its peak RSS is its own. Every child is
 * tracked and killed by pid if the bench exits early, so no simulator or build is left
 * running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const HOOK = fileURLToPath(new URL('./resolve-hook.mjs', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Node arguments for a child that runs one of the bench's .ts files. */
export const TS_EXEC_ARGV = ['--import', HOOK];

const live = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

function killAll(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.once('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

export const RESULT_PREFIX = 'BENCH_RESULT ';

/** Prints the child's result on its own line for runScript() to pick up. */
export function reportResult(result: unknown): void {
  process.stdout.write(`\n${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

export interface RunOptions {
  args?: string[];
  env?: Record<string, string | undefined>;
  nodeArgs?: string[];
  timeoutMs?: number;
  cwd?: string;
  /** The resolve hook the child loads (default: this checkout's; a baseline checkout brings its own). */
  hook?: string;
}

export interface RunOutput<R> {
  result: R;
  /** Wall time of the whole child, start-up included. */
  wallMs: number;
  stderr: string;
}

/**
 * Runs `node <script>` (a .ts file of the bench, or any .js/.mjs) and returns the JSON it
 * reported with reportResult(). Rejects with the tail of its output if it fails.
 */
export async function runScript<R>(script: string, options: RunOptions = {}): Promise<RunOutput<R>> {
  // Only what the bench passes: a STAGEBLOC_* setting in the caller's shell must not change what is measured.
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('STAGEBLOC_')) env[name] = value;
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const started = performance.now();
  const child = track(
    spawn(
      process.execPath,
      ['--import', options.hook ?? HOOK, ...(options.nodeArgs ?? []), script, ...(options.args ?? [])],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    ),
  );
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  const line = stdout.split('\n').findLast((l) => l.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) {
    const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-25).join('\n');
    throw new Error(`${script} exited with ${code}${line ? '' : ' without a result'}:\n${tail}`);
  }
  return { result: JSON.parse(line.slice(RESULT_PREFIX.length)) as R, wallMs, stderr };
}
