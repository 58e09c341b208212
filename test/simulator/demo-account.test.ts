/**
 * The demo account: deterministic, the promised size and variety, internally
 * consistent, dated before the fixed reference time, and fast to generate and
 * serve at benchmark scale.
 */
import { describe, expect, it } from 'vitest';
import { createDemoAccount, DEMO_REFERENCE_TIME, startSimulator, type DemoAccount } from '../../src/simulator/index.js';
import { list } from './helpers.js';

const BASE = 'http://media.test:1234';
const account = createDemoAccount({ mediaBaseUrl: BASE });
const truthy = (v: unknown) => v === true || v === 1;
const WIRE_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const reference = new Date(DEMO_REFERENCE_TIME).toISOString().replace('T', ' ').slice(0, 19);

function allRecords(a: DemoAccount) {
  return [...a.tracks, ...a.playlists, ...a.blog, ...a.photos, ...a.albums];
}

describe('determinism', () => {
  it('the same seed gives the same account, byte for byte; another seed does not', () => {
    const again = createDemoAccount({ mediaBaseUrl: BASE });
    expect(JSON.stringify(again)).toBe(JSON.stringify(account));
    const seeded = createDemoAccount({ mediaBaseUrl: BASE, seed: 1 });
    expect(JSON.stringify(seeded)).toBe(JSON.stringify(account));
    const other = createDemoAccount({ mediaBaseUrl: BASE, seed: 2 });
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(account));
    expect(other.tracks.map((t) => t.title)).toEqual(account.tracks.map((t) => t.title));
  });

  it('dates are wire-formatted, never after the reference time, and modified >= created', () => {
    for (const record of allRecords(account)) {
      expect(record.created).toMatch(WIRE_DATE);
      expect(record.modified).toMatch(WIRE_DATE);
      expect(record.created <= reference).toBe(true);
      expect(record.modified <= reference).toBe(true);
      expect(record.modified >= record.created).toBe(true);
    }
    for (const post of account.blog) if (post.published !== null) expect(post.published <= reference).toBe(true);
  });
});

