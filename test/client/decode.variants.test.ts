/**
 * Other plausible readings of the docs, as an independent implementation of the same API
 * might answer: nested list members bare, wrapped in `item` or in the singular of their
 * key, and (XML) a single member without a list; the 2013 server's error envelope; the
 * older `user` in place of a blog entry's `author`. Every variant goes through both
 * decoders and every collection and must give exactly the objects the docs' own shape
 * gives. What cannot be read at all stays a StageBlocParseError naming the endpoint.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type StageBlocClient } from '../../src/client/client.js';
import { decodeList } from '../../src/client/decode/index.js';
import { StageBlocApiError, StageBlocParseError } from '../../src/client/errors.js';
import type { Format } from '../../src/client/model.js';
import { normalizeBlogEntry, normalizeList, normalizePlaylist } from '../../src/client/normalize.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { ListWrapping, Simulator } from '../../src/simulator/types.js';

const FORMATS: Format[] = ['json', 'xml'];

let sim: Simulator;
const clients = {} as Record<Format, StageBlocClient>;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3 });
  for (const format of FORMATS)
    clients[format] = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format, retries: 0 });
});

afterAll(async () => {
  await sim?.close();
});

/** Every collection, read the way the loaders read it (nested lists included). */
async function everyCollection(client: StageBlocClient) {
  return {
    tracks: (await client.tracks.list({ limit: 100 })).items,
    playlists: (await client.playlists.list({ limit: 100, includeTracks: true })).items,
    blog: (await client.blog.list({ limit: 100, status: [0, 1] })).items,
    photos: (await client.photos.list({ limit: 100 })).items,
    albums: (await client.albums.list({ limit: 100 })).items,
    events: (await client.events.list({ limit: 100, includePast: true })).items,
    videos: (await client.videos.list({ limit: 100 })).items,
    statuses: (await client.statuses.list({ limit: 100 })).items,
    accounts: (await client.accounts.list()).items,
    tokenInfo: await client.tokenInfo(),
  };
}

async function withWrapping<R>(wrapping: ListWrapping | undefined, run: () => Promise<R>): Promise<R> {
  sim.listWrapping = wrapping;
  try {
    return await run();
  } finally {
    sim.listWrapping = undefined;
  }
}

describe('nested list members in every plausible wrapping', () => {
  // Bare members of a list of several are only expressible in JSON (in XML their fields
  // would run together); XML's bare single member is checked below.
  const WRAPPINGS: Array<[string, ListWrapping, Format[]]> = [
    ['tracks wrapped in their singular', { tracks: 'track' }, FORMATS],
    ['images wrapped in item', { images: 'item' }, FORMATS],
    ['tracks and images bare', { tracks: null, images: null }, ['json']],
    ['collaborators wrapped in item', { collaborators: 'item' }, FORMATS],
    ['every list bare', { items: null, tracks: null, images: null, collaborators: null }, ['json']],
  ];

  it.each(FORMATS)('%s: the docs-shaped answer is the reference', async (format) => {
    const reference = await everyCollection(clients[format]);
    expect(reference.playlists.some((p) => (p.tracks?.length ?? 0) > 1)).toBe(true);
    expect(reference.photos.some((p) => Object.keys(p.images).length > 1)).toBe(true);
    expect(reference.events.some((e) => e.collaborators.length > 1)).toBe(true);
  });

  it("json and xml give the same objects, the final docs' collections included", async () => {
    expect(await everyCollection(clients.xml)).toStrictEqual(await everyCollection(clients.json));
  });

  for (const [name, wrapping, formats] of WRAPPINGS) {
    it.each(formats)(`%s: ${name} give the same objects`, async (format) => {
      const reference = await everyCollection(clients[format]);
      const variant = await withWrapping(wrapping, () => everyCollection(clients[format]));
      expect(variant).toStrictEqual(reference);
    });
  }

  it('json: a single member given without the array, and {"track": [...]} holding several', async () => {
    const [playlist] = (await clients.json.playlists.list({ limit: 1, includeTracks: true })).items;
    expect(playlist?.tracks?.length).toBeGreaterThan(1);
    const firstTrack = sim.account.tracks.find((t) => t.id === playlist!.tracks![0]!.id)!;
    const { track_ids: _ids, ...wireTrack } = firstTrack as Record<string, unknown>;
    const body = (tracks: unknown) =>
      JSON.stringify({
        response: {
          total: 1,
          items: {
            item: {
              id: 9,
              title: 'One',
              description: null,
              created: '2020-01-01 00:00:00',
              modified: '2020-01-01 00:00:00',
              short_url: null,
              exclusive: 0,
              images: { image: { size: 'small', short_url: null, embed_url: 'https://cdn.example.com/a.jpg' } },
              track_count: 1,
              tracks,
            },
          },
        },
      });
    const read = (tracks: unknown) =>
      normalizeList(
        decodeList(body(tracks), 'json', '/audio/playlists/list', 200),
        normalizePlaylist,
        '/audio/playlists/list',
      ).items;
    const single = read({ track: wireTrack });
    expect(single).toHaveLength(1);
    expect(single[0]!.images).toEqual({ small: { url: 'https://cdn.example.com/a.jpg', shortUrl: null } });
    expect(single[0]!.tracks?.map((t) => t.id)).toEqual([firstTrack.id]);
    expect(read({ track: [wireTrack, wireTrack] })[0]!.tracks).toHaveLength(2);
    expect(read(wireTrack)[0]!.tracks?.map((t) => t.id)).toEqual([firstTrack.id]);
    expect(read({})[0]!.tracks).toEqual([]);
    expect(read([{ track: null }])[0]!.tracks).toEqual([]);
  });

  it('xml: a single member without a list, bare or wrapped, and one image written bare', () => {
    const playlist = (tracks: string, images: string) =>
      `<response><total>1</total><items><item><id>9</id><title>One</title><description/>` +
      `<created>2020-01-01 00:00:00</created><modified>2020-01-01 00:00:00</modified><short_url/><exclusive>0</exclusive>` +
      `<images>${images}</images><track_count>1</track_count><tracks>${tracks}</tracks></item></items></response>`;
    const track =
      '<id>4</id><title>Song</title><artist/><raw_url/><embed_url>https://cdn.example.com/s.mp3</embed_url><short_url/>' +
      '<description/><created>2020-01-01 00:00:00</created><modified>2020-01-01 00:00:00</modified><length>61</length>' +
      '<exclusive>0</exclusive><download_details/>';
    const image = '<size>large</size><short_url/><embed_url>https://cdn.example.com/l.jpg</embed_url>';
    const read = (tracks: string, images: string) =>
      normalizeList(
        decodeList(playlist(tracks, images), 'xml', '/audio/playlists/list', 200),
        normalizePlaylist,
        '/audio/playlists/list',
      ).items[0]!;
    const expected = read(`<item>${track}</item>`, `<image>${image}</image>`);
    expect(expected.tracks?.map((t) => t.title)).toEqual(['Song']);
    for (const tracks of [`<track>${track}</track>`, track]) {
      for (const images of [`<image>${image}</image>`, `<item>${image}</item>`, image]) {
        expect(read(tracks, images)).toStrictEqual(expected);
      }
    }
  });
});

