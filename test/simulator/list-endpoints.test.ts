/**
 * The five /list endpoints, in JSON and XML, checked against the live account:
 * defaults, every order_by × direction, paging, the "Important Note"
 * overrides, blog filters, bad parameters, and edits showing up at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { FORMATS, ids, list, walk, type Item } from './helpers.js';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ seed: 3 });
});
afterAll(async () => {
  await sim?.close();
});

type Rec = { id: number; [key: string]: unknown };

/** An independent reference ordering: by key (titles case-insensitively, null first), ties by id. */
function expectedOrder(records: readonly Rec[], key: string, direction: 'ASC' | 'DESC'): number[] {
  const k = (r: Rec) => {
    const v = r[key];
    if (v === null || v === undefined) return '';
    return key === 'title' ? String(v).toLowerCase() : String(v);
  };
  const sorted = [...records].sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : a.id - b.id)).map((r) => r.id);
  return direction === 'ASC' ? sorted : sorted.reverse();
}

const truthy = (v: unknown) => v === true || v === 1 || v === 'true' || v === '1';

const COLLECTIONS = [
  { endpoint: '/audio/list', records: () => sim.account.tracks },
  { endpoint: '/audio/playlists/list', records: () => sim.account.playlists },
  { endpoint: '/photos/list', records: () => sim.account.photos },
  { endpoint: '/photos/albums/list', records: () => sim.account.albums },
] as const;

/** Documented key order of each endpoint's items (blog/photo `private` is an addition the docs leave open). */
const KEY_ORDER: Record<string, string[]> = {
  '/audio/list': [
    'id',
    'title',
    'artist',
    'raw_url',
    'embed_url',
    'short_url',
    'description',
    'created',
    'modified',
    'length',
    'exclusive',
    'private',
    'download_details',
  ],
  '/audio/playlists/list': [
    'id',
    'title',
    'description',
    'created',
    'modified',
    'short_url',
    'exclusive',
    'private',
    'download_details',
    'images',
    'track_count',
  ],
  '/blog/list': [
    'id',
    'title',
    'body',
    'status',
    'short_url',
    'published',
    'created',
    'modified',
    'sticky',
    'exclusive',
    'private',
    'author',
  ],
  '/photos/list': ['id', 'title', 'description', 'exclusive', 'private', 'modified', 'created', 'images', 'location'],
  '/photos/albums/list': [
    'id',
    'title',
    'short_url',
    'photo_count',
    'description',
    'private',
    'exclusive',
    'modified',
    'created',
    'images',
    'location',
  ],
};

