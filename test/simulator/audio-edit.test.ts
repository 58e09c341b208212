/**
 * POST /audio/edit: multipart uploads of WAV/AIFF files generated here,
 * validation, defaults (Mobile Uploads), edits, and the early 413.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { ids, list, makeAiff, makeWav, multipart, parseResponse, type ListResponse } from './helpers.js';
import type { Format } from '../../src/client/model.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 11, maxUploadBytes: 256 * 1024 });
});
afterAll(async () => {
  await sim?.close();
});

async function edit(body: Buffer | string, contentType: string, format: Format = 'json'): Promise<ListResponse> {
  const res = await fetch(new URL(`audio/edit.${format}`, sim.apiUrl), {
    method: 'POST',
    headers: { Authorization: `OAuth ${sim.token}`, 'Content-Type': contentType },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return parseResponse(res.status, await res.text(), format, res.headers.get('content-type'));
}

function upload(
  fields: Record<string, string>,
  file?: { data: Buffer; filename: string; type?: string },
  format: Format = 'json',
) {
  const parts: Parameters<typeof multipart>[0] = Object.entries(fields).map(([name, value]) => ({ name, value }));
  if (file)
    parts.push({
      name: 'audio_data',
      value: file.data,
      filename: file.filename,
      type: file.type ?? 'application/octet-stream',
    });
  const { body, contentType } = multipart(parts);
  return edit(body, contentType, format);
}

const mobileUploads = () => sim.account.playlists.filter((p) => p.title === 'Mobile Uploads');

describe('creating tracks', () => {
  it('accepts a WAV, defaults the rest, and files it under a new "Mobile Uploads" playlist', async () => {
    expect(mobileUploads()).toHaveLength(0);
    const before = sim.account.tracks.length;
    const res = await upload({ title: 'Phone Demo' }, { data: makeWav(3), filename: 'demo.wav', type: 'audio/wav' });
    expect(res.status).toBe(200);
    expect(res.total).toBe(1);
    const item = res.items[0]!;
    expect(item).toMatchObject({
      title: 'Phone Demo',
      artist: '',
      description: '',
      length: 3,
      private: false,
      exclusive: false,
      raw_url: null,
    });
    expect(item.download_details).toEqual({
      price: 0.5,
      fans_name_price: true,
      free_download_quality: 0,
      paid_download_quality: 0,
      free_download_require_follow: false,
      paid_download_require_follow: false,
    });
    expect(String(item.embed_url)).toMatch(new RegExp(`^${sim.mediaOrigin}/production/audio/1/mp3_128kb/.+\\.mp3$`));
    expect(sim.account.tracks.length).toBe(before + 1);
    expect(Math.max(...sim.account.tracks.slice(0, -1).map((t) => t.id))).toBeLessThan(Number(item.id));
    expect(mobileUploads()).toHaveLength(1);
    expect(mobileUploads()[0]!.track_ids).toEqual([Number(item.id)]);

    // The new track is served by /audio/list right away, and its MP3 exists.
    const listed = await list(sim, '/audio/list', { id: Number(item.id) });
    expect(listed.items[0]).toEqual(item);
    const mp3 = await fetch(String(item.embed_url), { method: 'HEAD' });
    expect(mp3.status).toBe(200);
    expect(mp3.headers.get('content-type')).toBe('audio/mpeg');
  });

  it('accepts an AIFF (sniffed, whatever its name) in XML, and reuses the Mobile Uploads playlist', async () => {
    const res = await upload(
      {
        title: 'Voice Memo',
        artist: 'Nora Vance',
        private: '1',
        free_download_quality: '2',
        price: '1.25',
        fans_name_price: '0',
      },
      { data: makeAiff(2), filename: 'memo.mp3' },
      'xml',
    );
    expect(res.status).toBe(200);
    const item = res.items[0]!;
    expect(item).toMatchObject({ title: 'Voice Memo', artist: 'Nora Vance', length: '2', private: 'true' });
    expect(item.download_details).toMatchObject({
      price: '1.25',
      fans_name_price: 'false',
      free_download_quality: '2',
    });
    expect(mobileUploads()).toHaveLength(1);
    expect(mobileUploads()[0]!.track_ids).toContain(Number(item.id));
    const playlist = await list(sim, '/audio/playlists/list', { id: mobileUploads()[0]!.id });
    expect(playlist.items[0]).toMatchObject({ title: 'Mobile Uploads', track_count: 2, images: [] });
  });

  it('files into the given playlists instead when audio_playlist_id is set', async () => {
    const [a, b] = sim.account.playlists;
    const res = await upload(
      { title: 'Two Homes', audio_playlist_id: `${a!.id}, ${b!.id}` },
      { data: makeWav(1), filename: 'x.wav' },
    );
    expect(res.status).toBe(200);
    const id = Number(res.items[0]!.id);
    expect(a!.track_ids.at(-1)).toBe(id);
    expect(b!.track_ids.at(-1)).toBe(id);
    expect(mobileUploads()[0]!.track_ids).not.toContain(id);
    expect(ids((await list(sim, '/audio/list', { playlist_id: a!.id })).items).at(-1)).toBe(id);
  });

  it('415 for a file that is not WAV/AIFF, even named .wav', async () => {
    const mp3ish = Buffer.concat([Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00'), Buffer.alloc(2000, 0xff)]);
    const before = sim.account.tracks.length;
    const res = await upload({ title: 'Nope' }, { data: mp3ish, filename: 'song.wav', type: 'audio/wav' });
    expect(res.status).toBe(415);
    expect(res.error).toMatch(/WAV or AIFF/);
    expect(sim.account.tracks.length).toBe(before);
  });

  it.each([
    [{ title: '' }, /title is required/],
    [{ title: 'x'.repeat(101) }, /100 characters/],
    [{ title: 'ok', artist: 'a'.repeat(251) }, /250 characters/],
    [{ title: 'ok', free_download_quality: '4' }, /free_download_quality/],
    [{ title: 'ok', paid_download_quality: 'two' }, /paid_download_quality/],
    [{ title: 'ok', private: '2' }, /private must be 0 or 1/],
    [{ title: 'ok', exclusive: 'yes' }, /exclusive/],
    [{ title: 'ok', paid_download_require_follow: '-1' }, /paid_download_require_follow/],
    [{ title: 'ok', price: '0.25' }, /price/],
    [{ title: 'ok', price: 'free' }, /price/],
    [{ title: 'ok', audio_playlist_id: '99999999' }, /99999999/],
  ])('422 for %j', async (fields, message) => {
    const before = sim.account.tracks.length;
    const res = await upload(fields, { data: makeWav(1), filename: 'a.wav' });
    expect(res.status).toBe(422);
    expect(res.error).toMatch(message);
    expect(sim.account.tracks.length).toBe(before);
  });

  it('title can be exactly 100 characters (counted as characters, not bytes)', async () => {
    const res = await upload({ title: '\u00e9'.repeat(100) }, { data: makeWav(1), filename: 'a.wav' });
    expect(res.status).toBe(200);
  });

  it('422 when creating without audio_data (urlencoded or multipart)', async () => {
    const form = await edit(new URLSearchParams({ title: 'No file' }).toString(), 'application/x-www-form-urlencoded');
    expect(form.status).toBe(422);
    expect(form.error).toMatch(/audio_data is required/);
    const parts = await upload({ title: 'No file' });
    expect(parts.status).toBe(422);
  });

  it('400 for a multipart body cut off before its closing boundary; 415 for other content types', async () => {
    const { body, contentType } = multipart([
      { name: 'title', value: 'cut' },
      { name: 'audio_data', value: makeWav(1), filename: 'a.wav' },
    ]);
    const cut = await edit(body.subarray(0, body.length - 30), contentType);
    expect(cut.status).toBe(400);
    const text = await edit('title=x', 'text/plain');
    expect(text.status).toBe(415);
  });

  it('405 for GET', async () => {
    const res = await fetch(new URL('audio/edit.json', sim.apiUrl), {
      headers: { Authorization: `OAuth ${sim.token}` },
    });
    expect(res.status).toBe(405);
    await res.text();
  });
});

describe('editing tracks', () => {
  it('updates only the given fields and bumps modified (urlencoded, no file)', async () => {
    const track = sim.account.tracks[4]!;
    const before = structuredClone(track);
    const res = await edit(
      new URLSearchParams({ id: String(track.id), title: 'Renamed', exclusive: '1' }).toString(),
      'application/x-www-form-urlencoded',
      'xml',
    );
    expect(res.status).toBe(200);
    expect(res.items[0]).toMatchObject({
      id: String(track.id),
      title: 'Renamed',
      exclusive: 'true',
      created: before.created,
      embed_url: before.embed_url,
    });
    expect(track.artist).toBe(before.artist);
    expect(track.description).toBe(before.description);
    expect(track.modified > before.modified).toBe(true);
    // Playlists are left alone when audio_playlist_id is absent.
    expect(sim.account.playlists.filter((p) => p.track_ids.includes(track.id)).length).toBeGreaterThan(0);
  });

  it('moves a track to exactly the listed playlists', async () => {
    const track = sim.account.tracks[2]!;
    const target = sim.account.playlists.find((p) => !p.track_ids.includes(track.id))!;
    const { body, contentType } = multipart([
      { name: 'id', value: String(track.id) },
      { name: 'title', value: track.title },
      { name: 'audio_playlist_id', value: String(target.id) },
    ]);
    const res = await edit(body, contentType);
    expect(res.status).toBe(200);
    expect(sim.account.playlists.filter((p) => p.track_ids.includes(track.id)).map((p) => p.id)).toEqual([target.id]);
  });

  it('replacing the audio updates the length', async () => {
    const track = sim.account.tracks[0]!;
    const res = await upload({ id: String(track.id), title: track.title }, { data: makeWav(4), filename: 'new.wav' });
    expect(res.status).toBe(200);
    expect(res.items[0]!.length).toBe(4);
  });

  it('404 for an unknown id, 400 for a malformed one', async () => {
    const unknown = await edit(
      new URLSearchParams({ id: '99999999', title: 'x' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(unknown.status).toBe(404);
    const malformed = await edit(
      new URLSearchParams({ id: 'abc', title: 'x' }).toString(),
      'application/x-www-form-urlencoded',
    );
    expect(malformed.status).toBe(400);
  });
});

describe('upload size limit', () => {
  it('answers 413 as soon as audio_data passes the limit, without waiting for the rest', async () => {
    const limit = 256 * 1024;
    const wav = makeWav(60, 8000); // ~960 KB
    const { body, contentType } = multipart([
      { name: 'title', value: 'Too big' },
      { name: 'audio_data', value: wav, filename: 'big.wav' },
    ]);
    const url = new URL('audio/edit.json', sim.apiUrl);
    const before = sim.account.tracks.length;
    const outcome = await new Promise<{ status: number; sentWhenAnswered: number; text: string }>((resolve, reject) => {
      let sent = 0;
      let answered = false;
      const req = request(url, {
        method: 'POST',
        headers: {
          Authorization: `OAuth ${sim.token}`,
          'Content-Type': contentType,
          'Content-Length': String(body.length),
        },
      });
      req.on('response', (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sentWhenAnswered, text }));
      });
      req.on('error', (error) => (answered ? undefined : reject(error)));
      // Send in 16 KB slices, pausing between them, so the server can answer mid-upload.
      const pump = () => {
        if (answered || sent >= body.length) return answered ? undefined : void req.end();
        const slice = body.subarray(sent, sent + 16 * 1024);
        sent += slice.length;
        req.write(slice, () => setTimeout(pump, 2));
      };
      pump();
    });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.text)).toEqual({
      response: [{ error: { message: expect.stringMatching(/smaller than/) } }],
    });
    expect(outcome.sentWhenAnswered).toBeGreaterThanOrEqual(limit);
    expect(outcome.sentWhenAnswered).toBeLessThan(body.length);
    expect(sim.account.tracks.length).toBe(before);
  });

  it('accepts a file just under the limit', async () => {
    const wav = makeWav((256 * 1024 - 1024) / 16000, 8000);
    const res = await upload({ title: 'Just fits' }, { data: wav, filename: 'ok.wav' });
    expect(res.status).toBe(200);
  });
});
