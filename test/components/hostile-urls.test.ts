/**
 * Links that would run script or load data, in every URL-bearing prop of every component:
 * none reaches the output. The loaders never hand such URLs over (the client leaves them
 * out), but components also take props a site fills from anywhere, so each one checks too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlogEntry, PhotoEntry, PlaylistEntry, TrackEntry } from '../../src/entries/types.js';
import { HOSTILE_URLS } from '../helpers/hostile.js';
import { NOW, statusEntry, tour, videoEntry } from '../fixtures/component-site/src/lib/tour-entries.js';
import { startDemoSite, type DemoSite } from './demo-entries.js';
import { all, parse } from './dom.js';
import { startComponentRenderer, type ComponentRenderer } from './render.js';

let renderer: ComponentRenderer;
let demo: DemoSite;

beforeAll(async () => {
  [renderer, demo] = await Promise.all([startComponentRenderer(), startDemoSite()]);
});

afterAll(async () => {
  await Promise.all([renderer?.close(), demo?.close()]);
});

/** A copy of `entry` with every URL field (any depth) set to `url`. */
function withUrls<T>(entry: T, url: string): T {
  const copy = structuredClone(entry) as Record<string, unknown>;
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (value === null || typeof value !== 'object' || value instanceof Date) return;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (
        /^(url|shortUrl|streamUrl|highQualityUrl|website|buyLink|rawUrl|embedUrl)$/.test(key) &&
        (typeof record[key] === 'string' || record[key] === null)
      )
        record[key] = url;
      else walk(record[key]);
    }
  };
  walk(copy);
  return copy as T;
}

/** Unlocked, so components publish their media. */
const unlocked = <T extends { data: { locked: boolean } }>(entry: T): T => ({
  ...entry,
  data: { ...entry.data, locked: false },
});

/** What in the rendered HTML carries `hostile`: attribute values, JSON-LD strings. */
function carriers(html: string, _hostile: string): string[] {
  const doc = parse(html);
  const found: string[] = [];
  // A scheme that runs or embeds something, in any dress (an attribute value is already entity-decoded here).
  const bad = (value: string) => /avascript|vbscript|data\s*:|file\s*:|&colon;|&#/i.test(value);
  for (const element of all(doc, '*')) {
    for (const { name, value } of [...element.attributes]) {
      if (bad(value)) found.push(`<${element.tagName.toLowerCase()} ${name}="${value}">`);
      if (name === 'srcset' && value.split(',').some((candidate) => bad(candidate.trim())))
        found.push(`srcset ${value}`);
    }
  }
  for (const script of all(doc, 'script[type="application/ld+json"]')) {
    const walk = (value: unknown, path: string): void => {
      if (typeof value === 'string' && bad(value)) found.push(`JSON-LD ${path}: ${value}`);
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, `${path}.${k}`);
    };
    walk(JSON.parse(script.textContent ?? 'null'), '$');
  }
  return found;
}

describe.each(HOSTILE_URLS)('the URL %j', (hostile) => {
  it('is published by no component, in no attribute and no JSON-LD', async () => {
    const tracks = demo.entries.tracks.slice(0, 4).map((t) => withUrls(unlocked(t), hostile)) as TrackEntry[];
    const playlist = withUrls(unlocked(demo.entries.playlists[0]!), hostile) as PlaylistEntry;
    const album = withUrls(unlocked(demo.entries.albums[0]!), hostile);
    const photos = demo.entries.photos.slice(0, 4).map((p) => withUrls(unlocked(p), hostile)) as PhotoEntry[];
    const withLocation = withUrls(unlocked(demo.entries.photos.find((p) => p.data.location)!), hostile) as PhotoEntry;
    const post = withUrls(demo.entries.blog[0]!, hostile) as BlogEntry;
    const lockedPost = { ...post, data: { ...post.data, locked: true } } as BlogEntry;
    const track = tracks[0]!;
    const renders: Array<[string, Record<string, unknown>]> = [
      ['AudioPlayer', { track }],
      ['Track', { track, href: hostile }],
      ['PlaylistPlayer', { playlist, tracks }],
      ['PlaylistCard', { playlist }],
      ['PlaylistGrid', { playlists: [playlist] }],
      ['AlbumCard', { album }],
      ['AlbumGrid', { albums: [album] }],
      ['Photo', { photo: withLocation }],
      ['PhotoGallery', { photos: [...photos, withLocation] }],
      ['BlogPost', { entry: lockedPost }],
      ['BlogList', { entries: [post] }],
      [
        'DownloadState',
        {
          download: track.data.download ?? {
            free: { format: 'mp3-320', requireFollow: false },
            paid: { format: 'none', requireFollow: false, price: 0, nameYourPrice: false },
          },
          shortUrl: hostile,
        },
      ],
      ['OpenGraph', { track, title: 'T', image: hostile, url: hostile }],
      ['OpenGraph', { post, image: playlist.data.images }],
      [
        'StructuredData',
        {
          track,
          playlist,
          tracks,
          post,
          photos: [withLocation],
          image: hostile,
          url: hostile,
          group: { name: 'Band', url: hostile, image: hostile, sameAs: [hostile] },
        },
      ],
    ];
    const events = tour().map((e) => withUrls(e, hostile));
    const video = withUrls(videoEntry(7), hostile);
    renders.push(
      ['TourDates', { events, now: NOW, href: hostile }],
      ['EventDetails', { event: events[1], now: NOW, calendarHref: hostile, url: hostile }],
      ['VideoEmbed', { video, url: hostile }],
      ['StatusFeed', { statuses: [withUrls(statusEntry(1, 'Hi', '2030-01-01T00:00:00Z'), hostile)] }],
      ['StructuredData', { events, videos: [video], eventUrl: () => hostile, videoUrl: () => hostile }],
    );
    for (const [name, props] of renders) {
      const html = await renderer.render(name, props);
      expect(carriers(html, hostile), `${name} published ${JSON.stringify(hostile)}`).toEqual([]);
    }
  });
});

describe('the check itself', () => {
  it('finds a hostile URL where a component would put it', () => {
    expect(carriers('<a href="javascript:alert(1)">x</a>', 'javascript:alert(1)')).toHaveLength(1);
    expect(carriers('<img src="x.jpg" srcset="a.jpg 1x, data:image/png,x 2x">', 'data:image/png,x')).not.toEqual([]);
    expect(
      carriers('<script type="application/ld+json">{"url":"vbscript:msgbox(1)"}</script>', 'vbscript:msgbox(1)'),
    ).toHaveLength(1);
  });
});