describe.each(FORMATS)('list endpoints (%s)', (format) => {
  describe.each(COLLECTIONS)('$endpoint', ({ endpoint, records }) => {
    it('defaults to 20 items, created DESC, with the full total', async () => {
      const page = await list(sim, endpoint, {}, format);
      expect(page.status).toBe(200);
      expect(page.total).toBe(records().length);
      expect(ids(page.items)).toEqual(expectedOrder(records(), 'created', 'DESC').slice(0, 20));
    });

    it.each([
      ['created', 'ASC'],
      ['created', 'DESC'],
      ['modified', 'ASC'],
      ['modified', 'DESC'],
      ['title', 'ASC'],
      ['title', 'DESC'],
    ] as const)('order_by=%s direction=%s', async (orderBy, direction) => {
      const page = await list(sim, endpoint, { order_by: orderBy, direction, limit: 1000 }, format);
      expect(ids(page.items)).toEqual(expectedOrder(records(), orderBy, direction));
    });

    it('walks every item exactly once with limit/offset', async () => {
      const all = await walk(sim, endpoint, { order_by: 'modified', direction: 'ASC' }, format, 9);
      expect(ids(all)).toEqual(expectedOrder(records(), 'modified', 'ASC'));
    });

    it('returns an empty page past the end, with the total', async () => {
      const page = await list(sim, endpoint, { offset: 100000 }, format);
      expect(page.items).toEqual([]);
      expect(page.total).toBe(records().length);
    });

    it('id overrides every other parameter (even invalid ones)', async () => {
      const target = records()[records().length - 2] as Rec;
      const page = await list(sim, endpoint, { id: target.id, order_by: 'nonsense', limit: -1, offset: 'x' }, format);
      expect(page.status).toBe(200);
      expect(page.total).toBe(1);
      expect(ids(page.items)).toEqual([target.id]);
    });

    it('unknown id is a 404 envelope', async () => {
      const page = await list(sim, endpoint, { id: 99999999 }, format);
      expect(page.status).toBe(404);
      expect(page.error).toMatch(/99999999/);
    });

    it('sends the documented keys in the documented order, and no internal ones', async () => {
      const page = await list(sim, endpoint, { limit: 1000 }, format);
      for (const item of page.items) {
        const expected = KEY_ORDER[endpoint]!.filter((key) => key in item);
        expect(Object.keys(item)).toEqual(expected);
      }
      expect(page.raw).not.toMatch(/track_ids|album_id/);
    });
  });

  it.each([
    ['/audio/list', { order_by: 'published' }],
    ['/audio/list', { order_by: 'foo' }],
    ['/audio/list', { direction: 'sideways' }],
    ['/audio/list', { limit: -1 }],
    ['/audio/list', { limit: 0 }],
    ['/audio/list', { limit: 'abc' }],
    ['/audio/list', { offset: -5 }],
    ['/audio/list', { offset: 1.5 }],
    ['/audio/list', { id: 'abc' }],
    ['/audio/list', { playlist_id: '0' }],
    ['/audio/playlists/list', { include_tracks: 2 }],
    ['/blog/list', { status: 2 }],
    ['/blog/list', { status: '1,2' }],
    ['/blog/list', { month: 13 }],
    ['/blog/list', { year: '20x5' }],
    ['/blog/list', { ignore_sticky: 'yes' }],
    ['/photos/list', { album_id: 'first' }],
    ['/photos/albums/list', { order_by: 'published' }],
  ] as const)('%s with bad %j is a 400 envelope', async (endpoint, query) => {
    const page = await list(sim, endpoint, query, format);
    expect(page.status).toBe(400);
    expect(page.error).toBeTruthy();
  });

  it('unknown endpoints are 404 envelopes', async () => {
    expect((await list(sim, '/audio/remix', {}, format)).status).toBe(404);
    const res = await fetch(new URL('audio/list', sim.apiUrl), { headers: { Authorization: `OAuth ${sim.token}` } });
    expect(res.status).toBe(404);
    await res.text();
  });

  it('playlist_id returns that playlist\u2019s tracks in playlist order, ignoring everything else', async () => {
    const playlist = sim.account.playlists.find((p) => p.track_ids.length > 5)!;
    const page = await list(
      sim,
      '/audio/list',
      { playlist_id: playlist.id, limit: 2, order_by: 'nonsense', direction: 'ASC' },
      format,
    );
    expect(page.status).toBe(200);
    expect(ids(page.items)).toEqual(playlist.track_ids);
    expect(page.total).toBe(playlist.track_ids.length);
    expect((await list(sim, '/audio/list', { playlist_id: 99999999 }, format)).status).toBe(404);
  });

  it('album_id returns that album\u2019s photos oldest first, ignoring everything else', async () => {
    const album = sim.account.albums[3]!;
    const expected = expectedOrder(
      sim.account.photos.filter((p) => p.album_id === album.id),
      'created',
      'ASC',
    );
    const page = await list(sim, '/photos/list', { album_id: album.id, limit: 1, order_by: 'title' }, format);
    expect(ids(page.items)).toEqual(expected);
    expect(page.total).toBe(expected.length);
    expect((await list(sim, '/photos/list', { album_id: 99999999 }, format)).status).toBe(404);
  });

  it('albums carry photo_count derived from their photos', async () => {
    const page = await list(sim, '/photos/albums/list', { limit: 100 }, format);
    for (const album of page.items) {
      expect(Number(album.photo_count)).toBe(sim.account.photos.filter((p) => p.album_id === Number(album.id)).length);
    }
  });

  it('include_tracks=1 embeds each playlist\u2019s tracks in order, shaped like /audio/list items', async () => {
    const page = await list(sim, '/audio/playlists/list', { include_tracks: 1, limit: 100 }, format);
    expect(page.items.length).toBe(sim.account.playlists.length);
    for (const item of page.items) {
      const playlist = sim.account.playlists.find((p) => p.id === Number(item.id))!;
      const tracks = item.tracks as Item[];
      expect(ids(tracks)).toEqual(playlist.track_ids);
      expect(Number(item.track_count)).toBe(playlist.track_ids.length);
    }
    const sample = (page.items[0]!.tracks as Item[])[0]!;
    const direct = await list(sim, '/audio/list', { id: Number(sample.id) }, format);
    expect(sample).toEqual(direct.items[0]);
    const without = await list(sim, '/audio/playlists/list', { include_tracks: 0 }, format);
    expect(without.items.every((i) => !('tracks' in i))).toBe(true);
    const byId = await list(sim, '/audio/playlists/list', { id: Number(page.items[0]!.id), include_tracks: 1 }, format);
    expect('tracks' in byId.items[0]!).toBe(false);
  });

  describe('/blog/list', () => {
    const blog = () => sim.account.blog;
    const published = () => blog().filter((p) => p.status === 1);

    it('defaults: published posts only, sticky first, then published DESC', async () => {
      const page = await list(sim, '/blog/list', { limit: 1000 }, format);
      expect(page.total).toBe(published().length);
      const sticky = published().filter((p) => truthy(p.sticky));
      expect(sticky.length).toBe(2);
      const expected = [
        ...expectedOrder(sticky, 'published', 'DESC'),
        ...expectedOrder(
          published().filter((p) => !truthy(p.sticky)),
          'published',
          'DESC',
        ),
      ];
      expect(ids(page.items)).toEqual(expected);
      expect(ids((await list(sim, '/blog/list', {}, format)).items)).toEqual(expected.slice(0, 20));
    });

    it('ignore_sticky=1 orders strictly', async () => {
      const page = await list(sim, '/blog/list', { limit: 1000, ignore_sticky: 1 }, format);
      expect(ids(page.items)).toEqual(expectedOrder(published(), 'published', 'DESC'));
    });

    it('sticky first applies in ASC and for other order_by too', async () => {
      const page = await list(sim, '/blog/list', { limit: 3, order_by: 'title', direction: 'ASC' }, format);
      expect(page.items.slice(0, 2).every((p) => truthy(p.sticky))).toBe(true);
    });

    it.each(['created', 'modified', 'title', 'published'] as const)('order_by=%s ASC', async (orderBy) => {
      const page = await list(
        sim,
        '/blog/list',
        { limit: 1000, order_by: orderBy, direction: 'ASC', ignore_sticky: 1 },
        format,
      );
      expect(ids(page.items)).toEqual(expectedOrder(published(), orderBy, 'ASC'));
    });

    it('created and published orders really differ in the demo account', () => {
      expect(expectedOrder(published(), 'created', 'DESC')).not.toEqual(
        expectedOrder(published(), 'published', 'DESC'),
      );
    });

    it('status=0 lists drafts; status=0,1 lists everything', async () => {
      const drafts = await list(sim, '/blog/list', { status: 0, limit: 1000 }, format);
      expect(drafts.total).toBe(blog().filter((p) => p.status === 0).length);
      expect(drafts.total).toBeGreaterThanOrEqual(3);
      expect(drafts.items.every((p) => Number(p.status) === 0)).toBe(true);
      const both = await list(sim, '/blog/list', { status: '0,1', limit: 1000, ignore_sticky: 1 }, format);
      expect(both.total).toBe(blog().length);
      // Drafts without a published date sort first ascending (null first).
      const asc = await list(
        sim,
        '/blog/list',
        { status: '0,1', order_by: 'published', direction: 'ASC', ignore_sticky: 1 },
        format,
      );
      expect(asc.items[0]!.published === null || asc.items[0]!.published === '').toBe(true);
    });

    it('year and month filter on the published date', async () => {
      const y2019 = await list(sim, '/blog/list', { year: 2019, limit: 1000 }, format);
      const expected = published().filter((p) => p.published?.startsWith('2019-'));
      expect(expected.length).toBeGreaterThan(3);
      expect(ids(y2019.items).sort()).toEqual(expected.map((p) => p.id).sort());
      const march = await list(sim, '/blog/list', { year: 2019, month: 3, limit: 1000 }, format);
      expect(ids(march.items).sort()).toEqual(
        published()
          .filter((p) => p.published?.startsWith('2019-03'))
          .map((p) => p.id)
          .sort(),
      );
      expect(march.total).toBeGreaterThan(0);
      const anyYearMay = await list(sim, '/blog/list', { month: 5, limit: 1000 }, format);
      expect(anyYearMay.total).toBe(published().filter((p) => p.published?.slice(5, 7) === '05').length);
    });

    it('id returns drafts too (status is ignored)', async () => {
      const draft = blog().find((p) => p.status === 0)!;
      const page = await list(sim, '/blog/list', { id: draft.id }, format);
      expect(ids(page.items)).toEqual([draft.id]);
    });
  });

  it('returns private and exclusive items, with their media URLs', async () => {
    const tracks = await list(sim, '/audio/list', { limit: 1000 }, format);
    const priv = tracks.items.filter((t) => truthy(t.private));
    const exclusive = tracks.items.filter((t) => truthy(t.exclusive));
    expect(priv.length).toBeGreaterThan(0);
    expect(exclusive.length).toBeGreaterThan(0);
    expect(exclusive.every((t) => String(t.embed_url).startsWith(sim.mediaOrigin))).toBe(true);
    const posts = await list(sim, '/blog/list', { limit: 1000 }, format);
    expect(posts.items.some((p) => truthy(p.private))).toBe(true);
  });
});

