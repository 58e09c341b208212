import fc from 'fast-check';
/** Normalization: what is tolerated, what is refused, and how refusals read. */
import { describe, expect, it } from 'vitest';
import { decodeList } from '../../src/client/decode/index.js';
import { StageBlocError, StageBlocParseError } from '../../src/client/errors.js';
import {
  normalizeAlbum,
  normalizeBlogEntry,
  normalizeList,
  normalizePhoto,
  normalizePlaylist,
  normalizeTrack,
  normalizeId,
  parseStageBlocDate,
} from '../../src/client/normalize.js';
import { serializeList, type WireRecord } from '../../src/wire/serialize.js';

const EP = '/audio/list';
const wireTrack = (overrides: WireRecord = {}): WireRecord => ({
  id: 311,
  title: 'Never Gonna Give You Up',
  artist: 'Rick Astley',
  raw_url: null,
  embed_url: 'http://cdn.example/311.mp3',
  short_url: 'http://stgb.lc/a/6n',
  description: 'Audio description here!',
  created: '2012-06-19 12:50:46',
  modified: '2012-07-20 16:18:57',
  length: '21',
  exclusive: true,
  private: false,
  download_details: {
    price: 0.5,
    fans_name_price: true,
    free_download_quality: 1,
    paid_download_quality: 2,
    free_download_require_follow: true,
    paid_download_require_follow: true,
  },
  ...overrides,
});
const track = (overrides: WireRecord = {}) => normalizeTrack(wireTrack(overrides), EP, 'json');

function errorOf(run: () => unknown): StageBlocError {
  try {
    run();
  } catch (error) {
    if (error instanceof StageBlocError) return error;
    throw new Error(`expected a StageBlocError, got ${String(error)}`);
  }
  throw new Error('expected a throw');
}

