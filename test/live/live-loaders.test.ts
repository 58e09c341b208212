/**
 * The live loaders in-process against the simulator over HTTP: every collection's entries
 * equal what a build maps from the same account (same mapping, sanitizing, visibility and
 * schema), filters become the documented query parameters, loadEntry asks by `id`, cache
 * hints carry tags and `modified`, a repeat costs only the cheap checks, and failures come
 * back as live-collection errors without the token.
 */
import { LiveCollectionError } from 'astro/content/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/index.js';
import { apiSource, CHECK_LIMIT } from '../../src/sync/sources.js';
import { COLLECTION_NAMES, type AccountContent, type CollectionName } from '../../src/sync/account-data.js';
import { mappers } from '../../src/content/mappers.js';
import { DEFAULT_VISIBILITY } from '../../src/content/visibility.js';
import { collectionSchemas } from '../../src/loaders/schemas.js';
import { createLiveLoader, stageblocLiveLoaders } from '../../src/live/index.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';

const CANARY = 'live-canary-7f3a9c2e51';
let sim: Simulator;
let built: Record<CollectionName, Array<{ id: string; data: unknown; rendered?: { html: string } }>>;

beforeAll(async () => {
  sim = await startSimulator({ port: 0, accessToken: CANARY });
  // What a build publishes: the whole account through the sync's source and the build mappers.
  const client = createClient({ accessToken: CANARY, baseUrl: sim.apiUrl });
  const content = (await apiSource(client, { drafts: false }).fetch(COLLECTION_NAMES, {
    progress: () => undefined,
  })) as AccountContent;
  built = Object.fromEntries(
    COLLECTION_NAMES.map((c) => [
      c,
      mappers[c](content, { policy: DEFAULT_VISIBILITY }).map((e) => ({
        id: e.id,
        data: collectionSchemas[c].parse(e.data),
        ...(e.rendered ? { rendered: e.rendered } : {}),
      })),
    ]),
  ) as typeof built;
});

afterAll(async () => {
  await sim?.close();
});

const options = () => ({ accessToken: CANARY, baseUrl: sim.apiUrl, client: { retries: 0 } });
const queries = (endpoint: string) => sim.requests.filter((r) => r.endpoint === endpoint).map((r) => r.query);

