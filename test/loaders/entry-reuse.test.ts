/**
 * A rebuild maps and validates only the entries a change reaches: an entry whose item and
 * whose inputs from the rest of the account are unchanged keeps its stored form (no
 * parseData call), while a change to another item that an entry reads (a photo made private
 * that a post embeds) maps that entry again. Counted through the host's parseData, and
 * checked against a from-scratch sync.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_REFERENCE_TIME } from '../../src/simulator/index.js';
import { editItem, setPrivate } from '../../src/simulator/mutations.js';
import { COLLECTION_NAMES, type CollectionName } from '../../src/sync/account-data.js';
import {
  expectSameAsFromScratch,
  newSite,
  OPTIONS,
  syncSite,
  useSimulator,
  type TestSite,
} from './incremental-support.js';

const bench = useSimulator();
const HOUR = 3_600_000;

/** Syncs the site and returns the ids of the entries validated, per collection. */
async function syncCounting(site: TestSite): Promise<Record<string, Set<string>>> {
  const parsed: Record<string, Set<string>> = {};
  await syncSite(bench.sim, site, {
    ...OPTIONS,
    onParseData: (collection: CollectionName, id: string) => (parsed[collection] ??= new Set()).add(id),
  });
  return parsed;
}

describe('entries a change does not reach are kept, not mapped again', () => {
  it('an edit validates the edited entry (and at most what the head walk fetched), nothing else', async () => {
    bench.resetAccount();
    const site = await newSite();
    const first = await syncCounting(site);
    expect(first.tracks?.size).toBeGreaterThan(10);

    const post = bench.sim.account.blog.find((b) => b.status === 1 && !b.private && !b.exclusive)!;
    editItem(bench.sim.account, 'blog', post.id, DEMO_REFERENCE_TIME + HOUR);
    const parsed = await syncCounting(site);

    expect(parsed.blog).toContain(String(post.id));
    // Only posts the head walk fetched (a page) can be validated, and no other collection at all.
    expect(parsed.blog!.size).toBeLessThanOrEqual(OPTIONS.pageSize);
    for (const collection of COLLECTION_NAMES.filter((c) => c !== 'blog'))
      expect(parsed[collection], collection).toBeUndefined();
    await expectSameAsFromScratch(bench.sim, site, OPTIONS);
  });

  it('a photo made private re-maps the posts that embed it, and only those', async () => {
    bench.resetAccount();
    const site = await newSite();
    await syncCounting(site);

    const account = bench.sim.account;
    // Published, public, not exclusive (a locked post publishes no body).
    const embedded = (url: string) =>
      account.blog.filter((b) => b.status === 1 && !b.private && !b.exclusive && b.body?.includes(url));
    const largeOf = (p: { images: Array<{ size: string; embed_url: string }> }) =>
      p.images.find((i) => i.size === 'large')!.embed_url;
    // An album's cover shares its URL with a photo; hiding a photo blocks a URL only nothing else publishes.
    const elsewhere = new Set(
      [...account.albums, ...account.playlists].flatMap((item) => item.images.map((i) => i.embed_url)),
    );
    const photo = account.photos.find(
      (p) => !p.private && !p.exclusive && !elsewhere.has(largeOf(p)) && embedded(largeOf(p)).length > 0,
    )!;
    expect(photo, 'the demo account has a post embedding a public photo').toBeDefined();
    const url = largeOf(photo);
    const posts = embedded(url).map((b) => String(b.id));
    const storedHtml = (id: string) => (site.state.stores.blog!.get(id)!.rendered as { html: string }).html;
    expect(storedHtml(posts[0]!)).toContain(url);

    setPrivate(account, 'photos', photo.id, true, DEMO_REFERENCE_TIME + 2 * HOUR);
    const parsed = await syncCounting(site);

    // The posts did not change, but what they embed is now blocked: they are mapped again, the others kept.
    expect([...(parsed.blog ?? [])].sort()).toEqual([...posts].sort());
    for (const id of posts) expect(storedHtml(id)).not.toContain(url);
    await expectSameAsFromScratch(bench.sim, site, OPTIONS);
  });

  it('a photo made private re-maps the event and the video whose descriptions embed it; statuses and the profile are kept', async () => {
    bench.resetAccount();
    const account = bench.sim.account;
    const largeOf = (p: { images: Array<{ size: string; embed_url: string }> }) =>
      p.images.find((i) => i.size === 'large')!.embed_url;
    const elsewhere = new Set(
      [...account.albums, ...account.playlists].flatMap((item) => item.images.map((i) => i.embed_url)),
    );
    const photo = account.photos.find((p) => !p.private && !p.exclusive && !elsewhere.has(largeOf(p)))!;
    const url = largeOf(photo);
    const event = account.events.find((e) => !e['private'])!;
    const video = account.videos[0]!;
    event.description = `<p>The poster: <img src="${url}" alt="poster"></p>`;
    video.description = `<p>Stills: <img src="${url}" alt="still"></p>`;
    const site = await newSite();
    await syncCounting(site);
    const storedHtml = (collection: 'events' | 'videos', id: number) =>
      (site.state.stores[collection]!.get(String(id))!.data as { descriptionHtml: string | null }).descriptionHtml;
    expect(storedHtml('events', event.id)).toContain(url);
    expect(storedHtml('videos', video.id)).toContain(url);

    setPrivate(account, 'photos', photo.id, true, DEMO_REFERENCE_TIME + 2 * HOUR);
    const parsed = await syncCounting(site);

    // Neither item changed, but what their descriptions embed is now blocked: exactly they are mapped again.
    expect([...(parsed.events ?? [])]).toEqual([String(event.id)]);
    expect([...(parsed.videos ?? [])]).toEqual([String(video.id)]);
    expect(parsed.statuses).toBeUndefined();
    expect(parsed.account).toBeUndefined();
    expect(storedHtml('events', event.id)).not.toContain(url);
    expect(storedHtml('videos', video.id)).not.toContain(url);
    await expectSameAsFromScratch(bench.sim, site, OPTIONS);
  });
});
