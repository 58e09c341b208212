/**
 * Every list endpoint and parameter against the simulator, in JSON and in
 * XML. Each scenario runs in both formats; the normalized results must be
 * deep-equal, and the scenario's own check asserts what the docs promise.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type StageBlocClient } from '../../src/client/client.js';
import { StageBlocApiError, StageBlocAuthError } from '../../src/client/errors.js';
import type { BlogEntry, Format, ListPage } from '../../src/client/model.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';

let sim: Simulator;
const clients = {} as Record<Format, StageBlocClient>;
const FORMATS: Format[] = ['json', 'xml'];

beforeAll(async () => {
  sim = await startSimulator({ port: 0, seed: 7 });
  for (const format of FORMATS)
    clients[format] = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, format, retries: 0 });
});

afterAll(async () => {
  await sim?.close();
});

/** Runs `run` in both formats, asserts deep equality, returns the JSON result. */
async function inBothFormats<R>(run: (client: StageBlocClient) => Promise<R>): Promise<R> {
  const [json, xml] = await Promise.all(FORMATS.map((f) => run(clients[f])));
  expect(xml).toEqual(json);
  return json as R;
}

/** The query of the last request the simulator saw on `endpoint`. */
function lastQuery(endpoint: string): Record<string, string> | undefined {
  return sim.requests.filter((r) => r.endpoint === endpoint).at(-1)?.query;
}

function ids(page: ListPage<{ id: number }>): number[] {
  return page.items.map((i) => i.id);
}

function sortedBy<T>(items: T[], key: (item: T) => number | string, direction: 'ASC' | 'DESC'): T[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : 0;
  });
}

type Orderable = { created: Date; modified: Date; title: string | null };
const orderKeys: Record<'created' | 'modified' | 'title', (i: Orderable) => number | string> = {
  created: (i) => i.created.getTime(),
  modified: (i) => i.modified.getTime(),
  title: (i) => (i.title ?? '').toLowerCase(),
};

type Resource = 'tracks' | 'playlists' | 'blog' | 'photos' | 'albums';
const RESOURCES: { name: Resource; endpoint: string; count: () => number }[] = [
  { name: 'tracks', endpoint: '/audio/list', count: () => sim.account.tracks.length },
  { name: 'playlists', endpoint: '/audio/playlists/list', count: () => sim.account.playlists.length },
  { name: 'blog', endpoint: '/blog/list', count: () => sim.account.blog.filter((b) => b.status === 1).length },
  { name: 'photos', endpoint: '/photos/list', count: () => sim.account.photos.length },
  { name: 'albums', endpoint: '/photos/albums/list', count: () => sim.account.albums.length },
];

describe.each(RESOURCES)('$endpoint', ({ name, endpoint, count }) => {
  it('lists with the documented defaults (20 items, total, nothing sent)', async () => {
    const page = await inBothFormats((c) => c[name].list() as Promise<ListPage<{ id: number }>>);
    expect(page.total).toBe(count());
    expect(page.items).toHaveLength(Math.min(20, count()));
    expect(lastQuery(endpoint)).toEqual({});
  });

  it.each(['created', 'modified', 'title'] as const)('orders by %s in both directions', async (orderBy) => {
    for (const direction of ['ASC', 'DESC'] as const) {
      // Blog sticky entries come first whatever the order (documented), so set them aside.
      const extra = name === 'blog' ? { ignoreSticky: true } : {};
      const page = await inBothFormats(
        (c) =>
          c[name].list({ orderBy, direction, limit: 100, ...extra }) as Promise<ListPage<Orderable & { id: number }>>,
      );
      expect(lastQuery(endpoint)).toEqual({
        order_by: orderBy,
        direction,
        limit: '100',
        ...(name === 'blog' ? { ignore_sticky: '1' } : {}),
      });
      const keys = page.items.map(orderKeys[orderBy]);
      expect(keys).toEqual(sortedBy(keys, (k) => k, direction));
      expect(page.items.length).toBeGreaterThan(1);
    }
  });

  it('honours limit and offset', async () => {
    const first = await inBothFormats((c) => c[name].list({ limit: 6 }) as Promise<ListPage<{ id: number }>>);
    const window = await inBothFormats(
      (c) => c[name].list({ limit: 3, offset: 2 }) as Promise<ListPage<{ id: number }>>,
    );
    expect(lastQuery(endpoint)).toEqual({ limit: '3', offset: '2' });
    expect(ids(window)).toEqual(ids(first).slice(2, 5));
    expect(window.total).toBe(first.total);
  });

  it('gets one item by id, sending id alone', async () => {
    const { items } = (await clients.json[name].list({ limit: 5, offset: 1 })) as ListPage<{ id: number }>;
    const wanted = items[2]!.id;
    const item = await inBothFormats((c) => c[name].get(wanted) as Promise<{ id: number }>);
    expect(item.id).toBe(wanted);
    expect(item).toEqual(items[2]);
    // The override: other parameters are not sent even when given.
    await clients.xml[name].list({ id: wanted, limit: 1, offset: 3, orderBy: 'title', direction: 'ASC' } as never);
    expect(lastQuery(endpoint)).toEqual({ id: String(wanted) });
  });

  it('walks every item with all(), without duplicates', async () => {
    const walked = await inBothFormats(async (c) => {
      const out: { id: number }[] = [];
      for await (const item of c[name].all({ pageSize: 7 }) as AsyncGenerator<{ id: number }>) out.push(item);
      return out;
    });
    expect(walked).toHaveLength(count());
    expect(new Set(walked.map((i) => i.id)).size).toBe(walked.length);
  });

  it('reports an unknown id as a 404 StageBlocApiError', async () => {
    for (const format of FORMATS) {
      const error = await clients[format][name].get(987_654_321).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StageBlocApiError);
      expect((error as StageBlocApiError).status).toBe(404);
      expect((error as StageBlocApiError).endpoint).toBe(endpoint);
    }
  });
});

