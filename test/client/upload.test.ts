/**
 * /audio/edit against the simulator: real WAV/AIFF files generated here are
 * accepted and show up in /audio/list; anything the docs forbid is rejected
 * before a single request is made.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { StageBlocValidationError } from '../../src/client/errors.js';
import type { Format } from '../../src/client/model.js';
import { MAX_AUDIO_FILE_BYTES, validateAudioEdit, type AudioEditInput } from '../../src/client/upload.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { makeTempDir, mp3Bytes, writeAiff, writeSparseWav, writeWav } from '../helpers/audio-files.js';

let sim: Simulator;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 5 });
  tmp = await makeTempDir();
});
afterAll(async () => {
  await sim?.close();
  await tmp?.remove();
});

const path = (name: string) => join(tmp.dir, name);

describe.each(['json', 'xml'] as Format[])('upload (%s)', (format) => {
  const client = () => createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format, retries: 0 });

  it.each([
    ['WAV', 'tone.wav', (p: string) => writeWav(p, { seconds: 0.5 })],
    ['AIFF', 'tone.aiff', (p: string) => writeAiff(p, { seconds: 0.5, channels: 2 })],
    ['AIFF-C', 'tone.aifc', (p: string) => writeAiff(p, { aifc: true })],
    // Sniffed from the header, not the name.
    ['WAV named .bin', 'tone.bin', (p: string) => writeWav(p)],
  ])('creates a track from a real %s file', async (_kind, name, make) => {
    const file = await make(path(`${format}-${name}`));
    const title = `Upload ${format} ${name}`;
    sim.clearRequests();
    const track = await client().tracks.edit({
      title,
      file,
      artist: 'The Testers',
      description: '<p>Made in a test</p>',
      exclusive: true,
      paidDownloadQuality: 3,
      price: 0.5,
      fansNamePrice: false,
    });
    expect(track).toMatchObject({ title, artist: 'The Testers', exclusive: true });
    expect(track.downloadDetails).toMatchObject({ paidDownloadQuality: 3, price: 0.5, fansNamePrice: false });
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]).toMatchObject({ method: 'POST', endpoint: '/audio/edit', format, status: 200 });

    const listed = await client().tracks.get(track.id);
    expect(listed).toEqual(track);
    const newest = await client().tracks.list({ limit: 100 });
    expect(newest.items.map((t) => t.id)).toContain(track.id);
  });

  it('edits an existing track without a file', async () => {
    const [existing] = (await client().tracks.list({ limit: 1 })).items;
    const title = `Renamed in ${format}`;
    const edited = await client().tracks.edit({ id: existing!.id, title, private: true });
    expect(edited).toMatchObject({ id: existing!.id, title, private: true });
    expect((await client().tracks.get(existing!.id)).title).toBe(title);
  });
});

describe('rejected before sending', () => {
  const client = () => createClient({ accessToken: sim.token, baseUrl: sim.apiUrl });

  async function expectRejected(input: AudioEditInput, ...patterns: RegExp[]) {
    sim.clearRequests();
    const error = await client()
      .tracks.edit(input)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocValidationError);
    const issues = (error as StageBlocValidationError).issues;
    for (const pattern of patterns)
      expect(
        issues.some((i) => pattern.test(i)),
        `${pattern} in ${JSON.stringify(issues)}`,
      ).toBe(true);
    expect(issues).toHaveLength(patterns.length);
    expect((error as StageBlocValidationError).endpoint).toBe('/audio/edit');
    expect(sim.requests).toHaveLength(0);
  }

  it('an MP3 renamed .wav', async () => {
    const file = path('song.wav');
    await writeFile(file, mp3Bytes());
    await expectRejected({ title: 'MP3', file }, /not a WAV or AIFF/);
  });

  it('a text file renamed .aiff', async () => {
    const file = path('notes.aiff');
    await writeFile(file, 'FORM is a word, but this is not audio at all\n');
    await expectRejected({ title: 'Text', file }, /not a WAV or AIFF/);
  });

  it('an empty file', async () => {
    const file = path('empty.wav');
    await writeFile(file, '');
    await expectRejected({ title: 'Empty', file }, /not a WAV or AIFF/);
  });

  it('a WAV of 200 MB (the limit is "< 200MB"), without reading it', async () => {
    const file = await writeSparseWav(path('huge.wav'), MAX_AUDIO_FILE_BYTES);
    // Rejected by its size (stat), before the header is even sniffed.
    await expectRejected({ title: 'Huge', file }, /under 200 MB/);
  });

  it('a missing file, or no file when creating', async () => {
    await expectRejected({ title: 'Ghost', file: path('nope.wav') }, /does not exist/);
    await expectRejected({ title: 'No file' }, /file is required/);
    await expectRejected({ title: 'A directory', file: tmp.dir }, /not a regular file/);
  });

  it('every bad field, listed together', async () => {
    const file = await writeWav(path('ok.wav'));
    await expectRejected(
      {
        id: -3,
        title: 'x'.repeat(101),
        file,
        artist: 'y'.repeat(251),
        playlistIds: [1, 0],
        freeDownloadQuality: 4 as never,
        paidDownloadQuality: 1.5 as never,
        price: 0.49,
        private: 'yes' as never,
        exclusive: 1 as never,
      },
      /^id /,
      /^title must be at most 100/,
      /^artist must be at most 250/,
      /^playlistIds/,
      /^freeDownloadQuality/,
      /^paidDownloadQuality/,
      /^price must be .* at least 0\.50/,
      /^private/,
      /^exclusive/,
    );
    await expectRejected({ title: '   ', file }, /^title is required/);
  });
});

describe('validateAudioEdit boundaries', () => {
  it('accepts the documented limits exactly', async () => {
    const file = await writeAiff(path('edge.aiff'));
    const result = await validateAudioEdit({
      title: 'é'.repeat(100),
      artist: 'a'.repeat(250),
      file,
      price: 0.5,
      freeDownloadQuality: 0,
      paidDownloadQuality: 3,
    });
    expect(result.fileType).toBe('aiff');
    expect(result.fileSize).toBeGreaterThan(44);
  });

  it('accepts a WAV just under the size limit (sparse, not uploaded)', async () => {
    const file = await writeSparseWav(path('almost.wav'), MAX_AUDIO_FILE_BYTES - 1);
    expect(await validateAudioEdit({ title: 'Almost', file })).toEqual({
      fileType: 'wav',
      fileSize: MAX_AUDIO_FILE_BYTES - 1,
    });
  });

  it('needs no file when editing', async () => {
    expect(await validateAudioEdit({ id: 1, title: 'Edit only' })).toEqual({});
  });
});
