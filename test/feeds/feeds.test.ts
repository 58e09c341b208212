/**
 * The feeds, generated from the demo account's entries and parsed back: RSS with
 * fast-xml-parser, JSON Feed with JSON.parse. Enclosure lengths come from real HEAD
 * requests to the simulator's media origin. Inputs deliberately include drafts,
 * locked and private items, which must never come out.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogEntry, TrackEntry } from '../../src/entries/types.js';
import { audioFeed, blogFeed, buildJsonFeed, headContentLength, jsonFeed } from '../../src/feeds/index.js';
import { demoMediaManifest } from '../../src/simulator/index.js';
import { blogEntry, lockedTrackWithLeakedUrl } from '../components/contract-entries.js';
import { startDemoSite, type DemoSite } from '../components/demo-entries.js';
import { assertStrictXml } from '../helpers/strict-xml.js';

const SITE = 'https://band.example';
const context = { site: new URL(SITE) };
let demo: DemoSite;
const manifest = demoMediaManifest();
const bytes128 = new Set(manifest.audio.map((a) => a.files.mp3_128kb.bytes));
const bytes320 = new Set(manifest.audio.map((a) => a.files.mp3_320kb.bytes));

/** Every feed must pass a strict XML parser before it is read. */
const strict = (text: string) => (assertStrictXml(text), text);

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => name === 'item',
  parseTagValue: false,
});

beforeAll(async () => {
  demo = await startDemoSite(2);
});

afterAll(async () => {
  await demo?.close();
});

const privatePost = () => blogEntry({ id: '990001', title: 'Private: never in a feed', private: true });
const privateTrack = (): TrackEntry => {
  const source = demo.entries.tracks.find((t) => !t.data.locked && t.data.streamUrl)!;
  return {
    id: '990002',
    data: { ...source.data, stagebloc: { id: 990002, shortUrl: null }, title: 'Private track', private: true },
  };
};
const postDate = (e: BlogEntry) => e.data.published ?? e.data.created;

