/**
 * BENCH_BASELINE=<git ref>: another version of the package, built from this repository's
 * history, that the baseline benchmark runs side by side with this checkout. The ref's own
 * bench harness runs its syncs (its src/ layout may differ from this one), on this checkout's
 * node_modules (linked), so the two differ only in the package's code. Kept in the temp
 * directory by commit, so a second run does not build it again.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './processes.js';

const run = promisify(execFile);

export interface Baseline {
  ref: string;
  /** The short commit the ref named. */
  commit: string;
  /** The ref's bench files, run with the ref's own resolve hook. */
  syncScript: string;
  hook: string;
}

export async function prepareBaseline(ref: string): Promise<Baseline> {
  const { stdout } = await run('git', ['rev-parse', '--short', `${ref}^{commit}`], { cwd: REPO_ROOT });
  const commit = stdout.trim();
  // Outside node_modules: Node strips types only from files that are not under it.
  const dir = join(tmpdir(), `astro-stagebloc-bench-baseline-${commit}`);
  const built = join(dir, 'dist', 'index.js');
  if (!existsSync(built)) {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    // git archive | tar: the ref's files without a second worktree to clean up.
    await run('sh', ['-c', `git archive ${commit} | tar -x -C '${dir}'`], {
      cwd: REPO_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    await symlink(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await run(join(REPO_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', join(dir, 'tsconfig.build.json')], { cwd: dir });
  }
  return {
    ref,
    commit,
    syncScript: join(dir, 'test', 'bench', 'sync-process.ts'),
    hook: join(dir, 'test', 'bench', 'resolve-hook.mjs'),
  };
}