describe('tolerated representations', () => {
  it.each([
    [true, true],
    ['true', true],
    [1, true],
    ['1', true],
    [false, false],
    ['false', false],
    [0, false],
    ['0', false],
  ])('boolean %j → %j', (wire, expected) => {
    expect(track({ exclusive: wire }).exclusive).toBe(expected);
    expect(
      track({ download_details: { ...(wireTrack().download_details as WireRecord), fans_name_price: wire } })
        .downloadDetails?.fansNamePrice,
    ).toBe(expected);
  });

  it.each([
    ['21', 21],
    [21, 21],
    ['21.5', 21.5],
    [' 7 ', 7],
    [null, null],
    ['', null],
  ])('length %j → %j', (wire, expected) => {
    expect(track({ length: wire }).length).toBe(expected);
  });

  it('numbers as strings for ids, prices, counts and qualities', () => {
    const t = track({
      id: '311',
      download_details: {
        price: '0.50',
        fans_name_price: '1',
        free_download_quality: '0',
        paid_download_quality: '3',
        free_download_require_follow: '0',
        paid_download_require_follow: 'false',
      },
    });
    expect(t.id).toBe(311);
    expect(t.downloadDetails).toStrictEqual({
      price: 0.5,
      fansNamePrice: true,
      freeDownloadQuality: 0,
      paidDownloadQuality: 3,
      freeDownloadRequireFollow: false,
      paidDownloadRequireFollow: false,
    });
  });

  it('null, "" and absence all mean "no value" for nullable fields', () => {
    const { artist: _artist, raw_url: _rawUrl, download_details: _details, ...withoutOptionals } = wireTrack();
    for (const t of [
      track({ artist: null, raw_url: null, download_details: null }),
      track({ artist: '', raw_url: '', download_details: '' }),
      normalizeTrack(withoutOptionals, EP, 'json'),
    ]) {
      expect(t).toMatchObject({ artist: null, rawUrl: null, downloadDetails: null });
    }
  });

  it('an empty required string reads as "" (XML cannot tell it from null)', () => {
    expect(track({ title: '' }).title).toBe('');
    expect(track({ title: null }).title).toBe('');
  });

  it('HTML in descriptions is kept byte for byte', () => {
    const html = '<p onclick="x()">Hi &amp; <script>alert(1)</script></p>';
    expect(track({ description: html }).description).toBe(html);
  });

  it('absent private means public for blog entries and photos; absent location/author mean null', () => {
    const entry = normalizeBlogEntry(
      {
        id: 1,
        title: 'T',
        body: 'B',
        status: 1,
        published: '2012-06-25 12:30:00',
        created: '2012-06-25 12:30:53',
        modified: '2012-07-17 15:33:11',
        sticky: false,
        exclusive: true,
      },
      '/blog/list',
      'json',
    );
    expect(entry).toMatchObject({ private: false, author: null, shortUrl: null });
    const photo = normalizePhoto(
      { id: 2, exclusive: 0, created: '2012-07-23 21:16:29', modified: '2012-07-23 21:16:32' },
      '/photos/list',
      'xml',
    );
    expect(photo).toMatchObject({ private: false, location: null, images: {}, title: null });
  });

  it('a draft with the zero date or an empty <published/> has published null', () => {
    const base = {
      id: 1,
      title: 'Draft',
      status: '0',
      created: '2012-06-25 12:30:53',
      modified: '2012-06-25 12:30:53',
      sticky: 'false',
      exclusive: 'false',
    };
    for (const published of ['0000-00-00 00:00:00', null, '']) {
      expect(normalizeBlogEntry({ ...base, published }, '/blog/list', 'xml')).toMatchObject({
        status: 0,
        published: null,
      });
    }
  });

  it('images: keyed by size, unknown sizes ignored, the first of a size wins, short_url optional', () => {
    const album = normalizeAlbum(
      {
        id: 166,
        title: 'Cats',
        photo_count: '3',
        exclusive: false,
        created: '2011-11-16 13:31:57',
        modified: '2012-08-09 19:12:26',
        images: [
          { size: 'huge', short_url: 'h', embed_url: 'http://x/huge.jpeg' },
          { size: 'small', short_url: null, embed_url: 'http://x/s1.jpeg' },
          { size: 'small', short_url: 's2', embed_url: 'http://x/s2.jpeg' },
          { size: 'original', embed_url: 'http://x/o.jpeg' },
        ],
      },
      '/photos/albums/list',
      'json',
    );
    expect(album.images).toStrictEqual({
      small: { url: 'http://x/s1.jpeg', shortUrl: null },
      original: { url: 'http://x/o.jpeg', shortUrl: null },
    });
  });

  it('playlist tracks: absent → no key; empty element → []; records → tracks in order', () => {
    const base = {
      id: 40,
      title: 'P',
      created: '2012-04-16 11:30:19',
      modified: '2012-06-04 18:12:11',
      exclusive: true,
      track_count: 2,
      images: [],
    };
    expect('tracks' in normalizePlaylist(base, '/audio/playlists/list', 'json')).toBe(false);
    expect(normalizePlaylist({ ...base, tracks: null }, '/audio/playlists/list', 'xml').tracks).toStrictEqual([]);
    const withTracks = normalizePlaylist(
      { ...base, tracks: [wireTrack({ id: 2 }), wireTrack({ id: 1 })] },
      '/audio/playlists/list',
      'json',
    );
    expect(withTracks.tracks?.map((t) => t.id)).toStrictEqual([2, 1]);
  });
});

