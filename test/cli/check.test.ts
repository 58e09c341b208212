import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { ensureBuilt, runCli } from './helpers/cli-process.js';

let sim: Simulator;
let cwd: string;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ port: 0 });
  cwd = await mkdtemp(join(tmpdir(), 'stagebloc-check-'));
});
afterAll(async () => {
  await sim?.close();
  await rm(cwd, { recursive: true, force: true });
});
beforeEach(() => sim.clearRequests());

const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

/** The expected counts, straight from the simulator's demo account records. */
function expectedCounts(items: ReadonlyArray<Record<string, unknown>>, isBlog = false) {
  const priv = (i: Record<string, unknown>) => flag(i['private']);
  const draft = (i: Record<string, unknown>) => isBlog && Number(i['status']) === 0;
  const published = items.filter((i) => !priv(i) && !draft(i));
  return {
    total: items.length,
    public: published.length,
    private: items.filter(priv).length,
    drafts: items.filter(draft).length,
    exclusive: items.filter((i) => flag(i['exclusive'])).length,
    publish: published.length,
    locked: published.filter((i) => flag(i['exclusive'])).length,
  };
}

describe('stagebloc check', () => {
  it.each(['json', 'xml'])('counts match the demo account (%s)', async (format) => {
    const run = await runCli(['check', '--json', '--format', format], {
      cwd,
      env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token },
    });
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    const account = sim.account;
    expect(report.collections).toEqual({
      tracks: expectedCounts(account.tracks),
      playlists: expectedCounts(account.playlists),
      blog: expectedCounts(account.blog, true),
      photos: expectedCounts(account.photos),
      albums: expectedCounts(account.albums),
      // Played shows too: the same events a site build syncs.
      events: expectedCounts(account.events),
      videos: expectedCounts(account.videos),
      statuses: expectedCounts(account.statuses),
    });
    expect(report.collections.events.private).toBeGreaterThan(0);
    expect(report.owner).toEqual({
      account: { id: 4242, name: 'Juniper Static', stageblocUrl: 'juniperstatic' },
      user: { id: 8, name: 'Nora Vance' },
      application: { name: 'Juniper Static website', description: expect.any(String) },
    });
    // /oauth2/token/info repeats the token; the report does not.
    expect(run.stdout).not.toContain(sim.token);
    // The demo account exercises every column.
    expect(report.collections.blog.drafts).toBeGreaterThan(0);
    expect(report.collections.tracks.private).toBeGreaterThan(0);
    expect(report.collections.tracks.locked).toBeGreaterThan(0);
    expect(sim.requests.every((r) => r.format === format)).toBe(true);
  });

  it('prints a readable table and reads the token from .env', async () => {
    await writeFile(join(cwd, '.env'), `STAGEBLOC_API_URL=${sim.apiUrl}\nSTAGEBLOC_ACCESS_TOKEN=${sim.token}\n`);
    const run = await runCli(['check'], { cwd });
    await rm(join(cwd, '.env'));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Token OK/);
    expect(run.stdout).toContain(
      'Account: Juniper Static (stagebloc.com/juniperstatic, id 4242); user Nora Vance; application "Juniper Static website".',
    );
    for (const name of ['events', 'videos', 'statuses']) expect(run.stdout).toMatch(new RegExp(`^${name} +\\d`, 'm'));
    const tracks = expectedCounts(sim.account.tracks);
    const row = run.stdout.split('\n').find((line) => line.startsWith('tracks'))!;
    expect(row.split(/\s+/).slice(1, 4)).toEqual([String(tracks.total), String(tracks.public), String(tracks.private)]);
    expect(run.stdout).not.toContain(sim.token);
  });

  it('still counts when the API cannot say who the token belongs to (one warning)', async () => {
    sim.injectFault({ kind: 'status', status: 404, path: '/oauth2/token/info' });
    const run = await runCli(['check', '--json'], {
      cwd,
      env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token },
    });
    sim.clearFaults();
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).owner).toBeNull();
    expect(run.stderr.match(/Warning: could not read which account/g)).toHaveLength(1);
  });

  it('exits 3 with "rejected" for a wrong token, without printing it', async () => {
    const run = await runCli(['check', '--api-url', sim.apiUrl], {
      cwd,
      env: { STAGEBLOC_ACCESS_TOKEN: 'not-a-valid-token-0000' },
    });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/rejected/i);
    expect(run.stderr).not.toContain('not-a-valid-token-0000');
  });

  it('exits 3 naming STAGEBLOC_ACCESS_TOKEN when there is no token, before any request', async () => {
    const run = await runCli(['check', '--api-url', sim.apiUrl], { cwd });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/STAGEBLOC_ACCESS_TOKEN/);
    expect(sim.requests).toHaveLength(0);
  });

  it('exits 1 naming the host when the API is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const run = await runCli(['check', '--api-url', `http://127.0.0.1:${port}/2.0/`, '--timeout', '2'], {
      cwd,
      env: { STAGEBLOC_ACCESS_TOKEN: sim.token },
      timeoutMs: 60_000,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Could not reach the StageBloc API at http://127.0.0.1:${port}`);
    expect(run.stderr).toMatch(/retrying/);
    // The error is the last thing said: the other collections' requests were cancelled with it.
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    const errorAt = lines.findIndex((line) => line.includes('Could not reach the StageBloc API'));
    expect(lines.slice(errorAt + 1), run.stderr).not.toContainEqual(expect.stringMatching(/retrying|warn:/));
  });
});

describe('help and usage errors', () => {
  it.each(['login', 'token', 'check', 'upload', 'edit', 'snapshot'])(
    '`%s --help` documents options and exit codes',
    async (name) => {
      const run = await runCli([name, '--help'], { cwd });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`^Usage: stagebloc ${name}`));
      expect(run.stdout).toMatch(/Exit codes:[\s\S]*2 {2}usage error[\s\S]*4 {2}validation failure/);
    },
  );

  it('`stagebloc --help` lists every subcommand; `simulator --help` comes from the simulator', async () => {
    const top = await runCli(['--help'], { cwd });
    expect(top.code).toBe(0);
    for (const name of ['login', 'token', 'check', 'upload', 'edit', 'snapshot', 'simulator']) {
      expect(top.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    }
    const sim = await runCli(['simulator', '--help'], { cwd });
    expect(sim.code).toBe(0);
    expect(sim.stdout).toMatch(/--scale[\s\S]*--latency[\s\S]*--fault/);
  });

  it.each([
    [['frobnicate']],
    [['check', '--bogus']],
    [['check', 'extra-arg']],
    [['check', '--format', 'yaml']],
    [['snapshot']],
    [['edit', '12', '--title']],
  ])('%j is a usage error (exit 2) and sends nothing', async (argv) => {
    const run = await runCli(argv, { cwd, env: { STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token } });
    expect(run.code).toBe(2);
    expect(run.stderr.length).toBeGreaterThan(0);
    expect(sim.requests).toHaveLength(0);
  });
});