describe('blogFeed', () => {
  async function feed(entries: BlogEntry[], extra: Record<string, unknown> = {}) {
    const response = await blogFeed(context, {
      title: 'Juniper Static news',
      description: 'From the band',
      entries,
      ...extra,
    });
    expect(response.headers.get('content-type')).toMatch(/xml/);
    return xml.parse(strict(await response.text())).rss;
  }

  it('carries every published, unlocked, public post, newest first, and nothing else', async () => {
    const input = [...demo.withDrafts.blog, privatePost()];
    expect(input.some((e) => e.data.status === 'draft')).toBe(true);
    expect(input.some((e) => e.data.locked)).toBe(true);
    const rss = await feed(input);
    const expected = input
      .filter((e) => e.data.status === 'published' && !e.data.locked && !e.data.private)
      .sort((a, b) => postDate(b).getTime() - postDate(a).getTime());
    const items = rss.channel.item as Array<Record<string, unknown>>;
    expect(items.map((i) => i.link)).toEqual(expected.map((e) => `${SITE}/blog/${e.id}/`));
    const titles = items.map((i) => String(i.title));
    for (const hidden of input.filter((e) => !expected.includes(e))) expect(titles).not.toContain(hidden.data.title);
  });

  it('gives each item its full sanitized content, author and publication date', async () => {
    const entries = demo.entries.blog.filter((e) => !e.data.locked);
    const rss = await feed(entries);
    expect(rss['@_xmlns:content']).toBe('http://purl.org/rss/1.0/modules/content/');
    expect(rss['@_xmlns:dc']).toBe('http://purl.org/dc/elements/1.1/');
    for (const item of rss.channel.item as Array<Record<string, string>>) {
      const entry = entries.find((e) => item.link === `${SITE}/blog/${e.id}/`)!;
      expect(new Date(item.pubDate!).getTime()).toBe(Math.floor(postDate(entry).getTime() / 1000) * 1000);
      expect(item['dc:creator']).toBe(entry.data.author?.name);
      const content = item['content:encoded'] ?? '';
      expect(content).not.toMatch(/<(script|iframe|style)\b/i);
      // Text survives sanitizing.
      const firstWords = (entry.rendered?.html ?? '')
        .replace(/<[^>]+>/g, ' ')
        .trim()
        .split(/\s+/)
        .slice(0, 3)
        .join(' ');
      if (firstWords && !/&/.test(firstWords))
        expect(content.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toContain(firstWords);
    }
  });

  it('makes relative links and images absolute and drops what readers block', async () => {
    const entry = blogEntry({
      id: '42',
      html: '<p>See <a href="/tour/">the tour</a> <img src="/img/a.jpg" alt="A"></p><iframe src="https://www.youtube.com/embed/x"></iframe><script>alert(1)</script>',
    });
    const [item] = (await feed([entry])).channel.item as Array<Record<string, string>>;
    const content = item!['content:encoded']!;
    expect(content).toContain(`href="${SITE}/tour/"`);
    expect(content).toContain(`src="${SITE}/img/a.jpg"`);
    expect(content).not.toContain('<iframe');
    expect(content).not.toContain('alert(1)');
  });

  it('honours limit, link and fails clearly without a site', async () => {
    const rss = await feed(demo.entries.blog, {
      limit: 3,
      link: (e: BlogEntry) => `/news/${e.data.stagebloc.id}.html`,
    });
    expect(rss.channel.item).toHaveLength(3);
    expect(String(rss.channel.item[0].link)).toMatch(new RegExp(`^${SITE}/news/\\d+\\.html$`));
    expect(() => blogFeed({}, { title: 't', description: 'd', entries: [] })).toThrow(/site/);
  });
});

describe('audioFeed', () => {
  it('has one 128 kb enclosure per public, unlocked track, sized by a HEAD request to the media origin', async () => {
    // A locked track that still carries a stream URL: the feed must not trust the loaders.
    const input = [...demo.entries.tracks, privateTrack(), lockedTrackWithLeakedUrl()];
    expect(input.some((t) => t.data.locked)).toBe(true);
    demo.simulator.clearRequests();
    const response = await audioFeed(context, {
      title: 'Juniper Static',
      description: 'All the songs',
      tracks: input,
      author: 'Juniper Static',
      image: '/cover.jpg',
      category: 'Music',
    });
    const rss = xml.parse(strict(await response.text())).rss;
    expect(rss['@_xmlns:itunes']).toBe('http://www.itunes.com/dtds/podcast-1.0.dtd');
    expect(rss.channel['itunes:author']).toBe('Juniper Static');
    expect(rss.channel['itunes:image']['@_href']).toBe(`${SITE}/cover.jpg`);
    const expected = input.filter((t) => !t.data.locked && !t.data.private && t.data.streamUrl);
    const items = rss.channel.item as Array<Record<string, any>>;
    expect(items).toHaveLength(expected.length);
    const byUrl = new Map(expected.map((t) => [t.data.streamUrl!, t]));
    for (const item of items) {
      const enclosure = item.enclosure;
      const track = byUrl.get(enclosure['@_url']);
      expect(track, enclosure['@_url']).toBeDefined();
      expect(enclosure['@_type']).toBe('audio/mpeg');
      expect(bytes128.has(Number(enclosure['@_length']))).toBe(true);
      expect(item['itunes:duration']).toBe(String(Math.round(track!.data.duration!)));
      expect(item.title).toBe(track!.data.title);
    }
    const heads = demo.simulator.mediaRequests.filter((r) => r.method === 'HEAD');
    expect(new Set(heads.map((r) => r.path))).toEqual(
      new Set(expected.map((t) => new URL(t.data.streamUrl!).pathname)),
    );
    // Nothing about locked or private tracks was even requested.
    expect(heads).toHaveLength(expected.length);
  });

  it('uses the injected length function when given one', async () => {
    const seen: string[] = [];
    const tracks = demo.entries.tracks.filter((t) => !t.data.locked).slice(0, 2);
    const rss = xml.parse(
      strict(
        await (
          await audioFeed(context, {
            title: 't',
            description: 'd',
            tracks,
            contentLength: async (url) => (seen.push(url), 1234),
          })
        ).text(),
      ),
    ).rss;
    expect(seen.sort()).toEqual(tracks.map((t) => t.data.streamUrl).sort());
    for (const item of rss.channel.item) expect(item.enclosure['@_length']).toBe('1234');
  });
});

describe('headContentLength', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/chunked.mp3') {
        res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Transfer-Encoding': 'chunked' });
        res.end();
      } else if (req.url === '/sized.mp3') {
        res.writeHead(200, { 'Content-Type': 'audio/mpeg', 'Content-Length': '4321' });
        res.end();
      } else {
        res.writeHead(404, { 'Content-Length': '9' });
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads Content-Length, and reports 0 when there is none, on errors, and for site paths', async () => {
    expect(await headContentLength(`${origin}/sized.mp3`)).toBe(4321);
    expect(await headContentLength(`${origin}/chunked.mp3`)).toBe(0);
    expect(await headContentLength(`${origin}/missing.mp3`)).toBe(0);
    expect(await headContentLength('/_stagebloc/audio/x.mp3')).toBe(0);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await headContentLength(`http://127.0.0.1:${deadPort}/gone.mp3`, { timeoutMs: 2000 })).toBe(0);
  });
});