describe('what cannot be read stays an error naming the endpoint', () => {
  it.each(FORMATS)('%s: tracks wrapped in an element nobody documents', async (format) => {
    const error = await withWrapping({ tracks: 'song' }, () =>
      clients[format].playlists.list({ includeTracks: true }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect((error as Error).message).toContain('/audio/playlists/list');
  });

  it.each(FORMATS)('%s: a post without an id still fails loudly', async (format) => {
    const post = sim.account.blog[0]!;
    const saved = post.id;
    delete (post as Partial<typeof post>).id;
    try {
      const error = await clients[format].blog.list({ limit: 100 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StageBlocParseError);
      expect((error as Error).message).toMatch(/id/);
    } finally {
      post.id = saved;
    }
  });
});

describe("the 2013 server's error envelope", () => {
  it('json: {"response":{"errors":[…]}} gives its messages', () => {
    const body = JSON.stringify({ response: { errors: ['Invalid account', 'Token expired'] } });
    const error = (() => {
      try {
        decodeList(body, 'json', '/blog/list', 400);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect((error as StageBlocApiError).apiMessage).toBe('Invalid account; Token expired');
  });

  it('xml: <response><errors><error>…</error></errors></response> gives its messages, with or without <message>', () => {
    for (const body of [
      '<response><errors><error>Invalid account</error><error>Token expired</error></errors></response>',
      '<response><errors><error><message>Invalid account</message></error><error><message>Token expired</message></error></errors></response>',
    ]) {
      expect(() => decodeList(body, 'xml', '/blog/list', 400)).toThrow(
        expect.objectContaining({ apiMessage: 'Invalid account; Token expired' }) as unknown as Error,
      );
    }
  });

  it('an empty errors list on a 200 is no error', () => {
    const page = decodeList(
      JSON.stringify({ response: { total: 0, items: [], errors: [] } }),
      'json',
      '/blog/list',
      200,
    );
    expect(page.items).toEqual([]);
  });
});

describe("a blog entry's older `user` in place of `author`", () => {
  const entry = (extra: string) =>
    `{"response":{"total":1,"items":[{"item":{"id":5,"title":"T","body":"<p>x</p>","status":1,"short_url":null,` +
    `"published":"2020-01-01 00:00:00","created":"2020-01-01 00:00:00","modified":"2020-01-01 00:00:00",` +
    `"sticky":0,"exclusive":0${extra}}}]}}`;
  const read = (extra: string) =>
    normalizeList(decodeList(entry(extra), 'json', '/blog/list', 200), normalizeBlogEntry, '/blog/list').items[0]!;

  it('gives the author its id and name, never the email', () => {
    const post = read(',"user":{"id":"12","email":"band@example.com","name":"Kim"}');
    expect(post.author).toEqual({ id: 12, name: 'Kim' });
    expect(JSON.stringify(post)).not.toContain('band@example.com');
  });

  it('yields to a documented author, and is ignored when it cannot be read', () => {
    expect(read(',"author":{"id":1,"name":"Ann"},"user":{"id":2,"name":"Kim"}').author).toEqual({ id: 1, name: 'Ann' });
    expect(read(',"user":{"email":"band@example.com"}').author).toBeNull();
    expect(read(',"user":"Kim"').author).toBeNull();
  });
});
