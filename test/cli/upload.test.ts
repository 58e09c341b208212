import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeTempDir, mp3Bytes, writeAiff, writeSparseWav, writeWav } from '../helpers/audio-files.js';
import { ensureBuilt, runCli } from './helpers/cli-process.js';

let sim: Simulator;
let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  await ensureBuilt();
  sim = await startSimulator({ port: 0 });
  ({ dir, remove: removeDir } = await makeTempDir('stagebloc-cli-upload-'));
});
afterAll(async () => {
  await sim?.close();
  await removeDir?.();
});
beforeEach(() => sim.clearRequests());

const env = () => ({ STAGEBLOC_API_URL: sim.apiUrl, STAGEBLOC_ACCESS_TOKEN: sim.token });

/** What the API itself now lists for an id, independent of the CLI and the client. */
async function listedTrack(id: number): Promise<Record<string, unknown> | undefined> {
  const response = await fetch(`${sim.apiUrl}audio/list.json?id=${id}`, {
    headers: { authorization: `OAuth ${sim.token}` },
  });
  const body = (await response.json()) as { response: { items: { item: Record<string, unknown> }[] } };
  return body.response.items[0]?.item;
}

describe('stagebloc upload', () => {
  it.each([
    ['WAV', 'take-1.wav', writeWav],
    ['AIFF', 'take-2.aiff', writeAiff],
  ] as const)('uploads a generated %s file; the track appears in /audio/list', async (_kind, name, write) => {
    const file = await write(join(dir, name), { seconds: 2, sampleRate: 22050 });
    const playlist = sim.account.playlists[0]!;
    const run = await runCli(
      [
        'upload',
        file,
        '--title',
        `Night Drive ${name}`,
        '--artist',
        'Juniper Static',
        '--playlist',
        String(playlist.id),
        '--free-download',
        '1',
        '--paid-download',
        '3',
        '--price',
        '2.50',
        '--no-name-your-price',
        '--json',
      ],
      { env: env() },
    );
    expect(run.code, run.stderr).toBe(0);
    const track = JSON.parse(run.stdout);
    expect(track).toMatchObject({
      title: `Night Drive ${name}`,
      artist: 'Juniper Static',
      private: false,
      downloadDetails: { freeDownloadQuality: 1, paidDownloadQuality: 3, price: 2.5, fansNamePrice: false },
    });
    const listed = await listedTrack(track.id);
    expect(listed).toMatchObject({ id: track.id, title: `Night Drive ${name}`, artist: 'Juniper Static' });
    expect(sim.account.playlists[0]!.track_ids).toContain(track.id);
    // stderr is not a TTY here: plain progress lines, then the summary; never the token.
    expect(run.stderr).toMatch(/^Uploaded \d+(\.\d)? kB in /m);
    expect(run.stdout + run.stderr).not.toContain(sim.token);
    expect(sim.requests.filter((r) => r.endpoint === '/audio/edit')).toHaveLength(1);
  });

  it('prints a human summary of the created track by default', async () => {
    const file = await writeWav(join(dir, 'plain.wav'));
    const run = await runCli(['upload', file, '--title', 'Plain', '--private'], { env: env() });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Created track \d+: "Plain"/);
    expect(run.stdout).toMatch(/visibility private/);
  });

  it.each([
    [
      'an MP3 named .wav',
      async () => {
        await writeFile(join(dir, 'song.wav'), mp3Bytes());
        return [join(dir, 'song.wav'), '--title', 'x'];
      },
      /not a WAV or AIFF file/,
    ],
    ['a missing file', async () => [join(dir, 'nope.wav'), '--title', 'x'], /does not exist/],
    [
      'a file of 200 MB',
      async () => [await writeSparseWav(join(dir, 'huge.wav'), 200 * 1024 * 1024), '--title', 'x'],
      /under 200/,
    ],
    [
      'a 101-character title',
      async () => [await writeWav(join(dir, 'ok1.wav')), '--title', 'x'.repeat(101)],
      /--title must be at most 100 characters/,
    ],
    [
      'a 251-character artist',
      async () => [await writeWav(join(dir, 'ok2.wav')), '--title', 't', '--artist', 'a'.repeat(251)],
      /--artist must be at most 250/,
    ],
    [
      'a download quality of 4',
      async () => [await writeWav(join(dir, 'ok3.wav')), '--title', 't', '--paid-download', '4'],
      /--paid-download must be 0, 1, 2 or 3/,
    ],
    [
      'a price under $0.50',
      async () => [await writeWav(join(dir, 'ok4.wav')), '--title', 't', '--price', '0.49'],
      /--price must be a number of at least 0.50/,
    ],
    ['an empty title', async () => [await writeWav(join(dir, 'ok5.wav')), '--title', ''], /--title is required/],
  ])('rejects %s with exit 4 before any request', async (_case, args, message) => {
    const run = await runCli(['upload', ...(await args())], { env: env() });
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Nothing was sent/);
    expect(sim.requests).toHaveLength(0);
  });

  it.each([
    [['--title', 'x', '--bogus']],
    [['--title']],
    [['--title', 'x', '--price', 'cheap']],
    [['--title', 'x', '--free-download', 'high']],
    [['--title', 'x', '--playlist', '3,x']],
    [['--title', 'x', 'second-file.wav']],
  ])('rejects bad flags %j with exit 2 before any request', async (flags) => {
    const file = await writeWav(join(dir, 'flags.wav'));
    const run = await runCli(['upload', file, ...flags], { env: env() });
    expect(run.code, run.stderr).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });

  it('exits 4 when the API refuses a field (unknown playlist), after sending', async () => {
    const file = await writeWav(join(dir, 'unknown-playlist.wav'));
    const run = await runCli(['upload', file, '--title', 'x', '--playlist', '999999'], { env: env() });
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/HTTP 422/);
  });
});

describe('stagebloc edit', () => {
  it('edits an existing track without a file', async () => {
    const target = sim.account.tracks.find((t) => t.private === false || t.private === 0)!;
    const run = await runCli(['edit', String(target.id), '--title', 'Renamed by the CLI', '--exclusive', '--json'], {
      env: env(),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: target.id, title: 'Renamed by the CLI', exclusive: true });
    expect(await listedTrack(target.id)).toMatchObject({ title: 'Renamed by the CLI' });
    const edit = sim.requests.find((r) => r.endpoint === '/audio/edit')!;
    expect(edit.method).toBe('POST');
  });

  it('reports an unknown track id (exit 1) and a non-numeric one as a usage error (exit 2)', async () => {
    const unknown = await runCli(['edit', '987654', '--title', 'x'], { env: env() });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/HTTP 404/);
    sim.clearRequests();
    const bad = await runCli(['edit', 'twelve', '--title', 'x'], { env: env() });
    expect(bad.code).toBe(2);
    expect(sim.requests).toHaveLength(0);
  });
});
