/**
 * Runs a documented example as a user would: saved as an ES module inside the repository
 * (so `astro-stagebloc/...` resolves through node_modules like in a user's project) and
 * run with Node as its own process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = join(import.meta.dirname, '..', '..');

export interface ExampleRunner {
  /** Writes `code` to `fileName` and runs it; rejects with its output when it exits non-zero. */
  run(fileName: string, code: string, env?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  close(): Promise<void>;
}

export async function startExampleRunner(): Promise<ExampleRunner> {
  const dir = await mkdtemp(join(REPO, 'test', 'docs', '.run-'));
  return {
    async run(fileName, code, env = {}) {
      const file = join(dir, fileName);
      await writeFile(file, code);
      return run(process.execPath, [file], { env: { ...process.env, ...env }, timeout: 60_000 });
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}