describe('size and shape at scale 1', () => {
  it('has the promised counts', () => {
    expect(account.tracks.length).toBeGreaterThanOrEqual(40);
    expect(account.playlists.length).toBeGreaterThanOrEqual(6);
    expect(account.blog.length).toBeGreaterThanOrEqual(60);
    expect(account.photos.length).toBeGreaterThanOrEqual(150);
    expect(account.albums.length).toBe(12);
    expect(account.artist.name).toBeTruthy();
    expect(account.artist.bio.length).toBeGreaterThan(100);
  });

  it('ids are unique within each collection and relations point at real records', () => {
    for (const records of [account.tracks, account.playlists, account.blog, account.photos, account.albums]) {
      expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    }
    const trackIds = new Set(account.tracks.map((t) => t.id));
    const albumIds = new Set(account.albums.map((a) => a.id));
    for (const playlist of account.playlists) {
      expect(playlist.track_ids.length).toBeGreaterThan(0);
      expect(playlist.track_ids.every((id) => trackIds.has(id))).toBe(true);
      expect(playlist.images).toHaveLength(5);
    }
    for (const photo of account.photos) expect(albumIds.has(photo.album_id!)).toBe(true);
    for (const album of account.albums)
      expect(account.photos.filter((p) => p.album_id === album.id).length).toBeGreaterThanOrEqual(10);
    // One track is shared by two playlists (a single also on an album).
    const memberships = account.tracks.map((t) => account.playlists.filter((p) => p.track_ids.includes(t.id)).length);
    expect(Math.max(...memberships)).toBe(2);
  });

  it('points every media URL at the given media origin', () => {
    for (const track of account.tracks)
      expect(String(track.embed_url).startsWith(`${BASE}/production/audio/1/mp3_128kb/`)).toBe(true);
    for (const record of [...account.photos, ...account.albums, ...account.playlists]) {
      for (const image of record.images)
        expect(image.embed_url.startsWith(`${BASE}/production/photos/1/${image.size}/`)).toBe(true);
    }
  });

  it('mixes in private, exclusive, drafts, sticky posts and every kind of download offer', () => {
    const some = (records: { [k: string]: unknown }[], key: string) => records.filter((r) => truthy(r[key])).length;
    for (const records of [account.tracks, account.blog, account.photos, account.albums]) {
      expect(some(records, 'private')).toBeGreaterThan(0);
      expect(some(records, 'exclusive')).toBeGreaterThan(0);
    }
    expect(some(account.playlists, 'exclusive')).toBeGreaterThan(0);
    expect(account.blog.filter((p) => p.status === 0).length).toBeGreaterThanOrEqual(3);
    expect(account.blog.filter((p) => truthy(p.sticky)).length).toBe(2);
    const offers = account.tracks.map((t) => t.download_details);
    expect(offers.some((d) => d === null)).toBe(true);
    expect(offers.some((d) => d?.free_download_quality === 1)).toBe(true);
    expect(offers.some((d) => d?.paid_download_quality === 2 && d.price > 0.5)).toBe(true);
    expect(offers.some((d) => d?.paid_download_quality === 3)).toBe(true);
    expect(offers.some((d) => d && d.paid_download_quality > 0 && truthy(d.fans_name_price))).toBe(true);
    expect(
      offers.some((d) => d && (truthy(d.free_download_require_follow) || truthy(d.paid_download_require_follow))),
    ).toBe(true);
  });

  it('includes the docs\u2019 quirks: string lengths, 1/0 booleans, absent `private`, null titles, non-ASCII, empty bodies', () => {
    expect(account.tracks.some((t) => typeof t.length === 'string')).toBe(true);
    expect(account.tracks.some((t) => typeof t.length === 'number')).toBe(true);
    expect(account.blog.some((p) => p.sticky === 1 || p.sticky === 0)).toBe(true);
    expect(account.photos.some((p) => p.exclusive === 1 || p.exclusive === 0)).toBe(true);
    expect(account.blog.some((p) => !('private' in p))).toBe(true);
    expect(account.photos.some((p) => !('private' in p))).toBe(true);
    expect(account.photos.some((p) => p.title === null)).toBe(true);
    expect(account.photos.some((p) => p.location === null)).toBe(true);
    expect(account.blog.some((p) => p.body === '')).toBe(true);
    expect(account.blog.some((p) => p.author === null)).toBe(true);
    expect(account.tracks.some((t) => t.title === '0451')).toBe(true);
    expect(JSON.stringify(account)).toMatch(/[^\x00-\x7f]/);
  });

  it('blog bodies are real HTML: paragraphs, links, images, YouTube and Bandcamp iframes, over several years', () => {
    const bodies = account.blog.map((p) => p.body ?? '').join('\n');
    expect(bodies).toMatch(/<p>/);
    expect(bodies).toMatch(/<a href="https:\/\//);
    expect(bodies).toMatch(
      new RegExp(`<img src="${BASE}/production/photos/1/large/[^"]+" alt="[^"]*" width="1024" height="\\d+">`),
    );
    expect(bodies).toMatch(/<iframe[^>]+src="https:\/\/www\.youtube\.com\/embed\//);
    expect(bodies).toMatch(/<iframe[^>]+src="https:\/\/bandcamp\.com\/EmbeddedPlayer\//);
    const years = new Set(account.blog.map((p) => p.published?.slice(0, 4)).filter(Boolean));
    expect(years.size).toBeGreaterThanOrEqual(8);
  });

  it('photos have venue locations with addresses', () => {
    const located = account.photos.filter((p) => p.location !== null);
    expect(located.length).toBeGreaterThan(account.photos.length * 0.7);
    expect(located.some((p) => p.location!.address?.city)).toBe(true);
    expect(new Set(located.map((p) => p.location!.name)).size).toBeGreaterThanOrEqual(8);
  });
});

describe('scale', () => {
  // Generation speed is a benchmark figure (npm run bench), not a wall-clock assertion here.
  it('generates 20k+ consistent items', () => {
    const big = createDemoAccount({ mediaBaseUrl: BASE, scale: 70 });
    const total = allRecords(big).length;
    expect(total).toBeGreaterThanOrEqual(20_000);
    expect(big.blog.length).toBe(66 * 70);
    expect(new Set(big.tracks.map((t) => t.id)).size).toBe(big.tracks.length);
    const trackIds = new Set(big.tracks.map((t) => t.id));
    expect(big.playlists.every((p) => p.track_ids.every((id) => trackIds.has(id)))).toBe(true);
    const albumIds = new Set(big.albums.map((a) => a.id));
    expect(big.photos.every((p) => albumIds.has(p.album_id!))).toBe(true);
  });

  it('a smaller scale shrinks the account', () => {
    const small = createDemoAccount({ mediaBaseUrl: BASE, scale: 0.25 });
    expect(small.photos.length).toBe(Math.round(156 * 0.25));
    expect(small.tracks.length).toBeLessThan(account.tracks.length);
    expect(() => createDemoAccount({ mediaBaseUrl: BASE, scale: 0 })).toThrow(RangeError);
  });

  it('serves deep pages of a 20k-item collection once sorted', async () => {
    const sim = await startSimulator({ scale: 130 });
    try {
      expect(sim.account.photos.length).toBeGreaterThanOrEqual(20_000);
      const first = await list(sim, '/photos/list', { order_by: 'title', limit: 50, offset: 15000 });
      expect(first.items).toHaveLength(50);
      for (let i = 0; i < 10; i++) {
        const page = await list(sim, '/photos/list', { order_by: 'title', limit: 50, offset: 100 * i });
        expect(page.items).toHaveLength(50);
      }
    } finally {
      await sim.close();
    }
  });
});
