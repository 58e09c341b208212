/**
 * Collection entries of the simulator's demo account, produced the way a site gets
 * them: the real client over HTTP against the simulator, the loaders' content source,
 * their remote-media resolution (measured image sizes) and their entry mapping and
 * schemas. Components and feeds are then tested on exactly what they will receive.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../src/client/client.js';
import type { AlbumEntry, BlogEntry, PhotoEntry, PlaylistEntry, TrackEntry } from '../../src/entries/types.js';
import { COLLECTION_NAMES, type AccountContent, type CollectionName } from '../../src/sync/account-data.js';
import { mediaUrlsOf } from '../../src/content/entries.js';
import { mappers } from '../../src/content/mappers.js';
import { mediaCacheFor } from '../../src/sync/media/media-cache.js';
import { resolveMedia } from '../../src/content/media/resolve-media.js';
import { collectionSchemas } from '../../src/loaders/schemas.js';
import { apiSource } from '../../src/sync/sources.js';
import { DEFAULT_VISIBILITY, type VisibilityPolicy } from '../../src/content/visibility.js';
import { startSimulator } from '../../src/simulator/index.js';

export interface DemoEntries {
  tracks: TrackEntry[];
  playlists: PlaylistEntry[];
  blog: BlogEntry[];
  photos: PhotoEntry[];
  albums: AlbumEntry[];
}

export interface DemoSite {
  /** Entries under the default visibility policy (private and drafts dropped, exclusive items locked). */
  entries: DemoEntries;
  /** Entries with drafts kept too (what a careless preview build would hand the feeds). */
  withDrafts: DemoEntries;
  /** The simulator's API origin. */
  apiUrl: string;
  /** The simulator itself, for tests that look at the account or its requests. */
  simulator: Awaited<ReturnType<typeof startSimulator>>;
  close(): Promise<void>;
}

export async function startDemoSite(seed = 1): Promise<DemoSite> {
  const simulator = await startSimulator({ port: 0, seed });
  const cacheDir = await mkdtemp(join(tmpdir(), 'sb-demo-media-'));
  try {
    const client = createClient({ accessToken: simulator.token, baseUrl: simulator.apiUrl, retries: 0 });
    const permissive: VisibilityPolicy = { drafts: true, exclusive: 'lock' };
    // Fetching with drafts gives a superset; mapping applies each policy.
    const content = (await apiSource(client, { drafts: permissive.drafts }).fetch([...COLLECTION_NAMES], {
      progress: () => {},
    })) as AccountContent;
    const map = async (policy: VisibilityPolicy): Promise<DemoEntries> => {
      const out: Record<string, unknown[]> = {};
      for (const collection of COLLECTION_NAMES) {
        const urls = mediaUrlsOf(collection, content, policy);
        const media = await resolveMedia({
          ...urls,
          mode: 'remote',
          cache: mediaCacheFor(cacheDir),
          base: '/',
          warn: () => {},
        });
        out[collection] = mappers[collection](content, { policy, media }).map((entry) => ({
          id: entry.id,
          collection,
          data: collectionSchemas[collection as CollectionName].parse(entry.data),
          ...(entry.rendered ? { rendered: entry.rendered } : {}),
        }));
      }
      return out as unknown as DemoEntries;
    };
    const entries = await map(DEFAULT_VISIBILITY);
    const withDrafts = await map(permissive);
    return {
      entries,
      withDrafts,
      apiUrl: simulator.apiUrl,
      simulator,
      async close() {
        await simulator.close();
        await rm(cacheDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await simulator.close();
    await rm(cacheDir, { recursive: true, force: true });
    throw error;
  }
}