describe('refusals name the endpoint, the item and the field', () => {
  it('the message reads like "Malformed JSON from /audio/list: item 311: length: expected a number"', () => {
    const error = errorOf(() => track({ length: 'twenty-one' }));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error.message).toBe('Malformed JSON from /audio/list: item 311: length: expected a number');
  });

  it('normalizeList reports the format the list was decoded from', () => {
    const body = serializeList('xml', 1, [wireTrack({ length: 'long' })]);
    const error = errorOf(() => normalizeList(decodeList(body, 'xml', EP, 200), normalizeTrack, EP));
    expect(error).toMatchObject({ format: 'xml', endpoint: EP });
    expect(error.message).toBe('Malformed XML from /audio/list: item 311: length: expected a number');
  });

  it.each([
    [
      'free quality 4',
      { download_details: { ...(wireTrack().download_details as WireRecord), free_download_quality: 4 } },
      /item 311: download_details\.free_download_quality: expected a download quality 0-3$/,
    ],
    [
      'paid quality -1',
      { download_details: { ...(wireTrack().download_details as WireRecord), paid_download_quality: '-1' } },
      /download_details\.paid_download_quality/,
    ],
    [
      'quality 1.5',
      { download_details: { ...(wireTrack().download_details as WireRecord), paid_download_quality: 1.5 } },
      /paid_download_quality/,
    ],
    ['boolean "yes"', { exclusive: 'yes' }, /item 311: exclusive: expected a boolean/],
    ['boolean 2', { private: 2 }, /private: expected a boolean/],
    ['missing title', { title: undefined as unknown as string }, /item 311: title: missing \(expected a string\)/],
    ['id not a number', { id: 'abc' }, /item abc: id: expected a non-negative integer id/],
    ['fractional id', { id: 3.5 }, /id: expected a non-negative integer id/],
    [
      'price "free"',
      { download_details: { ...(wireTrack().download_details as WireRecord), price: 'free' } },
      /download_details\.price: expected a number/,
    ],
    ['a record where text belongs', { title: { a: 'b' } }, /title: expected a string/],
    ['ISO date', { created: '2012-06-19T12:50:46Z' }, /item 311: created: expected a date 'Y-m-d H:i:s'/],
    ['unpadded date', { modified: '2012-6-19 12:50:46' }, /modified: expected a date/],
    ['impossible date', { created: '2013-02-29 10:00:00' }, /created: expected a date/],
    ['zero date where a date is required', { created: '0000-00-00 00:00:00' }, /created: expected a date/],
  ])('%s', (_name, overrides, message) => {
    const wire = wireTrack(overrides as WireRecord);
    for (const [key, value] of Object.entries(wire)) if (value === undefined) delete wire[key];
    const error = errorOf(() => normalizeTrack(wire, EP, 'json'));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error.message).toMatch(message);
  });

  it('several problems: the first is named and the rest counted', () => {
    const error = errorOf(() => track({ length: 'x', exclusive: 'y', created: 'z' }));
    expect(error.message).toMatch(/item 311: .+ \(and 2 more problems\)$/);
  });

  it('an item without an id, and an item that is not a record, are still described', () => {
    expect(errorOf(() => normalizeTrack({ title: 't' }, EP, 'json')).message).toMatch(
      /item without an id: id: missing/,
    );
    expect(errorOf(() => normalizeTrack('311', EP, 'json')).message).toMatch(/item without an id: .*expected object/);
  });

  it('nested playlist tracks report their path', () => {
    const base = {
      id: 40,
      title: 'P',
      created: '2012-04-16 11:30:19',
      modified: '2012-06-04 18:12:11',
      exclusive: true,
      track_count: 1,
      images: [],
    };
    const error = errorOf(() =>
      normalizePlaylist({ ...base, tracks: [wireTrack({ length: 'x' })] }, '/audio/playlists/list', 'json'),
    );
    expect(error.message).toBe(
      'Malformed JSON from /audio/playlists/list: item 40: tracks.0.length: expected a number',
    );
  });

  it('blog status must be 0 or 1', () => {
    const base = {
      id: 1,
      title: 'T',
      created: '2012-06-25 12:30:53',
      modified: '2012-06-25 12:30:53',
      sticky: false,
      exclusive: false,
    };
    expect(errorOf(() => normalizeBlogEntry({ ...base, status: 2 }, '/blog/list', 'json')).message).toMatch(
      /status: expected a status 0/,
    );
  });
});