describe('live account edits', () => {
  it('a retitled track with a bumped modified date comes first by modified, with its new title', async () => {
    const track = sim.account.tracks[10]!;
    const before = await list(sim, '/audio/list', { order_by: 'title', direction: 'ASC', limit: 1000 });
    expect(ids(before.items)[0]).not.toBe(track.id);
    track.title = '!!! First by title';
    track.modified = '2030-01-01 00:00:00';
    const byModified = await list(sim, '/audio/list', { order_by: 'modified', limit: 1 }, 'xml');
    expect(byModified.items[0]).toMatchObject({ id: String(track.id), title: '!!! First by title' });
    const byTitle = await list(sim, '/audio/list', { order_by: 'title', direction: 'ASC', limit: 1 });
    expect(ids(byTitle.items)).toEqual([track.id]);
  });

  it('a deleted post disappears from the list, the total and id lookups', async () => {
    const before = await list(sim, '/blog/list', { status: '0,1', limit: 1000 });
    const index = sim.account.blog.findIndex((p) => p.status === 1 && !truthy(p.sticky));
    const [removed] = sim.account.blog.splice(index, 1);
    const after = await list(sim, '/blog/list', { status: '0,1', limit: 1000 });
    expect(after.total).toBe(before.total - 1);
    expect(ids(after.items)).not.toContain(removed!.id);
    expect((await list(sim, '/blog/list', { id: removed!.id })).status).toBe(404);
  });

  it('a deleted track leaves its playlists (track_count and include_tracks follow)', async () => {
    const playlist = sim.account.playlists[1]!;
    const trackId = playlist.track_ids[0]!;
    sim.account.tracks.splice(
      sim.account.tracks.findIndex((t) => t.id === trackId),
      1,
    );
    const page = await list(sim, '/audio/playlists/list', { id: playlist.id });
    expect(Number(page.items[0]!.track_count)).toBe(playlist.track_ids.length - 1);
    const tracks = await list(sim, '/audio/list', { playlist_id: playlist.id });
    expect(ids(tracks.items)).toEqual(playlist.track_ids.slice(1));
  });
});

