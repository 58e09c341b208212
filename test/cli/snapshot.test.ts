import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnapshotDir } from '../../src/sync/snapshot-format.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { astroBuild, createFixtureSite, listFiles } from '../helpers/astro-build.js';
import { ensureBuilt, runCli } from './helpers/cli-process.js';

let sim: Simulator;
let root: string;
let snapDir: string;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ port: 0 });
  root = await mkdtemp(join(tmpdir(), 'stagebloc-cli-snapshot-'));
  snapDir = join(root, 'snap');
});
afterAll(async () => {
  await sim?.close();
  await rm(root, { recursive: true, force: true });
});

const env = () => ({ STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token });
const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

async function snapshotFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const file of await listFiles(dir)) out[file] = await readFile(join(dir, file), 'utf8').catch(() => '');
  return out;
}

// One account walked through several runs, in order: each step builds on the last.
describe('stagebloc snapshot', () => {
  it('writes the whole account in the loaders’ snapshot format, with progress per collection', async () => {
    const run = await runCli(['snapshot', snapDir, '--format', 'xml'], { cwd: root, env: env() });
    expect(run.code, run.stderr).toBe(0);
    const read = await readSnapshotDir(snapDir);
    const account = sim.account;
    expect(read.tracks!.items.map((t) => t.id).sort()).toEqual(account.tracks.map((t) => t.id).sort());
    // Drafts and private items are in the snapshot: the loaders apply the policy at build time.
    expect(read.blog!.items).toHaveLength(account.blog.length);
    expect(read.blog!.items.some((b) => b.status === 0)).toBe(true);
    expect(read.photos!.items).toHaveLength(account.photos.length);
    const playlist = account.playlists[0]!;
    expect(read.playlists!.items.find((p) => p.id === playlist.id)!.trackIds).toEqual(playlist.track_ids);
    for (const name of ['tracks', 'playlists', 'blog', 'photos', 'albums']) {
      expect(run.stderr).toMatch(new RegExp(`^ +${name} +\\d+ items`, 'm'));
    }
    expect(await readdir(root)).toEqual(['snap']);
    expect(JSON.stringify(await snapshotFiles(snapDir))).not.toContain(sim.token);
  });

  it('leaves the previous snapshot intact when a run fails, and cleans up its temp directory', async () => {
    const before = await snapshotFiles(snapDir);
    sim.injectFault({ kind: 'status', status: 500, path: '/photos/albums/list', times: Infinity });
    const run = await runCli(['snapshot', snapDir], { cwd: root, env: env() });
    sim.clearFaults();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/HTTP 500/);
    expect(await snapshotFiles(snapDir)).toEqual(before);
    expect(await readdir(root)).toEqual(['snap']);
  });

  it('refuses to replace a directory that is not a snapshot (exit 4)', async () => {
    const precious = join(root, 'precious');
    await mkdir(precious);
    await writeFile(join(precious, 'notes.txt'), 'keep me');
    const run = await runCli(['snapshot', precious], { cwd: root, env: env() });
    expect(run.code).toBe(4);
    expect(await readFile(join(precious, 'notes.txt'), 'utf8')).toBe('keep me');
    await rm(precious, { recursive: true });
  });

  it('with --media downloads images and MP3s, and a re-run only downloads what changed', async () => {
    sim.clearRequests();
    const first = await runCli(['snapshot', snapDir, '--media', '--json'], { cwd: root, env: env() });
    expect(first.code, first.stderr).toBe(0);
    const firstMedia = JSON.parse(first.stdout).media;
    expect(firstMedia.downloaded).toBeGreaterThan(50);
    expect(firstMedia.reused).toBe(0);
    const manifest = JSON.parse(await readFile(join(snapDir, 'media/manifest.json'), 'utf8'));
    const urls = Object.keys(manifest.files);
    expect(urls.length).toBe(firstMedia.downloaded);
    // Media of private tracks is never fetched; public tracks' streams are.
    const privateTrack = sim.account.tracks.find((t) => flag(t.private) && t.embed_url)!;
    const publicTrack = sim.account.tracks.find((t) => !flag(t.private) && t.embed_url)!;
    expect(urls).not.toContain(privateTrack.embed_url);
    expect(urls).toContain(publicTrack.embed_url);
    const entry = manifest.files[publicTrack.embed_url as string];
    const mp3 = await readFile(join(snapDir, 'media/files', entry.name));
    expect(mp3.length).toBe(entry.size);
    // No credentials go to the media host.
    expect(sim.mediaRequests.every((r) => r.headers['authorization'] === undefined)).toBe(true);

    // Nothing changed: only conditional HEADs, each answered 304.
    sim.clearRequests();
    const second = await runCli(['snapshot', snapDir, '--media', '--json'], { cwd: root, env: env() });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).media).toMatchObject({ downloaded: 0, reused: urls.length });
    expect(sim.mediaRequests.every((r) => r.method === 'HEAD' && r.status === 304)).toBe(true);

    // One track's stream URL changed (a new upload of the master): exactly that file is downloaded.
    const originalUrl = publicTrack.embed_url as string;
    publicTrack.embed_url = `${originalUrl}?v=2`;
    sim.clearRequests();
    const third = await runCli(['snapshot', snapDir, '--media', '--json'], { cwd: root, env: env() });
    publicTrack.embed_url = originalUrl;
    expect(third.code, third.stderr).toBe(0);
    expect(JSON.parse(third.stdout).media).toMatchObject({ downloaded: 1, reused: urls.length - 1 });
    expect(sim.mediaRequests.filter((r) => r.method === 'GET').map((r) => r.query)).toEqual([{ v: '2' }]);
  });

  it('a site builds from the snapshot with the simulator stopped', async () => {
    const read = await readSnapshotDir(snapDir);
    await sim.close();
    const site = await createFixtureSite('basic');
    try {
      // The snapshot's media directory is a loaders media cache: with it in place, the build needs no network for media either.
      const cache = join(site.cacheDir, 'astro-stagebloc', 'media');
      await mkdir(dirname(cache), { recursive: true });
      await symlink(join(snapDir, 'media'), cache);
      const build = await astroBuild(site, { env: { STAGEBLOC_SNAPSHOT_DIR: snapDir, STAGEBLOC_MEDIA: 'self-host' } });
      expect(build.code, build.output).toBe(0);
      const dump = JSON.parse(await readFile(join(site.distDir, 'data.json'), 'utf8'));
      const expectedTracks = read
        .tracks!.items.filter((t) => !t.private)
        .map((t) => String(t.id))
        .sort();
      expect(dump.tracks.map((e: { id: string }) => e.id).sort()).toEqual(expectedTracks);
      const published = read.blog!.items.filter((b) => !b.private && b.status === 1);
      expect(dump.blog).toHaveLength(published.length);
      const files = await listFiles(site.distDir);
      expect(files.some((f) => /_stagebloc\/audio\/.+\.mp3$/.test(f))).toBe(true);
      expect(build.output).not.toMatch(/Could not read the size/);
      // Media embedded in HTML is in the snapshot too, so the offline build removes nothing.
      expect(build.output).not.toMatch(/linked from HTML .*removed them/);
    } finally {
      await site.cleanup();
    }
  });
});
