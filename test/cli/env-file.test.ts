import { mkdtemp, readFile, rm, stat, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnvFile, replaceAssignment, setEnvVar } from '../../src/cli/env-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'stagebloc-env-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const mode = async (path: string) => (await stat(path)).mode & 0o777;

describe('setEnvVar', () => {
  it('creates the file with mode 600', async () => {
    const path = join(dir, '.env');
    await setEnvVar(path, 'STAGEBLOC_ACCESS_TOKEN', 'abc123');
    expect(await readFile(path, 'utf8')).toBe('STAGEBLOC_ACCESS_TOKEN=abc123\n');
    expect(await mode(path)).toBe(0o600);
  });

  it('keeps other lines, replaces the existing assignment and narrows a wider mode to 600', async () => {
    const path = join(dir, '.env');
    await writeFile(
      path,
      '# site settings\nSITE=https://x.test\nexport STAGEBLOC_ACCESS_TOKEN=old\nOTHER="a b"\nSTAGEBLOC_ACCESS_TOKEN=dup\n',
    );
    await chmod(path, 0o644);
    await setEnvVar(path, 'STAGEBLOC_ACCESS_TOKEN', 'new-token');
    expect(await readFile(path, 'utf8')).toBe(
      '# site settings\nSITE=https://x.test\nSTAGEBLOC_ACCESS_TOKEN=new-token\nOTHER="a b"\n',
    );
    expect(await mode(path)).toBe(0o600);
    expect(await readEnvFile(path)).toEqual({
      SITE: 'https://x.test',
      STAGEBLOC_ACCESS_TOKEN: 'new-token',
      OTHER: 'a b',
    });
  });

  it('writes through a symlink instead of replacing it', async () => {
    const real = join(dir, 'real.env');
    await writeFile(real, 'A=1\n');
    await symlink(real, join(dir, '.env'));
    await setEnvVar(join(dir, '.env'), 'B', '2');
    expect(await readFile(real, 'utf8')).toBe('A=1\nB=2\n');
  });
});

describe('replaceAssignment', () => {
  it('appends to text without a final newline and keeps CRLF files CRLF', () => {
    expect(replaceAssignment('A=1', 'B', '2')).toBe('A=1\nB=2\n');
    expect(replaceAssignment('A=1\r\nB=0\r\n', 'B', '2')).toBe('A=1\r\nB=2\r\n');
  });

  it('does not touch variables whose name merely starts the same', () => {
    expect(replaceAssignment('TOKEN_OLD=1\n', 'TOKEN', 'x')).toBe('TOKEN_OLD=1\nTOKEN=x\n');
  });

  it('quotes values that dotenv would otherwise misread, and they read back unchanged', async () => {
    for (const value of ['has space', 'hash#inside', "it's", 'say "hi"', 'it\'s "quoted"', 'plain-._~+/=:@']) {
      const path = join(dir, 'q.env');
      await writeFile(path, replaceAssignment('', 'V', value));
      expect((await readEnvFile(path))['V']).toBe(value);
    }
  });
});
