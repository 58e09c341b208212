import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Builds a directory next to `dir` (`<dir>.tmp-<pid>`) and only swaps it in
 * when `build` succeeded, so a failed or interrupted run leaves the previous
 * directory exactly as it was. POSIX cannot rename over a non-empty directory,
 * so the swap is two renames (old aside, new in); if the second fails the old
 * one is put back.
 */
export async function replaceDirectory(dir: string, build: (tempDir: string) => Promise<void>): Promise<void> {
  const tempDir = tempDirFor(dir);
  await mkdir(dirname(dir), { recursive: true });
  await rm(tempDir, { recursive: true, force: true });
  await mkdir(tempDir);
  try {
    await build(tempDir);
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  if (!(await exists(dir))) {
    await rename(tempDir, dir);
    return;
  }
  const asideDir = `${dir}.old-${process.pid}`;
  await rm(asideDir, { recursive: true, force: true });
  await rename(dir, asideDir);
  try {
    await rename(tempDir, dir);
  } catch (error) {
    await rename(asideDir, dir);
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  }
  await rm(asideDir, { recursive: true, force: true });
}

export function tempDirFor(dir: string): string {
  return `${dir}.tmp-${process.pid}`;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
