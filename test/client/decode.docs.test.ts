/**
 * The API docs' own example payloads, copied verbatim into test/fixtures/docs/.
 * Valid ones must decode to the documented values in both formats (and to the
 * same objects in both); the two broken photos examples must be parse errors.
 */
import { describe, expect, it } from 'vitest';
import { decodeJsonObject, decodeList } from '../../src/client/decode/index.js';
import { StageBlocApiError, StageBlocAuthError, StageBlocParseError } from '../../src/client/errors.js';
import {
  normalizeAlbum,
  normalizeBlogEntry,
  normalizePhoto,
  normalizePlaylist,
  normalizeTrack,
  type Normalizer,
} from '../../src/client/normalize.js';
import { FORMATS, docsImages, fixture, load, utc } from './docs-fixtures.js';

describe('docs example: /audio/list', () => {
  it.each(FORMATS)('%s decodes to the documented track', (format) => {
    const page = load('audio-list', format, '/audio/list', normalizeTrack);
    expect(page.total).toBe(18);
    expect(page.items).toStrictEqual([
      {
        id: 311,
        title: 'Never Gonna Give You Up',
        artist: 'Rick Astley',
        rawUrl: null,
        embedUrl: 'http://cdn.stagebloc.com/production/audio/1/mp3_128kb/5190_20120619_175046_1_311.mp3',
        shortUrl: 'http://stgb.lc/a/6n',
        description: 'Audio description here!',
        created: utc('2012-06-19T12:50:46'),
        modified: utc('2012-07-20T16:18:57'),
        length: 21,
        exclusive: true,
        private: false,
        downloadDetails: {
          price: 0.5,
          fansNamePrice: true,
          freeDownloadQuality: 1,
          paidDownloadQuality: 2,
          freeDownloadRequireFollow: true,
          paidDownloadRequireFollow: true,
        },
      },
    ]);
  });
});

describe('docs example: /audio/playlists/list', () => {
  it.each(FORMATS)('%s decodes to the documented playlist', (format) => {
    const page = load('playlists-list', format, '/audio/playlists/list', normalizePlaylist);
    expect(page.total).toBe(4);
    expect(page.items).toStrictEqual([
      {
        id: 40,
        title: 'Animal Sounds',
        description: 'Nature at its finest!',
        created: utc('2012-04-16T11:30:19'),
        modified: utc('2012-06-04T18:12:11'),
        shortUrl: 'http://stgb.lc/ap/G',
        exclusive: true,
        private: false,
        downloadDetails: {
          price: 1.6,
          fansNamePrice: false,
          freeDownloadQuality: 0,
          paidDownloadQuality: 2,
          freeDownloadRequireFollow: false,
          paidDownloadRequireFollow: true,
        },
        images: docsImages('PZ', '20120717_144734_1_2783'),
        trackCount: 6,
      },
    ]);
    // Without include_tracks the key is absent, not an empty list.
    expect('tracks' in page.items[0]!).toBe(false);
  });
});

describe('docs example: /blog/list', () => {
  it.each(FORMATS)('%s decodes to the documented entry', (format) => {
    const page = load('blog-list', format, '/blog/list', normalizeBlogEntry);
    expect(page.total).toBe(486);
    expect(page.items).toStrictEqual([
      {
        id: 6317,
        title: '50 Shades of Grey',
        body: 'Lions, tables, and chairs, oh my!',
        status: 1,
        shortUrl: 'http://stgb.lc/b/2SV',
        published: utc('2012-06-25T12:30:00'),
        created: utc('2012-06-25T12:30:53'),
        modified: utc('2012-07-17T15:33:11'),
        sticky: false,
        exclusive: true,
        private: false, // absent in the docs' example
        author: { id: 8, name: 'Demo Admin' },
      },
    ]);
  });
});

describe('docs example: /photos/albums/list', () => {
  it.each(FORMATS)('%s decodes to the documented album', (format) => {
    const page = load('albums-list', format, '/photos/albums/list', normalizeAlbum);
    expect(page.total).toBe(14);
    expect(page.items).toStrictEqual([
      {
        id: 166,
        title: 'Cats',
        shortUrl: 'http://stgb.lc/pa/3S',
        photoCount: 3,
        description: 'Cats will one day rule the world!',
        private: false,
        exclusive: false,
        created: utc('2011-11-16T13:31:57'),
        modified: utc('2012-08-09T19:12:26'),
        images: docsImages('zn', '20111116_193157_1_1935'),
        location: {
          id: 7,
          name: 'The Rave',
          website: 'http://therave.com',
          address: {
            streetAddress: '12345 Street',
            city: 'Milwaukee',
            stateProvince: 'WI',
            postalCode: '53103',
            country: 'USA',
          },
        },
      },
    ]);
  });
});

