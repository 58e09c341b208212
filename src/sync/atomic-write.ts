import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/** A file written in full beside its target, waiting to replace it. */
export interface StagedFile {
  /** Renames it over the target (atomic on POSIX). */
  commit(): Promise<void>;
  /** Removes it; the target stays as it was. */
  discard(): Promise<void>;
}

/**
 * Writes `data` to a temp file in the target's directory and fsyncs it, without touching
 * the target: a caller can write while other work goes on and decide later whether the
 * new content replaces the old.
 */
export async function stageFile(path: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<StagedFile> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  // The directory usually exists: made only when it does not (one step less before the write).
  const handle = await open(temp, 'w', 0o644).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
    await mkdir(dirname(path), { recursive: true });
    return open(temp, 'w', 0o644);
  });
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    // Parts are written as they are (no copy into one buffer first).
    else await handle.writev(data as Uint8Array[]);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  const discard = () => rm(temp, { force: true });
  return {
    async commit() {
      try {
        await rename(temp, path);
      } catch (error) {
        await discard();
        throw error;
      }
    },
    discard,
  };
}

/**
 * Writes a file so that readers only ever see the old or the new content: write a temp
 * file in the same directory, fsync it, then rename over the target (atomic on POSIX).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await (await stageFile(path, data)).commit();
}
