/**
 * A private copy of the package as `npm pack` would ship it (package.json, dist/, src/,
 * assets/), taken once when the bench starts. Every sync child (through resolve-hook.mjs)
 * and every site build uses this copy, so the whole run measures one version of the
 * package even if dist/ is rebuilt in the checkout meanwhile. It lives under
 * node_modules/.cache/ so the copy's own imports (zod, p-limit, …) resolve to the repo's
 * dependencies.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from './processes.js';

export const PACKAGE_DIR_ENV = 'BENCH_PACKAGE_DIR';

/** The files `npm pack` would put in the package (no scripts run). */
function packedFiles(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['pack', '--dry-run', '--json', '--ignore-scripts'],
      { cwd: REPO_ROOT, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        if (error) return reject(error);
        const [report] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
        resolve(report!.files.map((f) => f.path));
      },
    );
  });
}

export async function snapshotPackage(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = join(REPO_ROOT, 'node_modules', '.cache', 'astro-stagebloc-bench', `package-${process.pid}`);
  await rm(dir, { recursive: true, force: true });
  for (const file of await packedFiles()) {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await copyFile(join(REPO_ROOT, file), join(dir, file));
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The run's snapshot (run.ts takes it before any benchmark starts). */
export function packageDir(): string {
  const dir = process.env[PACKAGE_DIR_ENV];
  if (!dir) throw new Error(`${PACKAGE_DIR_ENV} is not set: run the bench through test/bench/run.ts (npm run bench)`);
  return dir;
}
