/** Settings shared by every benchmark, read once from the environment by run.ts. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BenchConfig {
  /** BENCH_QUICK=1: small accounts and one or two repetitions, to check the bench itself works. */
  quick: boolean;
  /** BENCH_REPS overrides every benchmark's repetition count. */
  reps: (normal: number, quick: number) => number;
  /** BENCH_VERBOSE=1: the loaders' log lines go to stderr. */
  verbose: boolean;
  /** BENCH_PROFILE_DIR=dir: every measured sync and build writes a V8 CPU profile there (timings then include the profiler). */
  profileDir: string | undefined;
  /** A fresh temp directory for this benchmark (removed by cleanup()). */
  tempDir(name: string): Promise<string>;
  progress(message: string): void;
  cleanup(): Promise<void>;
}

export function configFromEnv(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === '1';
  const forcedReps = Number(env.BENCH_REPS);
  const dirs: string[] = [];
  const started = performance.now();
  return {
    quick,
    reps: (normal, quickReps) =>
      Number.isInteger(forcedReps) && forcedReps > 0 ? forcedReps : quick ? quickReps : normal,
    verbose: env.BENCH_VERBOSE === '1',
    profileDir: env.BENCH_PROFILE_DIR || undefined,
    async tempDir(name) {
      const dir = await mkdtemp(join(tmpdir(), `stagebloc-bench-${name}-`));
      dirs.push(dir);
      return dir;
    },
    progress(message) {
      const elapsed = ((performance.now() - started) / 1000).toFixed(0).padStart(4);
      process.stderr.write(`[bench ${elapsed}s] ${message}\n`);
    },
    async cleanup() {
      await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