describe('/audio/list playlist_id', () => {
  it('returns the playlist tracks in playlist order, sending playlist_id alone', async () => {
    const playlist = sim.account.playlists.find((p) => p.track_ids.length > 2)!;
    const page = await inBothFormats((c) => c.tracks.list({ playlistId: playlist.id, orderBy: 'title', limit: 1 }));
    expect(lastQuery('/audio/list')).toEqual({ playlist_id: String(playlist.id) });
    expect(ids(page)).toEqual(playlist.track_ids.filter((id) => page.items.some((t) => t.id === id)));
    expect(page.items.length).toBeGreaterThan(1);
    const walked: number[] = [];
    for await (const t of clients.json.tracks.all({ playlistId: playlist.id })) walked.push(t.id);
    expect(walked).toEqual(ids(page));
  });
});

describe('/audio/playlists/list include_tracks', () => {
  it('includes each playlist’s tracks only when asked', async () => {
    const without = await inBothFormats((c) => c.playlists.list({ limit: 50 }));
    for (const p of without.items) expect(p.tracks).toBeUndefined();
    const withTracks = await inBothFormats((c) => c.playlists.list({ limit: 50, includeTracks: true }));
    expect(lastQuery('/audio/playlists/list')).toEqual({ limit: '50', include_tracks: '1' });
    expect(withTracks.items.map((p) => p.id)).toEqual(without.items.map((p) => p.id));
    for (const p of withTracks.items) {
      expect(p.tracks).toBeDefined();
      const viaAudioList = await clients.json.tracks.list({ playlistId: p.id });
      expect(p.tracks).toEqual(viaAudioList.items);
    }
    expect(withTracks.items.some((p) => (p.tracks?.length ?? 0) > 0)).toBe(true);
  });

  it('get(id, { includeTracks }) attaches the tracks', async () => {
    const listed = await clients.json.playlists.list({ limit: 50, includeTracks: true });
    const target = listed.items.find((p) => (p.tracks?.length ?? 0) > 1)!;
    const got = await inBothFormats((c) => c.playlists.get(target.id, { includeTracks: true }));
    expect(got).toEqual(target);
    const plain = await clients.json.playlists.get(target.id);
    expect(plain.tracks).toBeUndefined();
  });
});