describe('docs example: /photos/list (broken in the docs)', () => {
  it('the JSON example, with its stray quote after "created", is a parse error naming the endpoint', () => {
    const body = fixture('photos-list.json');
    expect(body).toContain('"created": "2012-07-23 21:16:29","'); // really the verbatim copy
    const error = catchError(() => decodeList(body, 'json', '/photos/list', 200));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error).toMatchObject({ endpoint: '/photos/list', format: 'json', code: 'PARSE_ERROR' });
    expect((error as Error).message).toMatch(/^Malformed JSON from \/photos\/list: /);
  });

  it('the XML example, with its `embed_url>` lines missing "<", is a parse error, not silently wrong data', () => {
    const body = fixture('photos-list.xml');
    expect(body).toMatch(/^\s+embed_url>/m);
    const error = catchError(() => decodeList(body, 'xml', '/photos/list', 200));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error).toMatchObject({ endpoint: '/photos/list', format: 'xml' });
    expect((error as Error).message).toMatch(/^Malformed XML from \/photos\/list: .*embed_url/);
  });

  const expectedPhoto = {
    id: 2797,
    title: 'Surface of Mars',
    description: 'Yay Curiosity!',
    exclusive: false,
    private: false,
    created: utc('2012-07-23T21:16:29'),
    images: docsImages('Qe', '20120724_021629_1_2797'),
    location: {
      id: 5,
      name: 'Allen Hall',
      website: 'http://illinois.edu',
      address: {
        streetAddress: '1005 West Gregory Avenue',
        city: 'Urbana',
        stateProvince: 'IL',
        postalCode: '61801',
        country: 'USA',
      },
    },
  };

  // The docs' two photo examples disagree on `modified` (XML 2012-07-23 21:16:32, JSON
  // 2012-08-09 17:35:23), so the corrected pair is compared field by field, not deep-equal.
  it.each([
    ['json', utc('2012-08-09T17:35:23')],
    ['xml', utc('2012-07-23T21:16:32')],
  ] as const)('the corrected %s copy decodes to the documented photo', (format, modified) => {
    const page = load('photos-list.corrected', format, '/photos/list', normalizePhoto);
    expect(page.total).toBe(153);
    expect(page.items).toStrictEqual([{ ...expectedPhoto, modified }]);
  });

  it('the corrected copies differ from the verbatim ones only in the broken lines', () => {
    const changedLines = (a: string, b: string) => {
      const x = a.split('\n');
      const y = b.split('\n');
      expect(y).toHaveLength(x.length);
      return x.flatMap((line, i) => (line === y[i] ? [] : [[line, y[i]]]));
    };
    expect(changedLines(fixture('photos-list.json'), fixture('photos-list.corrected.json'))).toEqual([
      ['                "created": "2012-07-23 21:16:29","', '                "created": "2012-07-23 21:16:29",'],
    ]);
    const xmlChanges = changedLines(fixture('photos-list.xml'), fixture('photos-list.corrected.xml'));
    expect(xmlChanges).toHaveLength(4);
    for (const [before, after] of xmlChanges) expect(after).toBe(before!.replace('embed_url>', '<embed_url>'));
  });
});

describe('docs examples: JSON and XML give deep-equal results', () => {
  const pairs: Array<[string, string, Normalizer<unknown>]> = [
    ['audio-list', '/audio/list', normalizeTrack],
    ['playlists-list', '/audio/playlists/list', normalizePlaylist],
    ['blog-list', '/blog/list', normalizeBlogEntry],
    ['albums-list', '/photos/albums/list', normalizeAlbum],
  ];
  it.each(pairs)('%s', (name, endpoint, normalize) => {
    const fromJson = load(name, 'json', endpoint, normalize);
    const fromXml = load(name, 'xml', endpoint, normalize);
    expect(fromJson.items.length).toBeGreaterThan(0);
    expect(fromXml).toStrictEqual(fromJson);
  });
});

describe('docs example: error envelope', () => {
  it.each([
    ['json', 'Description of error.'],
    ['xml', 'No audio with an ound.'],
  ] as const)('%s on HTTP 200 is a StageBlocApiError with the message', (format, message) => {
    const error = catchError(() => decodeList(fixture(`error.${format}`), format, '/audio/edit', 200));
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect(error).toMatchObject({ apiMessage: message, endpoint: '/audio/edit', status: 200, code: 'API_ERROR' });
  });

  it.each(FORMATS)('%s on HTTP 422 keeps the status', (format) => {
    const error = catchError(() => decodeList(fixture(`error.${format}`), format, '/audio/edit', 422));
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect(error).toMatchObject({ status: 422 });
  });

  it.each(FORMATS)('%s on HTTP 401 is an auth error carrying the message', (format) => {
    const error = catchError(() => decodeList(fixture(`error.${format}`), format, '/audio/list', 401));
    expect(error).toBeInstanceOf(StageBlocAuthError);
    expect(error).toMatchObject({ status: 401, endpoint: '/audio/list' });
    expect((error as Error).message).toMatch(/token rejected/i);
  });
});

describe('docs example: /oauth2/token', () => {
  it('decodes as a JSON object', () => {
    expect(decodeJsonObject(fixture('token.json'), '/oauth2/token')).toStrictEqual({
      access_token: '<access_token_here>',
      scope: 'non-expiring',
    });
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}