describe('live loaders', () => {
  it('give every collection exactly the entries a build gives', async () => {
    const loaders = stageblocLiveLoaders(options());
    for (const collection of COLLECTION_NAMES) {
      const result = await loaders[collection].loadCollection({ collection });
      if ('error' in result) throw result.error;
      const entries = result.entries.map(({ id, data, rendered }) => ({ id, data, ...(rendered ? { rendered } : {}) }));
      expect(entries, collection).toEqual(built[collection]);
      expect(entries.length, collection).toBeGreaterThan(0);
    }
  });

  it('answer an unfiltered collection from the account cache: a repeat costs one cheap check per cached collection', async () => {
    const loader = createLiveLoader('tracks', options());
    await loader.loadCollection({ collection: 'tracks' });
    sim.clearRequests();
    const again = await loader.loadCollection({ collection: 'tracks' });
    expect('entries' in again && again.entries.length).toBe(built.tracks.length);
    expect(sim.requests.map((r) => `${r.endpoint}?${new URLSearchParams(r.query)}`).sort()).toEqual(
      ['/audio/list', '/audio/playlists/list', '/photos/albums/list', '/photos/list']
        .map((e) => `${e}?order_by=modified&direction=DESC&limit=${CHECK_LIMIT}`)
        .sort(),
    );
  });

  it('map filters onto the documented parameters', async () => {
    const loaders = stageblocLiveLoaders(options());
    sim.clearRequests();
    const blog = await loaders.blog.loadCollection({
      collection: 'blog',
      filter: { year: 2020, month: 5, limit: 2, orderBy: 'published', direction: 'ASC' },
    });
    if ('error' in blog) throw blog.error;
    expect(queries('/blog/list')).toEqual([
      {
        order_by: 'published',
        direction: 'ASC',
        status: '1',
        year: '2020',
        month: '5',
        ignore_sticky: '1',
        limit: '2',
        offset: '0',
      },
    ]);
    expect(blog.entries.length).toBeGreaterThan(0);
    for (const post of blog.entries) {
      expect(post.data.published!.getUTCFullYear()).toBe(2020);
      expect(post.data.published!.getUTCMonth()).toBe(4);
      expect({ id: post.id, data: post.data, rendered: post.rendered }).toEqual(
        built.blog.find((b) => b.id === post.id),
      );
    }

    const playlist = built.playlists.find((p) => (p.data as { tracks: unknown[] }).tracks.length > 1)!;
    sim.clearRequests();
    const tracks = await loaders.tracks.loadCollection({ collection: 'tracks', filter: { playlistId: playlist.id } });
    if ('error' in tracks) throw tracks.error;
    expect(queries('/audio/list')).toContainEqual({ playlist_id: playlist.id });
    expect(tracks.entries.map((t) => t.id)).toEqual(
      (playlist.data as { tracks: Array<{ id: string }> }).tracks.map((t) => t.id),
    );

    const album = built.albums.find((a) => (a.data as { photos: unknown[] }).photos.length > 1)!;
    sim.clearRequests();
    const photos = await loaders.photos.loadCollection({
      collection: 'photos',
      filter: { albumId: Number(album.id), limit: 2 },
    });
    if ('error' in photos) throw photos.error;
    expect(queries('/photos/list')).toContainEqual({ album_id: album.id });
    expect(photos.entries.map((p) => p.id)).toEqual(
      (album.data as { photos: Array<{ id: string }> }).photos.slice(0, 2).map((p) => p.id),
    );

    sim.clearRequests();
    const newest = await loaders.albums.loadCollection({
      collection: 'albums',
      filter: { orderBy: 'title', direction: 'ASC', limit: 3 },
    });
    if ('error' in newest) throw newest.error;
    expect(queries('/photos/albums/list')).toContainEqual({
      order_by: 'title',
      direction: 'ASC',
      limit: '3',
      offset: '0',
    });
    expect(newest.entries.map((a) => a.data.title)).toEqual(
      [...newest.entries.map((a) => a.data.title)].sort((a, b) => a.localeCompare(b)),
    );
  });

  it('load one entry by the id parameter, with cache hints; hidden, unknown and malformed ids are not found', async () => {
    const loaders = stageblocLiveLoaders(options());
    const post = built.blog[0]!;
    sim.clearRequests();
    const entry = await loaders.blog.loadEntry({ collection: 'blog', filter: { id: post.id } });
    if (!entry || 'error' in entry) throw new Error('no entry');
    expect(queries('/blog/list')).toEqual([{ id: post.id }]);
    expect({ id: entry.id, data: entry.data, rendered: entry.rendered }).toEqual(post);
    expect(entry.cacheHint).toEqual({
      tags: ['stagebloc', 'stagebloc:blog', `stagebloc:blog:${post.id}`],
      lastModified: (post.data as { modified: Date }).modified,
    });

    const hidden = sim.account.tracks.find((t) => t.private === true || t.private === 1)!;
    expect(await loaders.tracks.loadEntry({ collection: 'tracks', filter: { id: String(hidden.id) } })).toBeUndefined();
    expect(await loaders.tracks.loadEntry({ collection: 'tracks', filter: { id: '99999999' } })).toBeUndefined();
    sim.clearRequests();
    expect(await loaders.tracks.loadEntry({ collection: 'tracks', filter: { id: '../etc' } })).toBeUndefined();
    expect(sim.requests).toEqual([]);

    const collection = await loaders.blog.loadCollection({ collection: 'blog', filter: { limit: 2 } });
    if ('error' in collection) throw collection.error;
    const newest = Math.max(...collection.entries.map((e) => e.data.modified.getTime()));
    expect(collection.cacheHint).toEqual({ tags: ['stagebloc', 'stagebloc:blog'], lastModified: new Date(newest) });
  });

  it('return failures as live-collection errors that never carry the token', async () => {
    const down = createLiveLoader('blog', { ...options(), baseUrl: 'http://127.0.0.1:9/2.0/' });
    const collection = await down.loadCollection({ collection: 'blog' });
    expect('error' in collection && collection.error).toBeInstanceOf(LiveCollectionError);
    const error = (collection as { error: Error }).error;
    expect(error.message).toMatch(
      /^Loading StageBloc blog failed\. Could not reach the StageBloc API at 127\.0\.0\.1:9/,
    );
    const entry = await down.loadEntry({ collection: 'blog', filter: { id: '1' } });
    expect(entry && 'error' in entry && entry.error).toBeInstanceOf(LiveCollectionError);

    const rejected = await createLiveLoader('tracks', { ...options(), accessToken: `${CANARY}-wrong` }).loadCollection({
      collection: 'tracks',
    });
    expect('error' in rejected && rejected.error.message).toMatch(/rejected the access token/);

    const invalid = await createLiveLoader('blog', options()).loadCollection({
      collection: 'blog',
      filter: { month: 13 },
    });
    expect('error' in invalid && invalid.error.message).toMatch(/month/);

    for (const failure of [collection, entry, rejected, invalid]) {
      const error = (failure as { error: Error }).error;
      expect(JSON.stringify({ message: error.message, stack: error.stack, cause: String(error.cause) })).not.toContain(
        CANARY,
      );
    }
  });
});