describe('/blog/list', () => {
  const allEntries = async (c: StageBlocClient, params: Parameters<StageBlocClient['blog']['list']>[0]) =>
    c.blog.list({ limit: 500, ...params });

  it('returns only published entries by default, drafts with status 0, both with [0, 1]', async () => {
    const published = await inBothFormats((c) => allEntries(c, {}));
    const drafts = await inBothFormats((c) => allEntries(c, { status: 0 }));
    const both = await inBothFormats((c) => allEntries(c, { status: [0, 1] }));
    expect(lastQuery('/blog/list')).toEqual({ limit: '500', status: '0,1' });
    expect(published.items.every((b) => b.status === 1)).toBe(true);
    expect(drafts.items.every((b) => b.status === 0)).toBe(true);
    expect(drafts.total).toBeGreaterThan(0);
    expect(both.total).toBe(published.total + drafts.total);
    expect(both.total).toBe(sim.account.blog.length);
  });

  it('puts sticky entries first unless ignore_sticky=1, then orders by published DESC', async () => {
    const byDate = (entries: BlogEntry[]) => entries.map((b) => b.published?.getTime() ?? 0);
    const sticky = await inBothFormats((c) => allEntries(c, {}));
    const stickyCount = sticky.items.filter((b) => b.sticky).length;
    expect(stickyCount).toBeGreaterThan(0);
    expect(sticky.items.slice(0, stickyCount).every((b) => b.sticky)).toBe(true);
    const rest = sticky.items.slice(stickyCount);
    expect(byDate(rest)).toEqual(sortedBy(byDate(rest), (k) => k, 'DESC'));

    const ignored = await inBothFormats((c) => allEntries(c, { ignoreSticky: true }));
    expect(lastQuery('/blog/list')).toEqual({ limit: '500', ignore_sticky: '1' });
    expect(byDate(ignored.items)).toEqual(sortedBy(byDate(ignored.items), (k) => k, 'DESC'));
    expect(ignored.items.map((b) => b.id)).not.toEqual(sticky.items.map((b) => b.id));
  });

  it('orders by published ASC', async () => {
    const page = await inBothFormats((c) =>
      allEntries(c, { orderBy: 'published', direction: 'ASC', ignoreSticky: true }),
    );
    const dates = page.items.map((b) => b.published?.getTime() ?? 0);
    expect(dates).toEqual(sortedBy(dates, (k) => k, 'ASC'));
  });

  it('filters by year and month of the published date', async () => {
    const all = await clients.json.blog.list({ limit: 500 });
    const sample = all.items.find((b) => b.published)!.published!;
    const year = sample.getUTCFullYear();
    const month = sample.getUTCMonth() + 1;
    const inYear = await inBothFormats((c) => allEntries(c, { year }));
    expect(inYear.items.length).toBeGreaterThan(0);
    expect(inYear.items.every((b) => b.published?.getUTCFullYear() === year)).toBe(true);
    expect(inYear.total).toBe(all.items.filter((b) => b.published?.getUTCFullYear() === year).length);
    const inMonth = await inBothFormats((c) => allEntries(c, { year, month }));
    expect(lastQuery('/blog/list')).toEqual({ limit: '500', year: String(year), month: String(month) });
    expect(inMonth.items.length).toBeGreaterThan(0);
    expect(
      inMonth.items.every((b) => b.published?.getUTCFullYear() === year && b.published.getUTCMonth() + 1 === month),
    ).toBe(true);
  });

  it('gets a draft by id (id overrides status)', async () => {
    const draft = (await clients.json.blog.list({ status: 0, limit: 1 })).items[0]!;
    const got = await inBothFormats((c) => c.blog.get(draft.id));
    expect(got).toEqual(draft);
  });
});

describe('/photos/list album_id', () => {
  it('returns the album’s photos, sending album_id alone', async () => {
    const album = sim.account.albums[0]!;
    const expected = sim.account.photos
      .filter((p) => p.album_id === album.id)
      .map((p) => p.id)
      .sort((a, b) => a - b);
    const page = await inBothFormats((c) => c.photos.list({ albumId: album.id, limit: 1, orderBy: 'title' }));
    expect(lastQuery('/photos/list')).toEqual({ album_id: String(album.id) });
    expect(ids(page).sort((a, b) => a - b)).toEqual(expected);
    const albumItem = await clients.json.albums.get(album.id);
    expect(albumItem.photoCount).toBe(expected.length);
  });

  it('albums.photoIds gives the same ids in the same order from the same request', async () => {
    for (const album of sim.account.albums.slice(0, 3)) {
      const listed = ids(await clients.json.photos.list({ albumId: album.id }));
      expect(listed.length).toBeGreaterThan(0);
      const photoIds = await inBothFormats((c) => c.albums.photoIds(album.id));
      expect(lastQuery('/photos/list')).toEqual({ album_id: String(album.id) });
      expect(photoIds).toEqual(listed);
    }
  });
});

describe('auth', () => {
  it('sends Authorization: OAuth <token> by default and Bearer when configured', async () => {
    await clients.json.tracks.list({ limit: 1 });
    expect(sim.requests.at(-1)?.headers.authorization).toBe(`OAuth ${sim.token}`);
    await createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, authScheme: 'Bearer' }).tracks.list({ limit: 1 });
    expect(sim.requests.at(-1)?.headers.authorization).toBe(`Bearer ${sim.token}`);
  });

  it('turns a rejected token into StageBlocAuthError without echoing it', async () => {
    for (const format of FORMATS) {
      const bad = 'CANARY-TOKEN-7f3e-not-a-real-token';
      const error = await createClient({ accessToken: bad, baseUrl: sim.apiUrl, format })
        .tracks.list()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StageBlocAuthError);
      expect((error as StageBlocAuthError).status).toBe(401);
      expect(`${(error as Error).message}${(error as Error).stack}${JSON.stringify(error)}`).not.toContain(bad);
    }
  });

  it('with a token provider, fetches a fresh token once on 401 and retries', async () => {
    let calls = 0;
    let invalidated = 0;
    const provider = {
      getToken: async () => (++calls === 1 ? 'stale-token-value' : sim.token),
      invalidate: () => {
        invalidated++;
      },
    };
    sim.clearRequests();
    const page = await createClient({ tokenProvider: provider, baseUrl: sim.apiUrl }).tracks.list({ limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(invalidated).toBe(1);
    expect(sim.requests.map((r) => r.status)).toEqual([401, 200]);
  });
});
