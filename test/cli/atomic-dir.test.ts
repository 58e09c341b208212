import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replaceDirectory } from '../../src/cli/atomic-dir.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stagebloc-atomic-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('replaceDirectory', () => {
  it('creates the directory when it does not exist', async () => {
    const dir = join(root, 'nested', 'snap');
    await replaceDirectory(dir, (temp) => writeFile(join(temp, 'a.json'), '1'));
    expect(await readFile(join(dir, 'a.json'), 'utf8')).toBe('1');
    expect(await readdir(join(root, 'nested'))).toEqual(['snap']);
  });

  it('replaces a previous directory wholesale', async () => {
    const dir = join(root, 'snap');
    await mkdir(dir);
    await writeFile(join(dir, 'stale.json'), 'old');
    await replaceDirectory(dir, (temp) => writeFile(join(temp, 'fresh.json'), 'new'));
    expect(await readdir(dir)).toEqual(['fresh.json']);
    expect(await readdir(root)).toEqual(['snap']);
  });

  it('leaves the previous directory untouched and no temp dir behind when the build fails', async () => {
    const dir = join(root, 'snap');
    await mkdir(dir);
    await writeFile(join(dir, 'keep.json'), 'old');
    await expect(
      replaceDirectory(dir, async (temp) => {
        await writeFile(join(temp, 'half.json'), 'x');
        throw new Error('network down');
      }),
    ).rejects.toThrow('network down');
    expect(await readdir(dir)).toEqual(['keep.json']);
    expect(await readFile(join(dir, 'keep.json'), 'utf8')).toBe('old');
    expect(await readdir(root)).toEqual(['snap']);
  });
});
