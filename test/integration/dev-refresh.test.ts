/**
 * Content that refreshes in `astro dev`: a real dev server of the basic fixture site
 * against the simulator over HTTP. An edit on StageBloc shows after a POST to the refresh
 * endpoint (shared secret; a refresh with nothing changed costs one request per
 * collection), with the opt-in periodic refresh without any call, and in demo mode after
 * `stagebloc edit` against the in-process simulator, on the next reload.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { createFixtureSite, nodeBinary, REPO_ROOT, type FixtureSite } from '../helpers/astro-build.js';
import { startDevServer, type RunningServer } from '../helpers/astro-server.js';
import { join } from 'node:path';

const CANARY = 'dev-refresh-canary-93c1f0a6d2';
const SECRET = 'refresh-secret-for-the-test';
/** One cheap check per collection. */
const ENDPOINTS = [
  '/audio/list',
  '/audio/playlists/list',
  '/blog/list',
  '/photos/list',
  '/photos/albums/list',
  '/events/list',
  '/videos/list',
  '/statuses/list',
  '/accounts/list',
];

const CONFIG = (integration: string) => `import { defineConfig } from 'astro/config';
import { stagebloc } from 'astro-stagebloc';
export default defineConfig({ cacheDir: './.cache', devToolbar: { enabled: false }, integrations: [stagebloc(${integration})] });
`;

let sim: Simulator;
const sites: FixtureSite[] = [];
const servers: RunningServer[] = [];

async function devSite(integration: string, env: Record<string, string>) {
  const site = await createFixtureSite('basic', { files: { 'astro.config.mjs': CONFIG(integration) } });
  sites.push(site);
  const server = await startDevServer(site.root, env);
  servers.push(server);
  return server;
}

async function trackTitles(server: RunningServer): Promise<Map<string, string>> {
  const response = await fetch(`${server.origin}/data.json`);
  expect(response.status).toBe(200);
  const data = (await response.json()) as { tracks: Array<{ id: string; data: { title: string } }> };
  return new Map(data.tracks.map((t) => [t.id, t.data.title]));
}

/** Polls (by request count, not by clock) until `check` holds. */
async function eventually(check: () => Promise<boolean>, attempts = 120) {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('condition never held');
}

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accessToken: CANARY });
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await sim?.close();
  for (const site of sites) await site.cleanup();
});

const env = () => ({ STAGEBLOC_ACCESS_TOKEN: CANARY, STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_REFRESH_SECRET: SECRET });

describe('astro dev with stagebloc()', () => {
  it('re-syncs on POST /_stagebloc/refresh with the shared secret, and only then', async () => {
    const server = await devSite('', env());
    const before = await trackTitles(server);
    const id = [...before.keys()][0]!;
    await createClient({ accessToken: CANARY, baseUrl: sim.apiUrl }).tracks.edit({
      id: Number(id),
      title: 'Edited during astro dev',
    });
    // No refresh yet: the dev server still shows the synced content.
    expect((await trackTitles(server)).get(id)).toBe(before.get(id));

    const refreshUrl = `${server.origin}/_stagebloc/refresh`;
    expect((await fetch(refreshUrl, { method: 'POST' })).status).toBe(401);
    expect((await fetch(refreshUrl, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(refreshUrl)).status).toBe(405);
    expect((await trackTitles(server)).get(id)).toBe(before.get(id));

    const refreshed = await fetch(refreshUrl, { method: 'POST', headers: { authorization: `Bearer ${SECRET}` } });
    expect([refreshed.status, await refreshed.json()]).toEqual([200, { refreshed: true }]);
    expect((await trackTitles(server)).get(id)).toBe('Edited during astro dev');

    // Nothing changed since: the refresh is the cheap check alone, one request per collection.
    sim.clearRequests();
    const again = await fetch(`${refreshUrl}?secret=${SECRET}`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(sim.requests.map((r) => r.endpoint).sort()).toEqual([...ENDPOINTS].sort());
    expect(server.output()).not.toContain(CANARY);
  }, 240_000);

  it('checks on its own with refreshInterval, and is off by default', async () => {
    const server = await devSite('{ refreshInterval: 10 }', {
      STAGEBLOC_ACCESS_TOKEN: CANARY,
      STAGEBLOC_API_URL: sim.apiUrl,
    });
    expect(server.output()).toMatch(/Checking StageBloc for changes every 10 s/);
    const before = await trackTitles(server);
    const id = [...before.keys()][1]!;
    await createClient({ accessToken: CANARY, baseUrl: sim.apiUrl }).tracks.edit({
      id: Number(id),
      title: 'Seen by the periodic check',
    });
    await eventually(async () => (await trackTitles(server)).get(id) === 'Seen by the periodic check');
    // The first server has no interval: it never asked the API on its own.
    expect(servers[0]!.output()).not.toMatch(/Checking StageBloc for changes/);
  }, 240_000);

  it('in demo mode shows a `stagebloc edit` against the in-process simulator on the next reload', async () => {
    const server = await devSite('{ demo: true }', {});
    const line = /Demo API: STAGEBLOC_API_URL=(\S+) STAGEBLOC_ACCESS_TOKEN=(\S+)/.exec(server.output());
    expect(line, server.output()).not.toBeNull();
    const before = await trackTitles(server);
    const id = [...before.keys()][2]!;
    const cli = spawn(
      nodeBinary(),
      [join(REPO_ROOT, 'dist', 'cli', 'main.js'), 'edit', id, '--title', 'Edited with the CLI in demo mode'],
      {
        env: { ...process.env, STAGEBLOC_API_URL: line![1]!, STAGEBLOC_ACCESS_TOKEN: line![2]!, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let cliOutput = '';
    cli.stdout.on('data', (c: Buffer) => (cliOutput += c.toString()));
    cli.stderr.on('data', (c: Buffer) => (cliOutput += c.toString()));
    const code = await new Promise<number | null>((resolveExit) => cli.on('close', resolveExit));
    expect(code, cliOutput).toBe(0);
    // The edit's answer waited for the re-sync: the very next request shows it.
    expect((await trackTitles(server)).get(id)).toBe('Edited with the CLI in demo mode');
  }, 240_000);
});