describe('parseStageBlocDate', () => {
  it.each([
    ['2012-06-19 12:50:46', '2012-06-19T12:50:46.000Z'],
    ['2012-02-29 23:59:59', '2012-02-29T23:59:59.000Z'],
    ['2000-01-01 00:00:00', '2000-01-01T00:00:00.000Z'],
    ['0099-12-31 00:00:00', '0099-12-31T00:00:00.000Z'],
    ['9999-12-31 23:59:59', '9999-12-31T23:59:59.000Z'],
  ])('%s is UTC %s', (text, iso) => {
    expect(parseStageBlocDate(text).toISOString()).toBe(iso);
  });

  it.each([
    '2013-02-29 00:00:00',
    '2012-04-31 00:00:00',
    '2012-13-01 00:00:00',
    '2012-00-10 00:00:00',
    '2012-06-19 24:00:00',
    '2012-06-19 12:60:00',
    '2012-06-19 12:00:60',
    '2012-06-19',
    '2012-06-19 12:50:46.123',
    ' 2012-06-19 12:50:46',
    '2012-06-19T12:50:46',
    '0000-00-00 00:00:00',
    '',
  ])('%j is refused', (text) => {
    expect(() => parseStageBlocDate(text)).toThrow(RangeError);
  });

  it('agrees with the ISO reading of the same instant for any digits, and refuses what that does not round-trip', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const parts = fc.tuple(
      fc.integer({ min: 0, max: 9999 }),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.integer({ min: 0, max: 24 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
    );
    fc.assert(
      fc.property(parts, ([y, mo, d, h, mi, s]) => {
        const iso = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.000Z`;
        const reference = new Date(iso);
        const real = y >= 1 && !Number.isNaN(reference.getTime()) && reference.toISOString() === iso;
        const text = `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} ${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}`;
        if (real) expect(parseStageBlocDate(text).toISOString()).toBe(iso);
        else expect(() => parseStageBlocDate(text)).toThrow(RangeError);
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 22 }), (text) => {
        const shaped = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text);
        if (!shaped) expect(() => parseStageBlocDate(text)).toThrow(RangeError);
      }),
    );
  });
});

describe('normalizeId', () => {
  it('checks the id as the full normalizers do and ignores the rest of the record', () => {
    expect(normalizeId({ id: '2797', title: { nonsense: true } }, '/photos/list', 'xml')).toBe(2797);
    expect(normalizeId({ id: 12 }, '/photos/list', 'json')).toBe(12);
    for (const raw of [{ id: 'abc' }, { id: -1 }, { title: 'no id' }, 'not a record']) {
      expect(() => normalizeId(raw, '/photos/list', 'json')).toThrow(StageBlocParseError);
    }
    expect(() => normalizeId({ id: 'abc' }, '/photos/list', 'json')).toThrow(/\/photos\/list/);
  });
});

describe('normalizeList', () => {
  it('keeps total and order', () => {
    const list = { format: 'json' as const, total: 99, items: [wireTrack({ id: 3 }), wireTrack({ id: 1 })] };
    const page = normalizeList(list, normalizeTrack, EP);
    expect(page.total).toBe(99);
    expect(page.items.map((t) => t.id)).toStrictEqual([3, 1]);
  });

  // A guard against per-item schema construction and similar regressions (benchmarks
  // decode 20,000 items; 5,000 keeps the suite quick). Measured: ~0.5 s for both formats.
  // Throughput is measured by `npm run bench` (decoding benchmark), not asserted here as wall time.
  it('decodes and normalizes 5,000 items in both formats', () => {
    const items = Array.from({ length: 5_000 }, (_, i) => wireTrack({ id: i + 1, title: `Track ${i}` }));
    for (const format of ['json', 'xml'] as const) {
      const page = normalizeList(
        decodeList(serializeList(format, items.length, items), format, EP, 200),
        normalizeTrack,
        EP,
      );
      expect(page.items).toHaveLength(5_000);
      expect(page.items[4_999]!.id).toBe(5_000);
    }
  });
});