describe('pageSizeCap', () => {
  it('caps limit silently; total is unchanged', async () => {
    const capped = await startSimulator({ seed: 3, pageSizeCap: 5 });
    try {
      const page = await list(capped, '/photos/list', { limit: 50 });
      expect(page.status).toBe(200);
      expect(page.items.length).toBe(5);
      expect(page.total).toBe(capped.account.photos.length);
      const small = await list(capped, '/photos/list', { limit: 3 });
      expect(small.items.length).toBe(3);
    } finally {
      await capped.close();
    }
  });
});

describe('wire shape', () => {
  it('JSON escapes slashes like PHP; XML is byte-shaped like the docs', async () => {
    const json = await list(sim, '/audio/list', { limit: 1 });
    expect(json.raw.startsWith('{"response":{"total":')).toBe(true);
    expect(json.raw).toContain('http:\\/\\/');
    const xml = await list(sim, '/audio/list', { limit: 1 }, 'xml');
    expect(xml.raw).toMatch(/<response><total>\d+<\/total><items><item><id>\d+<\/id>/);
    expect(xml.contentType).toMatch(/^application\/xml/);
    expect(json.contentType).toMatch(/^application\/json/);
  });

  it('JSON and XML carry the same values for every item', async () => {
    for (const endpoint of [
      '/audio/list',
      '/blog/list',
      '/photos/list',
      '/photos/albums/list',
      '/audio/playlists/list',
    ]) {
      const [json, xml] = await Promise.all([
        list(sim, endpoint, { limit: 1000 }),
        list(sim, endpoint, { limit: 1000 }, 'xml'),
      ]);
      expect(xml.total).toBe(json.total);
      expect(xml.items.map(stringify)).toEqual(json.items.map(stringify));
    }
  });
});

/** JSON values as XML text would carry them: numbers/booleans as strings, null as ''. */
function stringify(value: unknown): unknown {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(stringify);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stringify(v)]));
  return String(value);
}
