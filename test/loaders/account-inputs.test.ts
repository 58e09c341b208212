/**
 * The inputs every entry reads from the whole account, kept beside the snapshot under the
 * digest of what they hold: a loader's state names them, so a file that holds anything else
 * (another scope, edited by hand, gone) is not used, and a rebuild maps from the account.
 */
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepAccountInputs, keptForm, readAccountInputs } from '../../src/loaders/account-inputs.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-inputs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const inputs = { blocked: new Set(['https://cdn.example/b.jpg', 'https://cdn.example/a.mp3']) };

describe('account inputs', () => {
  it('are kept under their digest and read back by it, for their scope only', async () => {
    const kept = keptForm('scope-1', inputs);
    expect(keptForm('scope-1', inputs)).toBe(kept);
    await keepAccountInputs(dir, kept);
    expect(await readdir(dir)).toEqual([`entry-inputs-${kept.digest}.json`]);
    const read = await readAccountInputs(dir, kept.digest, 'scope-1');
    expect(read?.blocked).toEqual(inputs.blocked);
    expect(read?.hosts).toBeUndefined();
    expect(await readAccountInputs(dir, kept.digest, 'scope-2')).toBeUndefined();
    expect(await readAccountInputs(dir, 'not-a-digest', 'scope-1')).toBeUndefined();
  });

  it('another set (or the same with hosts) has another digest; one already kept is not written again', async () => {
    const kept = keptForm('s', inputs);
    expect(keptForm('s', { blocked: new Set(['x']) }).digest).not.toBe(kept.digest);
    expect(keptForm('s', { ...inputs, hosts: new Set(['cdn.example']) }).digest).not.toBe(kept.digest);
    await keepAccountInputs(dir, kept);
    const file = join(dir, `entry-inputs-${kept.digest}.json`);
    const old = new Date(Date.now() - 10_000);
    await utimes(file, old, old);
    await keepAccountInputs(dir, kept);
    expect((await stat(file)).mtimeMs).toBe(old.getTime());
  });

  it('a file edited by hand does not match its name: not used', async () => {
    const kept = keptForm('edited', inputs);
    await keepAccountInputs(dir, kept);
    const file = join(dir, `entry-inputs-${kept.digest}.json`);
    await writeFile(file, (await readFile(file, 'utf8')).replace('b.jpg', 'c.jpg'));
    expect(await readAccountInputs(dir, kept.digest, 'edited')).toBeUndefined();
  });

  it('files no sync named for an hour are removed; younger ones are left to the builds using them', async () => {
    const stale = join(dir, 'entry-inputs-stale.json');
    const young = join(dir, 'entry-inputs-young.json');
    await writeFile(stale, '{}');
    await writeFile(young, '{}');
    const hoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(stale, hoursAgo, hoursAgo);
    const kept = keptForm('cleanup', inputs);
    await keepAccountInputs(dir, kept);
    expect((await readdir(dir)).sort()).toEqual([`entry-inputs-${kept.digest}.json`, 'entry-inputs-young.json']);
  });
});
