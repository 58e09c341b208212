/**
 * Failure handling in real builds: the API dies mid-sync (store and snapshot survive,
 * `onError: 'use-snapshot'` builds from the snapshot), and the clear messages for a
 * missing or rejected token.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { astroBuild, createFixtureSite, listFiles, type FixtureSite } from '../helpers/astro-build.js';
import { flag, hashFile, readDump, type Dump } from './build-support.js';

type Sim = Awaited<ReturnType<typeof startSimulator>>;

let sim: Sim;
let site: FixtureSite;
let pageSize: number;
let before: Dump;

const env = (extra: Record<string, string> = {}) => ({
  STAGEBLOC_API_URL: sim.apiUrl,
  STAGEBLOC_ACCESS_TOKEN: sim.token,
  FIXTURE_PAGE_SIZE: String(pageSize),
  FIXTURE_RETRIES: '1',
  ...extra,
});

async function cacheHashes(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(site.cacheDir)) {
    if (file === 'data-store.json' || file.includes('snapshot')) out[file] = await hashFile(join(site.cacheDir, file));
  }
  return out;
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  // Small pages so the track walk takes at least five requests.
  pageSize = Math.max(1, Math.floor(sim.account.tracks.length / 5));
  site = await createFixtureSite('basic');
  const build = await astroBuild(site, { env: env() });
  expect(build.code, build.output).toBe(0);
  before = await readDump(site.distDir);
});

afterAll(async () => {
  await sim?.close();
  await site?.cleanup();
});

describe('the API failing mid-sync', () => {
  it('fails the build clearly and leaves the previous store and snapshot intact', async () => {
    const hashes = await cacheHashes();
    expect(Object.keys(hashes).some((f) => f.endsWith('tracks.json'))).toBe(true);
    expect(Object.keys(hashes)).toContain('data-store.json');
    const track = sim.account.tracks.find((t) => !flag(t.private) && !flag(t.exclusive))!;
    track.title = 'Changed while the API was failing';
    track.modified = '2099-01-01 00:00:00';
    // Request 1 is the cheap check; the connection drops on every later one (the changed head's pages).
    sim.injectFault({ kind: 'reset', path: '/audio/list', skip: 1, times: Infinity });

    const build = await astroBuild(site, { env: env() });
    sim.clearFaults();
    expect(build.code).not.toBe(0);
    expect(build.output).toMatch(/Syncing StageBloc content failed/);
    expect(build.output).toContain(new URL(sim.apiUrl).host);
    expect(build.output).toMatch(/attempt/);
    expect(await cacheHashes()).toEqual(hashes);
    // The head page was sent, and sent again by the client's retries, before the build gave up.
    const pageRequests = sim.requests.filter((r) => r.endpoint === '/audio/list' && r.query.offset !== undefined);
    expect(pageRequests.length).toBeGreaterThanOrEqual(2);
  });

  it("with onError: 'use-snapshot' builds from the last good snapshot, with a warning and its age", async () => {
    sim.injectFault({ kind: 'reset', path: '/audio/list', skip: 1, times: Infinity });
    const build = await astroBuild(site, { env: env({ STAGEBLOC_ON_ERROR: 'use-snapshot' }) });
    sim.clearFaults();
    expect(build.code, build.output).toBe(0);
    expect(build.output).toMatch(
      /USING THE LAST GOOD SNAPSHOT of the StageBloc content from \S+ \(\d+ minute\(s\) old\)/,
    );
    const dump = await readDump(site.distDir);
    expect(dump.tracks).toEqual(before.tracks);
    expect(dump.tracks.some((t) => t.data.title === 'Changed while the API was failing')).toBe(false);
  });
});

describe('token errors', () => {
  it('without a token the build fails with one message naming STAGEBLOC_ACCESS_TOKEN and how to get one', async () => {
    const build = await astroBuild(site, { env: { STAGEBLOC_API_URL: sim.apiUrl } });
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('STAGEBLOC_ACCESS_TOKEN');
    expect(build.output).toContain('npx stagebloc login');
    expect(build.output).toContain('stagebloc({ demo: true })');
  });

  it('a rejected token fails with "StageBloc rejected the access token" and never prints it', async () => {
    const canary = 'canary-token-0123456789abcdef';
    const build = await astroBuild(site, { env: env({ STAGEBLOC_ACCESS_TOKEN: canary }) });
    expect(build.code).not.toBe(0);
    expect(build.output).toContain('StageBloc rejected the access token');
    expect(build.output.includes(canary)).toBe(false);
  });
});
