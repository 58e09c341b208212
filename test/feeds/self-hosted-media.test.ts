/**
 * Feeds of self-hosted tracks: stream URLs are site paths a HEAD request cannot reach at
 * build time, so enclosure lengths and attachment sizes come from the entries
 * (`streamBytes`, `highQualityUrl`/`highQualityBytes`), which the loaders fill in when they
 * download the MP3s. Entries are produced the loaders' way: the real client against the
 * simulator, `media: 'self-host'` resolution into a real media cache, mapping and schema.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import type { TrackEntry } from '../../src/entries/types.js';
import { audioFeedString, buildJsonFeed } from '../../src/feeds/index.js';
import type { AccountContent } from '../../src/sync/account-data.js';
import { mapTracks, mediaUrlsOf } from '../../src/content/entries.js';
import { mediaCacheFor } from '../../src/sync/media/media-cache.js';
import { resolveMedia } from '../../src/content/media/resolve-media.js';
import { tracksSchema } from '../../src/loaders/schemas.js';
import { apiSource } from '../../src/sync/sources.js';
import { DEFAULT_VISIBILITY } from '../../src/content/visibility.js';
import { demoMediaManifest, startSimulator, type Simulator } from '../../src/simulator/index.js';

const SITE = 'https://band.example';
const manifest = demoMediaManifest();
const bytes128 = new Set(manifest.audio.map((a) => a.files.mp3_128kb.bytes));
const bytes320 = new Set(manifest.audio.map((a) => a.files.mp3_320kb.bytes));

let sim: Simulator;
let cacheDir: string;
let tracks: TrackEntry[];
let freeHighQualityId: string;
const heads: string[] = [];
/** Records what the feeds would HEAD; self-hosted entries should need none. */
const contentLength = async (url: string) => {
  heads.push(url);
  return 0;
};

beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  cacheDir = await mkdtemp(join(tmpdir(), 'sb-feed-media-'));
  // The demo account offers no free 320 kb download without a follow: give one track that.
  const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';
  const record = sim.account.tracks.find(
    (t) => !flag(t.private) && !flag(t.exclusive) && t.download_details && t.embed_url,
  )!;
  record.download_details = {
    ...record.download_details!,
    free_download_quality: 2,
    free_download_require_follow: false,
  };
  freeHighQualityId = String(record.id);

  const client = createClient({ accessToken: sim.token, baseUrl: sim.apiUrl, retries: 0 });
  const content = (await apiSource(client, { drafts: DEFAULT_VISIBILITY.drafts }).fetch(['tracks', 'playlists'], {
    progress: () => {},
  })) as AccountContent;
  const media = await resolveMedia({
    ...mediaUrlsOf('tracks', content, DEFAULT_VISIBILITY),
    mode: 'self-host',
    cache: mediaCacheFor(cacheDir),
    base: '/',
    warn: (message) => {
      throw new Error(message);
    },
  });
  tracks = mapTracks(content, { policy: DEFAULT_VISIBILITY, media }).map((entry) => ({
    id: entry.id,
    data: tracksSchema.parse(entry.data),
  }));
});

afterAll(async () => {
  await sim?.close();
  await rm(cacheDir, { recursive: true, force: true });
});

const fileSize = async (sitePath: string) => (await stat(join(cacheDir, 'files', sitePath.split('/').pop()!))).size;

describe('self-hosted track entries', () => {
  it('carry the sizes of the downloaded files, and the free 320 kb MP3 only where offered', async () => {
    const playable = tracks.filter((t) => t.data.streamUrl);
    expect(playable.length).toBeGreaterThan(5);
    for (const track of playable) {
      expect(track.data.streamUrl).toMatch(/^\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/);
      expect(track.data.streamBytes).toBe(await fileSize(track.data.streamUrl!));
      expect(bytes128.has(track.data.streamBytes!)).toBe(true);
    }
    const offered = tracks.filter((t) => t.data.highQualityUrl);
    expect(offered.map((t) => t.id)).toEqual([freeHighQualityId]);
    const hq = offered[0]!.data;
    expect(hq.highQualityUrl).toMatch(/^\/_stagebloc\/audio\/[a-f0-9]{16}\.mp3$/);
    expect(hq.highQualityBytes).toBe(await fileSize(hq.highQualityUrl!));
    expect(bytes320.has(hq.highQualityBytes!)).toBe(true);
  });
});

describe('feeds of self-hosted tracks', () => {
  it('audio RSS: every enclosure has the file size, with no HEAD request', async () => {
    heads.length = 0;
    const xml = await audioFeedString(
      { site: new URL(SITE) },
      { title: 'Music', description: 'All of it', tracks, contentLength },
    );
    const items = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      isArray: (n) => n === 'item',
    }).parse(xml).rss.channel.item as Array<{
      enclosure: Record<string, string>;
    }>;
    const playable = tracks.filter((t) => t.data.streamUrl && !t.data.locked);
    expect(items).toHaveLength(playable.length);
    for (const { enclosure } of items) {
      const track = playable.find((t) => `${SITE}${t.data.streamUrl}` === enclosure['@_url'])!;
      expect(Number(enclosure['@_length'])).toBe(track.data.streamBytes);
      expect(Number(enclosure['@_length'])).toBeGreaterThan(0);
    }
    expect(heads).toEqual([]);
  });

  it('JSON Feed: the self-hosted 320 kb MP3 is attached with its size; streams are sized too', async () => {
    heads.length = 0;
    const feed = await buildJsonFeed(
      { site: new URL(SITE) },
      { title: 'Music', description: 'All of it', tracks, contentLength },
    );
    const item = feed.items.find((i) => i.id === `stagebloc-track-${freeHighQualityId}`)!;
    const track = tracks.find((t) => t.id === freeHighQualityId)!.data;
    expect(item.attachments).toEqual([
      expect.objectContaining({
        url: `${SITE}${track.streamUrl}`,
        title: '128 kb MP3',
        size_in_bytes: track.streamBytes,
      }),
      expect.objectContaining({
        url: `${SITE}${track.highQualityUrl}`,
        title: '320 kb MP3',
        size_in_bytes: track.highQualityBytes,
      }),
    ]);
    for (const other of feed.items.filter((i) => i !== item)) {
      expect(other.attachments).toHaveLength(1);
      expect(other.attachments![0]!.size_in_bytes).toBeGreaterThan(0);
    }
    expect(heads).toEqual([]);
  });
});
