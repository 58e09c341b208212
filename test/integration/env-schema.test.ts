/**
 * astro:env: the integration declares the STAGEBLOC_* settings in Astro's env schema, so
 * `astro sync` generates their types for `astro:env/server` and Astro itself refuses a
 * value the loaders would refuse, before anything is fetched.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ASTRO_BIN,
  astroBuild,
  buildEnv,
  createFixtureSite,
  ensurePackageBuilt,
  nodeBinary,
  type FixtureSite,
} from '../helpers/astro-build.js';

let site: FixtureSite;
// No build-time collections: `astro sync` only generates types.
let liveSite: FixtureSite;

beforeAll(async () => {
  await ensurePackageBuilt();
  site = await createFixtureSite('basic');
  liveSite = await createFixtureSite('live');
}, 120_000);

afterAll(async () => {
  await site?.cleanup();
  await liveSite?.cleanup();
});

describe('the STAGEBLOC_* settings in astro:env', () => {
  it('are typed for astro:env/server by astro sync, the token as a secret', async () => {
    const sync = spawnSync(nodeBinary(), [ASTRO_BIN, 'sync', '--root', liveSite.root], {
      cwd: liveSite.root,
      env: buildEnv({}),
      encoding: 'utf8',
    });
    expect(sync.status, `${sync.stdout}\n${sync.stderr}`).toBe(0);
    const types = await readFile(join(liveSite.root, '.astro', 'env.d.ts'), 'utf8');
    const server = types.slice(types.indexOf("declare module 'astro:env/server'"));
    for (const line of [
      'STAGEBLOC_ACCESS_TOKEN: string | undefined',
      'STAGEBLOC_API_URL: string | undefined',
      "STAGEBLOC_FORMAT: 'json' | 'xml' | undefined",
      "STAGEBLOC_MEDIA: 'remote' | 'self-host' | undefined",
      "STAGEBLOC_ON_ERROR: 'fail' | 'use-snapshot' | undefined",
      'STAGEBLOC_SNAPSHOT_DIR: string | undefined',
      'STAGEBLOC_REFRESH_SECRET: string | undefined',
    ]) {
      expect(server).toContain(`export const ${line};`);
    }
    expect(server).toMatch(/export const STAGEBLOC_DRAFTS: '1' \| '0' \| 'true' \| 'false'/);
    // A secret is never offered to client code.
    const client = types.slice(0, types.indexOf("declare module 'astro:env/server'"));
    expect(client).not.toContain('STAGEBLOC_ACCESS_TOKEN');
    expect(client).not.toContain('STAGEBLOC_REFRESH_SECRET');
  }, 120_000);

  it("are validated by Astro before a sync starts: a bad value fails with Astro's message", async () => {
    const build = await astroBuild(site, {
      env: { STAGEBLOC_FORMAT: 'yaml', STAGEBLOC_ACCESS_TOKEN: 'unused', STAGEBLOC_API_URL: 'http://127.0.0.1:9/2.0/' },
    });
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/STAGEBLOC_FORMAT/);
    expect(build.output).toMatch(/json.*xml|Expected/i);
    // Refused before any request: no attempt to reach the (closed) API is reported.
    expect(build.output).not.toMatch(/Could not reach/);
  }, 180_000);
});