describe('jsonFeed', () => {
  /** A public demo track whose free download is the 320 kb MP3 with no follow needed. */
  function freeHighQuality(): TrackEntry {
    const source = demo.entries.tracks.find((t) => !t.data.locked && t.data.streamUrl && t.data.download)!;
    return {
      ...source,
      data: {
        ...source.data,
        download: { ...source.data.download!, free: { format: 'mp3-320', requireFollow: false } },
      },
    };
  }

  it('is a JSON Feed 1.1 of public tracks and posts, newest first, without drafts, locked or private items', async () => {
    const hq = freeHighQuality();
    const tracks = [
      ...demo.entries.tracks.filter((t) => t.id !== hq.id),
      hq,
      privateTrack(),
      lockedTrackWithLeakedUrl(),
    ];
    const posts = [...demo.withDrafts.blog, privatePost()];
    const response = await jsonFeed(
      { ...context, url: new URL(`${SITE}/feed.json`) },
      { title: 'Juniper Static', description: 'Everything', tracks, posts },
    );
    expect(response.headers.get('content-type')).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(await response.text());
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${SITE}/feed.json`);
    expect(feed.home_page_url).toBe(`${SITE}/`);
    const expectedTracks = tracks.filter((t) => !t.data.locked && !t.data.private);
    const expectedPosts = posts.filter((e) => e.data.status === 'published' && !e.data.locked && !e.data.private);
    const ids = feed.items.map((i: { id: string }) => i.id).sort();
    expect(ids).toEqual(
      [
        ...expectedTracks.map((t) => `stagebloc-track-${t.data.stagebloc.id}`),
        ...expectedPosts.map((e) => `stagebloc-post-${e.data.stagebloc.id}`),
      ].sort(),
    );
    const dates = feed.items.map((i: { date_published: string }) => Date.parse(i.date_published));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('attaches the 128 kb stream to every track, and the 320 kb MP3 only where the free download allows it', async () => {
    const hq = freeHighQuality();
    const tracks = [...demo.entries.tracks.filter((t) => t.id !== hq.id), hq];
    const feed = await buildJsonFeed(context, { title: 't', description: 'd', tracks });
    for (const item of feed.items) {
      const track = tracks.find((t) => `stagebloc-track-${t.data.stagebloc.id}` === item.id)!;
      const [standard, high, ...rest] = item.attachments!;
      expect(rest).toEqual([]);
      expect(standard).toMatchObject({
        url: track.data.streamUrl,
        mime_type: 'audio/mpeg',
        duration_in_seconds: Math.round(track.data.duration!),
      });
      expect(bytes128.has(standard!.size_in_bytes!)).toBe(true);
      const free = track.data.download?.free;
      const allows = !!free && (free.format === 'mp3-320' || free.format === 'source') && !free.requireFollow;
      expect(high !== undefined, `${track.data.title}: 320 kb attachment`).toBe(allows);
      if (high) {
        expect(high.url).toBe(track.data.streamUrl!.replace('/mp3_128kb/', '/mp3_320kb/'));
        // The simulator serves it: HEAD found the real 320 kb file.
        expect(bytes320.has(high.size_in_bytes!)).toBe(true);
        expect(high.duration_in_seconds).toBe(Math.round(track.data.duration!));
      }
    }
    expect(feed.items.some((i) => i.attachments!.length === 2)).toBe(true);
  });
});

describe('control characters', () => {
  /** Every character XML 1.0 forbids, and the controls no text should carry. */
  const CONTROLS = '\u0001\u0002\u0008\u000B\u000C\u000E\u001F\u007F\u0085\uFFFE\uFFFF\uD800';
  const dirty = (text: string) => `${text.slice(0, 2)}${CONTROLS}${text.slice(2)}`;

  it('the strict parser rejects them (fast-xml-parser would not)', () => {
    expect(() => assertStrictXml(`<rss><title>a\u0001b</title></rss>`)).toThrow();
    expect(() => assertStrictXml('<rss><title>ab</title></rss>')).not.toThrow();
  });

  it('never reach a feed, wherever they come from: entries, HTML, names or the feed options', async () => {
    const posts = demo.entries.blog.filter((e) => !e.data.locked && e.data.status === 'published').slice(0, 3);
    const tracks = demo.entries.tracks.filter((t) => !t.data.locked && t.data.streamUrl).slice(0, 3);
    const hostilePosts: BlogEntry[] = posts.map((e) => ({
      ...e,
      data: {
        ...e.data,
        title: dirty(e.data.title),
        excerpt: dirty(e.data.excerpt),
        author: { id: 1, name: dirty('Kim Ode') },
      },
      rendered: { html: `<p>${dirty('Fog horn')}</p>` },
    }));
    const hostileTracks: TrackEntry[] = tracks.map((t) => ({
      ...t,
      data: {
        ...t.data,
        title: dirty(t.data.title),
        artist: dirty('Juniper Static'),
        descriptionHtml: `<p>${dirty('Lake song')}</p>`,
      },
    }));
    const options = {
      title: dirty('Juniper Static'),
      description: dirty('From the band'),
      contentLength: async () => 1234,
    };
    const bodies = [
      await (await blogFeed(context, { ...options, entries: hostilePosts })).text(),
      await (await audioFeed(context, { ...options, tracks: hostileTracks })).text(),
    ];
    for (const body of bodies) {
      expect(() => assertStrictXml(body)).not.toThrow();
      expect(body).toContain('Juniper Static');
      expect(body).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/);
    }
    const json = await (await jsonFeed(context, { ...options, posts: hostilePosts, tracks: hostileTracks })).text();
    // JSON would carry them as \u escapes: none of those either.
    expect(json).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|\\u008|\\u009|\\ufff[ef]|\\ud800/i);
    expect(JSON.parse(json).title).toBe('Juniper Static');
  });
});
