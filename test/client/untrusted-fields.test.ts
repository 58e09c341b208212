/**
 * Every byte from the API is untrusted: what the client returns holds only http(s) URLs in
 * URL fields (anything else left out, each said once, naming the item and field), no
 * control character in any text, and HTML fields of a bounded size.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../src/client/client.js';
import { decodeList } from '../../src/client/decode/index.js';
import {
  normalizeAlbum,
  normalizeBlogEntry,
  normalizeList,
  normalizePhoto,
  normalizePlaylist,
  normalizeTrack,
} from '../../src/client/normalize.js';
import { MAX_HTML_CHARACTERS, MAX_HTML_TAGS, boundHtml } from '../../src/text/html-bounds.js';
import { withoutControlCharacters } from '../../src/text/control-characters.js';
import { isHttpUrl } from '../../src/text/urls.js';
import { htmlToPlainText } from '../../src/text/plain-text.js';
import { sanitizeRichText } from '../../src/content/sanitize.js';
import { startSimulator } from '../../src/simulator/index.js';
import type { Simulator } from '../../src/simulator/types.js';
import { HOSTILE_URLS } from '../helpers/hostile.js';

const wireDate = '2024-01-02 03:04:05';
const wireTrack = (fields: Record<string, unknown>) => ({
  id: 7,
  title: 'T',
  artist: null,
  raw_url: null,
  embed_url: null,
  short_url: null,
  description: null,
  created: wireDate,
  modified: wireDate,
  length: 61,
  exclusive: 0,
  private: 0,
  download_details: null,
  ...fields,
});
const image = (size: string, embed: string, short: string | null = null) => ({
  image: { size, short_url: short, embed_url: embed },
});
const location = (website: string) => ({ id: 3, name: 'Venue', website, address: null });

function read<T>(
  item: Record<string, unknown>,
  normalize: (raw: unknown, ep: string, f: 'json', report?: (m: string) => void) => T,
) {
  const reports: string[] = [];
  const body = JSON.stringify({ response: { total: 1, items: [{ item }] } });
  const [value] = normalizeList(
    decodeList(body, 'json', '/x/list', 200),
    (raw, ep, f) => normalize(raw, ep, f as 'json', (m) => reports.push(m)),
    '/x/list',
  ).items;
  return { value: value!, reports };
}

describe('URL fields', () => {
  it.each(HOSTILE_URLS)('%j is left out of every URL field, with one report naming the item and field', (hostile) => {
    const track = read(wireTrack({ raw_url: hostile, embed_url: hostile, short_url: hostile }), normalizeTrack);
    expect(track.value).toMatchObject({ rawUrl: null, embedUrl: null, shortUrl: null });
    expect(track.reports).toEqual(
      ['rawUrl', 'embedUrl', 'shortUrl'].map((f) =>
        expect.stringMatching(new RegExp(`^item 7: ${f}: not an http\\(s\\) URL`)),
      ),
    );

    const photo = read(
      {
        id: 9,
        title: 'P',
        description: null,
        exclusive: 0,
        created: wireDate,
        modified: wireDate,
        images: [image('small', 'https://cdn.example.com/s.jpg', hostile), image('large', hostile)],
        location: location(hostile),
      },
      normalizePhoto,
    );
    expect(photo.value.images).toEqual({ small: { url: 'https://cdn.example.com/s.jpg', shortUrl: null } });
    expect(photo.value.location?.website).toBeNull();
    expect(photo.reports).toEqual([
      expect.stringMatching(/^item 9: images\.small\.shortUrl: not an http\(s\) URL/),
      expect.stringMatching(/^item 9: images\.large\.url: not an http\(s\) URL/),
      expect.stringMatching(/^item 9: location\.website: not an http\(s\) URL/),
    ]);

    const post = read(
      {
        id: 4,
        title: 'B',
        body: '<p>x</p>',
        status: 1,
        short_url: hostile,
        published: wireDate,
        created: wireDate,
        modified: wireDate,
        sticky: 0,
        exclusive: 0,
      },
      normalizeBlogEntry,
    );
    expect(post.value.shortUrl).toBeNull();
    const album = read(
      {
        id: 5,
        title: 'A',
        short_url: hostile,
        photo_count: 0,
        description: null,
        private: 0,
        exclusive: 0,
        created: wireDate,
        modified: wireDate,
        images: [],
        location: location(hostile),
      },
      normalizeAlbum,
    );
    expect(album.value).toMatchObject({ shortUrl: null, location: { website: null } });
    const playlist = read(
      {
        id: 6,
        title: 'L',
        description: null,
        created: wireDate,
        modified: wireDate,
        short_url: hostile,
        exclusive: 0,
        images: [image('thumbnail', hostile)],
        track_count: 1,
        tracks: [{ item: wireTrack({ embed_url: hostile }) }],
      },
      normalizePlaylist,
    );
    expect(playlist.value).toMatchObject({ shortUrl: null, images: {}, tracks: [{ embedUrl: null }] });
    expect(playlist.reports).toContainEqual(
      expect.stringMatching(/^item 6: tracks\.0\.embedUrl: not an http\(s\) URL/),
    );
  });

  it('keeps http(s) URLs exactly as sent', () => {
    const urls = [
      'https://cdn.stagebloc.com/production/photos/2/large/a.jpeg',
      'http://stgb.lc/p/Qf/t',
      'https://[::1]:8443/a?b=c#d',
      'https://bücher.example/ä',
    ];
    for (const url of urls) {
      const { value, reports } = read(wireTrack({ embed_url: url }), normalizeTrack);
      expect(value.embedUrl).toBe(url);
      expect(reports).toEqual([]);
    }
  });

  it('whatever a URL field holds, what comes out is null or an http(s) URL', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom(...HOSTILE_URLS), fc.string({ unit: 'binary' })),
        (value) => {
          const { value: track } = read(wireTrack({ embed_url: value, short_url: value }), normalizeTrack);
          for (const out of [track.embedUrl, track.shortUrl]) {
            if (out === null) continue;
            expect(out).toMatch(/^https?:\/\/[^\s]+$/i);
            expect(new URL(out).protocol).toMatch(/^https?:$/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('text', () => {
  it('holds no control character in any field, whatever was sent', () => {
    const controls = '\u0000\u0001\u0007\u0008\u000B\u000C\u000E\u001F\u007F\u0085\u009F\uFFFE\uFFFF\uD800';
    const { value } = read(
      {
        id: 4,
        title: `Ti${controls}tle`,
        body: `<p>a${controls}b</p>`,
        status: 1,
        short_url: null,
        published: wireDate,
        created: wireDate,
        modified: wireDate,
        sticky: 0,
        exclusive: 0,
        author: { id: 1, name: `K${controls}im` },
      },
      normalizeBlogEntry,
    );
    expect(value).toMatchObject({ title: 'Title', body: '<p>ab</p>', author: { name: 'Kim' } });
    // Tab, line feed and carriage return are text; an emoji's surrogate pair is one character.
    expect(withoutControlCharacters('a\tb\nc\rd 😀')).toBe('a\tb\nc\rd 😀');
    expect(read(wireTrack({ artist: '\u0001\u0002' }), normalizeTrack).value.artist).toBeNull();
  });
});

describe('HTML fields', () => {
  it('are cut at a bounded length or tag count, with one report saying what was over', () => {
    const long = `<p>${'a'.repeat(MAX_HTML_CHARACTERS)}</p>`;
    const deep = '<div>'.repeat(MAX_HTML_TAGS * 20);
    const longTrack = read(wireTrack({ description: long }), normalizeTrack);
    expect(longTrack.value.description).toHaveLength(MAX_HTML_CHARACTERS);
    expect(longTrack.reports).toEqual([
      expect.stringMatching(
        /^item 7: description: 200,007 characters, more than 200,000; published its first 200,000 characters$/,
      ),
    ]);
    const deepTrack = read(wireTrack({ description: deep }), normalizeTrack);
    expect(deepTrack.value.description).toBe('<div>'.repeat(MAX_HTML_TAGS));
    expect(deepTrack.reports).toEqual([
      expect.stringMatching(/^item 7: description: more than 10,000 tags; published its first 50,000 characters$/),
    ]);
    // Everyday HTML is untouched.
    expect(boundHtml('<p>Hello <b>there</b></p>')).toEqual({ html: '<p>Hello <b>there</b></p>' });
  });

  it('are cut at the 101st comment opener, which no real post reaches (a link full of them costs the sanitizer time per marker)', () => {
    const html = `<a href="${'y'.repeat(100_000)}${'x<!---->'.repeat(9_000)}">z</a>`;
    const bounded = boundHtml(html);
    expect(bounded.cut).toBe('more than 100 comments');
    expect(bounded.html.split('<!--')).toHaveLength(101);
    expect(boundHtml('<p>a</p><!-- one --><p>b</p>')).toEqual({ html: '<p>a</p><!-- one --><p>b</p>' });
  });

  it('publish no control character that a character reference stands for', () => {
    const html = '<p>a&#1;b&#x0B;c&#127;d&#xFFFE;e</p>';
    expect(sanitizeRichText(html)).toBe('<p>abcde</p>');
    expect(htmlToPlainText(html)).toBe('abcde');
  });

  it('never split a surrogate pair when cut', () => {
    const html = `${'a'.repeat(MAX_HTML_CHARACTERS - 1)}😀😀`;
    const { html: cut } = boundHtml(html);
    expect(cut).toHaveLength(MAX_HTML_CHARACTERS - 1);
    expect(isHttpUrl('https://example.com/')).toBe(true);
  });
});

describe('through the client', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 5 });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it.each(['json', 'xml'] as const)(
    '%s: each bad field is said once, however often its item is fetched',
    async (format) => {
      const track = sim.account.tracks[0]!;
      const saved = track.short_url;
      track.short_url = 'javascript:alert(document.domain)';
      try {
        const warnings: string[] = [];
        const client = createClient({
          accessToken: sim.token,
          baseUrl: sim.apiUrl,
          format,
          onLog: ({ level, message }) => level === 'warn' && warnings.push(message),
        });
        for (let i = 0; i < 3; i++) {
          const got = await client.tracks.get(track.id);
          expect(got.shortUrl).toBeNull();
        }
        expect((await client.tracks.list({ limit: 100 })).items.find((t) => t.id === track.id)?.shortUrl).toBeNull();
        expect(warnings).toEqual([
          `/audio/list: item ${track.id}: shortUrl: not an http(s) URL ("javascript:alert(document.domain)"); left out`,
        ]);
      } finally {
        track.short_url = saved;
      }
    },
  );
});
