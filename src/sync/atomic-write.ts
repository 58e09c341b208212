import { randomBytes } from 'node:crypto';
import { close, closeSync, constants, fsync, mkdirSync, openSync, writev } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

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
export async function stageFile(
  path: string,
  data: string | Uint8Array | readonly Uint8Array[],
  options: { writeNow?: boolean } = {},
): Promise<StagedFile> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  if (options.writeNow) {
    await writtenNow(temp, data);
    return stagedFile(path, temp);
  }
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
  return stagedFile(path, temp);
}

function stagedFile(path: string, temp: string): StagedFile {
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

/** A file opened with it is written durably by the write itself: no fsync (a step that waits for the event loop) follows. */
const DATA_SYNC = constants.O_DSYNC;

/**
 * stageFile's `writeNow`: the file is opened and its write handed to a thread of the pool
 * before the first await, so a build whose event loop stays busy for a while (mapping every
 * loader's entries) cannot hold the write back. Opened with O_DSYNC where the system has it,
 * the write is durable when it returns; elsewhere (Windows) an fsync follows it.
 */
async function writtenNow(temp: string, data: string | Uint8Array | readonly Uint8Array[]): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (DATA_SYNC ?? 0);
  let fd: number;
  try {
    fd = openSync(temp, flags, 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(temp), { recursive: true });
    fd = openSync(temp, flags, 0o644);
  }
  const parts = typeof data === 'string' ? [Buffer.from(data)] : data instanceof Uint8Array ? [data] : [...data];
  try {
    // libuv writes every part, in IOV_MAX batches, resuming a short write; less is an error.
    const { bytesWritten } = await promisify(writev)(fd, parts as NodeJS.ArrayBufferView[]);
    const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
    if (bytesWritten !== length) throw new Error(`wrote ${bytesWritten} of ${length} bytes to ${temp}`);
    if (DATA_SYNC === undefined) await promisify(fsync)(fd);
  } catch (error) {
    closeSync(fd);
    await rm(temp, { force: true });
    throw error;
  }
  await promisify(close)(fd);
}

/**
 * Writes a file so that readers only ever see the old or the new content: write a temp
 * file in the same directory, fsync it, then rename over the target (atomic on POSIX).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await (await stageFile(path, data)).commit();
}
