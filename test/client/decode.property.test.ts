/**
 * Property tests for the wire format: random model objects written by the
 * shared serializer (in both formats, with every tolerated representation of
 * numbers, booleans and missing values) decode and normalize back to the same
 * objects; random corruptions of valid documents give a StageBloc* error or
 * valid data, never a raw TypeError/SyntaxError.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeList } from '../../src/client/decode/index.js';
import { StageBlocError } from '../../src/client/errors.js';
import {
  IMAGE_SIZES,
  type Album,
  type BlogEntry,
  type DownloadDetails,
  type Format,
  type ImageSet,
  type Location,
  type Photo,
  type Playlist,
  type Track,
} from '../../src/client/model.js';
import {
  normalizeAlbum,
  normalizeBlogEntry,
  normalizeList,
  normalizePhoto,
  normalizePlaylist,
  normalizeTrack,
  type Normalizer,
} from '../../src/client/normalize.js';
import {
  serializeError,
  serializeList,
  type ListWrapping,
  type WireRecord,
  type WireValue,
} from '../../src/wire/serialize.js';

const NUM_RUNS = 120;

// ---------------------------------------------------------------- model values

/** Characters XML 1.0 can carry and the client publishes (no DEL or C1 controls either). */
const isXmlChar = (s: string) => /^[\t\n\r\x20-\x7E\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u.test(s);
/** Text the serializer can carry unchanged and the client keeps: no characters XML 1.0 forbids, no controls. */
const textUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '&',
      '<',
      '>',
      '"',
      "'",
      '\r',
      '\r\n',
      '\n',
      '\t',
      ' ',
      '/',
      '\\',
      ']]>',
      '&amp;',
      '&#13;',
      '<![CDATA[',
      '<!DOCTYPE',
      'é',
      '😀',
      '\u2028',
      '<p>Hi</p>',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter(isXmlChar) },
);
const text = fc.string({ unit: textUnit, maxLength: 24 });
const nullableText = fc.option(
  text.filter((s) => s !== ''),
  { nil: null },
);
/** URL fields hold http(s) URLs (anything else is left out; see the URL property below). */
const url = fc.webUrl({ validSchemes: ['http', 'https'], withQueryParameters: true, withFragments: true });
const nullableUrl = fc.option(url, { nil: null });
const wholeSecondDate = fc
  .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));
const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const count = fc.nat({ max: 1_000_000 });
const amount = fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x));
const quality = fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const);

const downloadDetails: fc.Arbitrary<DownloadDetails> = fc.record({
  price: amount,
  fansNamePrice: fc.boolean(),
  freeDownloadQuality: quality,
  paidDownloadQuality: quality,
  freeDownloadRequireFollow: fc.boolean(),
  paidDownloadRequireFollow: fc.boolean(),
});
const imageSet: fc.Arbitrary<ImageSet> = fc
  .uniqueArray(fc.constantFrom(...IMAGE_SIZES), { maxLength: 5 })
  .chain((sizes) =>
    fc.tuple(...sizes.map((size) => fc.record({ size: fc.constant(size), url, shortUrl: nullableUrl }))),
  )
  .map((images) => Object.fromEntries(images.map(({ size, url, shortUrl }) => [size, { url, shortUrl }])));
const location: fc.Arbitrary<Location> = fc.record({
  id,
  name: text,
  website: nullableUrl,
  address: fc.option(
    fc.record({
      streetAddress: nullableText,
      city: nullableText,
      stateProvince: nullableText,
      postalCode: nullableText,
      country: nullableText,
    }),
    { nil: null },
  ),
});

const track: fc.Arbitrary<Track> = fc.record({
  id,
  title: text,
  artist: nullableText,
  rawUrl: nullableUrl,
  embedUrl: nullableUrl,
  shortUrl: nullableUrl,
  description: nullableText,
  created: wholeSecondDate,
  modified: wholeSecondDate,
  length: fc.option(fc.oneof(count, amount), { nil: null }),
  exclusive: fc.boolean(),
  private: fc.boolean(),
  downloadDetails: fc.option(downloadDetails, { nil: null }),
});
const playlist: fc.Arbitrary<Playlist> = fc
  .record({
    id,
    title: text,
    description: nullableText,
    created: wholeSecondDate,
    modified: wholeSecondDate,
    shortUrl: nullableUrl,
    exclusive: fc.boolean(),
    private: fc.boolean(),
    downloadDetails: fc.option(downloadDetails, { nil: null }),
    images: imageSet,
    trackCount: count,
    tracks: fc.option(fc.array(track, { maxLength: 3 }), { nil: undefined }),
  })
  .map(({ tracks, ...rest }) => (tracks === undefined ? rest : { ...rest, tracks }));
const blogEntry: fc.Arbitrary<BlogEntry> = fc.record({
  id,
  title: text,
  body: nullableText,
  status: fc.constantFrom(0 as const, 1 as const),
  shortUrl: nullableUrl,
  published: fc.option(wholeSecondDate, { nil: null }),
  created: wholeSecondDate,
  modified: wholeSecondDate,
  sticky: fc.boolean(),
  exclusive: fc.boolean(),
  private: fc.boolean(),
  author: fc.option(fc.record({ id, name: text }), { nil: null }),
});
const photo: fc.Arbitrary<Photo> = fc.record({
  id,
  title: nullableText,
  description: nullableText,
  exclusive: fc.boolean(),
  private: fc.boolean(),
  created: wholeSecondDate,
  modified: wholeSecondDate,
  images: imageSet,
  location: fc.option(location, { nil: null }),
});
const album: fc.Arbitrary<Album> = fc.record({
  id,
  title: text,
  shortUrl: nullableUrl,
  photoCount: count,
  description: nullableText,
  private: fc.boolean(),
  exclusive: fc.boolean(),
  created: wholeSecondDate,
  modified: wholeSecondDate,
  images: imageSet,
  location: fc.option(location, { nil: null }),
});

// ---------------------------------------------------------------- model → wire, in any tolerated representation

/** Marks a key to leave out of the wire record. */
const ABSENT = Symbol('absent');
type WireChoice = WireValue | typeof ABSENT;
type WireShape = { [key: string]: fc.Arbitrary<WireChoice> };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const wireDate = (d: Date) =>
  `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;

const asBoolean = (b: boolean) => fc.constantFrom<WireChoice>(b, b ? 1 : 0, b ? '1' : '0', b ? 'true' : 'false');
const asNumber = (n: number) => fc.constantFrom<WireChoice>(n, String(n));
const asText = (s: string) => fc.constant<WireChoice>(s);
/** null, an empty value, or (where the docs let fields be omitted) no key at all. */
const asNothing = (canBeAbsent: boolean) =>
  fc.constantFrom<WireChoice>(null, '', ...(canBeAbsent ? ([ABSENT] as WireChoice[]) : []));
const asNullable = <T>(value: T | null, present: (v: T) => fc.Arbitrary<WireChoice>) =>
  value === null ? asNothing(true) : present(value);
const asPrivate = (b: boolean) => (b ? asBoolean(true) : fc.oneof(asBoolean(false), fc.constant<WireChoice>(ABSENT)));

function wireRecord(shape: WireShape): fc.Arbitrary<WireRecord> {
  return fc.record(shape).map((choices) => {
    const record: WireRecord = {};
    for (const [key, value] of Object.entries(choices)) if (value !== ABSENT) record[key] = value;
    return record;
  });
}
const nested = (arb: fc.Arbitrary<WireRecord>) => arb as fc.Arbitrary<WireChoice>;

const wireDownloadDetails = (d: DownloadDetails) =>
  wireRecord({
    price: asNumber(d.price),
    fans_name_price: asBoolean(d.fansNamePrice),
    free_download_quality: asNumber(d.freeDownloadQuality),
    paid_download_quality: asNumber(d.paidDownloadQuality),
    free_download_require_follow: asBoolean(d.freeDownloadRequireFollow),
    paid_download_require_follow: asBoolean(d.paidDownloadRequireFollow),
  });
/** The set's images in random order, plus sizes the client does not know (to be ignored). */
const wireImages = (images: ImageSet): fc.Arbitrary<WireChoice> => {
  const known = Object.entries(images).map(([size, image]) =>
    wireRecord({ size: asText(size), short_url: asNullable(image.shortUrl, asText), embed_url: asText(image.url) }),
  );
  const unknown = fc.array(
    wireRecord({
      size: fc.constantFrom<WireChoice>('xlarge', 'square'),
      short_url: asText('s'),
      embed_url: asText('u'),
    }),
    { maxLength: 2 },
  );
  return fc
    .tuple(fc.tuple(...known), unknown)
    .chain(([k, u]) => fc.shuffledSubarray([...k, ...u], { minLength: k.length + u.length }))
    .chain((list) =>
      list.length === 0 && Object.keys(images).length === 0
        ? fc.constantFrom<WireChoice>([], null, ABSENT)
        : fc.constant(list),
    );
};
const wireLocation = (l: Location) =>
  wireRecord({
    id: asNumber(l.id),
    name: asText(l.name),
    website: asNullable(l.website, asText),
    address: asNullable(l.address, (a) =>
      nested(
        wireRecord({
          street_address: asNullable(a.streetAddress, asText),
          city: asNullable(a.city, asText),
          state_province: asNullable(a.stateProvince, asText),
          postal_code: asNullable(a.postalCode, asText),
          country: asNullable(a.country, asText),
        }),
      ),
    ),
  });

const wireTrack = (t: Track) =>
  wireRecord({
    id: asNumber(t.id),
    title: asText(t.title),
    artist: asNullable(t.artist, asText),
    raw_url: asNullable(t.rawUrl, asText),
    embed_url: asNullable(t.embedUrl, asText),
    short_url: asNullable(t.shortUrl, asText),
    description: asNullable(t.description, asText),
    created: asText(wireDate(t.created)),
    modified: asText(wireDate(t.modified)),
    length: asNullable(t.length, asNumber),
    exclusive: asBoolean(t.exclusive),
    private: asPrivate(t.private),
    download_details: asNullable(t.downloadDetails, (d) => nested(wireDownloadDetails(d))),
  });
const wirePlaylist = (p: Playlist) =>
  wireRecord({
    id: asNumber(p.id),
    title: asText(p.title),
    description: asNullable(p.description, asText),
    created: asText(wireDate(p.created)),
    modified: asText(wireDate(p.modified)),
    short_url: asNullable(p.shortUrl, asText),
    exclusive: asBoolean(p.exclusive),
    private: asPrivate(p.private),
    download_details: asNullable(p.downloadDetails, (d) => nested(wireDownloadDetails(d))),
    images: wireImages(p.images),
    track_count: asNumber(p.trackCount),
    tracks:
      p.tracks === undefined ? fc.constant(ABSENT) : (fc.tuple(...p.tracks.map(wireTrack)) as fc.Arbitrary<WireChoice>),
  });
const wireBlogEntry = (b: BlogEntry) =>
  wireRecord({
    id: asNumber(b.id),
    title: asText(b.title),
    body: asNullable(b.body, asText),
    status: asNumber(b.status),
    short_url: asNullable(b.shortUrl, asText),
    published:
      b.published === null
        ? fc.constantFrom<WireChoice>(null, '', '0000-00-00 00:00:00', ABSENT)
        : asText(wireDate(b.published)),
    created: asText(wireDate(b.created)),
    modified: asText(wireDate(b.modified)),
    sticky: asBoolean(b.sticky),
    exclusive: asBoolean(b.exclusive),
    private: asPrivate(b.private),
    author: asNullable(b.author, (a) => nested(wireRecord({ id: asNumber(a.id), name: asText(a.name) }))),
  });
const wirePhoto = (p: Photo) =>
  wireRecord({
    id: asNumber(p.id),
    title: asNullable(p.title, asText),
    description: asNullable(p.description, asText),
    exclusive: asBoolean(p.exclusive),
    private: asPrivate(p.private),
    created: asText(wireDate(p.created)),
    modified: asText(wireDate(p.modified)),
    images: wireImages(p.images),
    location: asNullable(p.location, (l) => nested(wireLocation(l))),
  });
const wireAlbum = (a: Album) =>
  wireRecord({
    id: asNumber(a.id),
    title: asText(a.title),
    short_url: asNullable(a.shortUrl, asText),
    photo_count: asNumber(a.photoCount),
    description: asNullable(a.description, asText),
    private: asPrivate(a.private),
    exclusive: asBoolean(a.exclusive),
    created: asText(wireDate(a.created)),
    modified: asText(wireDate(a.modified)),
    images: wireImages(a.images),
    location: asNullable(a.location, (l) => nested(wireLocation(l))),
  });

interface Kind<T> {
  endpoint: string;
  model: fc.Arbitrary<T>;
  toWire: (value: T) => fc.Arbitrary<WireRecord>;
  normalize: Normalizer<T>;
}
const KINDS = {
  tracks: { endpoint: '/audio/list', model: track, toWire: wireTrack, normalize: normalizeTrack } as Kind<Track>,
  playlists: {
    endpoint: '/audio/playlists/list',
    model: playlist,
    toWire: wirePlaylist,
    normalize: normalizePlaylist,
  } as Kind<Playlist>,
  blog: {
    endpoint: '/blog/list',
    model: blogEntry,
    toWire: wireBlogEntry,
    normalize: normalizeBlogEntry,
  } as Kind<BlogEntry>,
  photos: { endpoint: '/photos/list', model: photo, toWire: wirePhoto, normalize: normalizePhoto } as Kind<Photo>,
  albums: {
    endpoint: '/photos/albums/list',
    model: album,
    toWire: wireAlbum,
    normalize: normalizeAlbum,
  } as Kind<Album>,
};

/** A list of model objects together with one wire rendering of them. */
function listCase<T>(kind: Kind<T>) {
  return (
    fc
      .array(kind.model, { maxLength: 4 })
      .chain((models) => fc.tuple(fc.constant(models), fc.tuple(...models.map(kind.toWire)), fc.nat({ max: 500 })))
      // fc.record builds null-prototype objects; the client returns ordinary ones.
      .map(([models, wires, extra]) => ({ models: structuredClone(models), wires, total: models.length + extra }))
  );
}

// ---------------------------------------------------------------- round trip

describe.each(Object.entries(KINDS) as Array<[string, Kind<unknown>]>)('round trip: %s', (_name, kind) => {
  it.each(['json', 'xml'] as const)('%s: serializeList → decodeList → normalizeList gives back the model', (format) => {
    fc.assert(
      fc.property(listCase(kind), ({ models, wires, total }) => {
        const body = serializeList(format, total, wires);
        const page = normalizeList(decodeList(body, format, kind.endpoint, 200), kind.normalize, kind.endpoint);
        expect(page).toStrictEqual({ total, items: models });
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('round trip: error envelope', () => {
  it.each(['json', 'xml'] as const)('%s: the message comes back as written (trimmed)', (format) => {
    fc.assert(
      fc.property(
        text.filter((m) => m.trim() !== ''),
        fc.constantFrom(200, 400, 404, 422, 500),
        (message, status) => {
          try {
            decodeList(serializeError(format, message), format, '/audio/edit', status);
          } catch (error) {
            expect(error).toMatchObject({ code: 'API_ERROR', apiMessage: message.trim(), status });
            return;
          }
          throw new Error('no error thrown');
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

// ---------------------------------------------------------------- other wrappings of the same lists

/** The longest list under each key anywhere in the records (XML can write a member bare only alone). */
function longestLists(
  records: WireRecord[],
  into = new Map<string, number>([['items', records.length]]),
): Map<string, number> {
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      if (Array.isArray(value)) {
        into.set(key, Math.max(into.get(key) ?? 0, value.length));
        longestLists(value, into);
      } else if (value !== null && typeof value === 'object') {
        longestLists([value], into);
      }
    }
  }
  return into;
}

const SINGULAR: Record<string, string> = { items: 'item', images: 'image', tracks: 'track' };

/** Per list key: `item`, the key's singular, or bare (XML: only where no list under the key has two members). */
function wrappingFor(format: Format, wires: WireRecord[]): fc.Arbitrary<ListWrapping> {
  const longest = longestLists(wires);
  const choices = Object.fromEntries(
    Object.keys(SINGULAR).map((key) => {
      const bareOk = format === 'json' || (longest.get(key) ?? 0) <= 1;
      return [key, fc.constantFrom<string | null>('item', SINGULAR[key]!, ...(bareOk ? [null] : []))];
    }),
  );
  return fc.record(choices) as fc.Arbitrary<ListWrapping>;
}

/** JSON: every one-member list written as that member, without the array. */
function withoutSingletonArrays(body: string): string {
  const strip = (value: unknown, key: string | undefined): unknown => {
    if (Array.isArray(value)) {
      const members = value.map((v) => strip(v, undefined));
      return key !== undefined && key in SINGULAR && members.length === 1 ? members[0] : members;
    }
    if (value === null || typeof value !== 'object') return value;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v, k)]));
  };
  return JSON.stringify(strip(JSON.parse(body), undefined));
}

describe.each(Object.entries(KINDS) as Array<[string, Kind<unknown>]>)('other wrappings: %s', (_name, kind) => {
  it.each(['json', 'xml'] as const)(
    '%s: members bare, in item or in the singular, alone or not, give the same objects',
    (format) => {
      fc.assert(
        fc.property(
          listCase(kind).chain((list) => fc.tuple(fc.constant(list), wrappingFor(format, list.wires), fc.boolean())),
          ([{ wires, total }, wrapping, singletonsBare]) => {
            const read = (body: string) =>
              normalizeList(decodeList(body, format, kind.endpoint, 200), kind.normalize, kind.endpoint);
            const reference = read(serializeList(format, total, wires));
            let variant = serializeList(format, total, wires, wrapping);
            if (format === 'json' && singletonsBare) variant = withoutSingletonArrays(variant);
            expect(read(variant)).toStrictEqual(reference);
          },
        ),
        { numRuns: NUM_RUNS },
      );
    },
  );
});

// ---------------------------------------------------------------- corruption

const FIXTURES = new URL('../fixtures/docs/', import.meta.url);
const docsSeeds: Array<{ body: string; format: Format; kind: Kind<unknown> }> = [
  ['audio-list', KINDS.tracks],
  ['playlists-list', KINDS.playlists],
  ['blog-list', KINDS.blog],
  ['photos-list.corrected', KINDS.photos],
  ['albums-list', KINDS.albums],
  ['error', KINDS.tracks],
].flatMap(([name, kind]) =>
  (['json', 'xml'] as const).map((format) => ({
    body: readFileSync(new URL(`${name as string}.${format}`, FIXTURES), 'utf8'),
    format,
    kind: kind as Kind<unknown>,
  })),
);

const generatedSeed = fc
  .tuple(
    fc.constantFrom(...(Object.values(KINDS) as Kind<unknown>[])),
    fc.constantFrom('json' as const, 'xml' as const),
  )
  .chain(([kind, format]) =>
    listCase(kind).map(({ wires, total }) => ({ body: serializeList(format, total, wires), format, kind })),
  );
const seed = fc.oneof(fc.constantFrom(...docsSeeds), generatedSeed);

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const noise = fc.string({
  unit: fc.constantFrom(
    '<',
    '>',
    '/',
    '&',
    ';',
    '#',
    '"',
    "'",
    '{',
    '}',
    '[',
    ']',
    ',',
    ':',
    '\\',
    '!',
    '?',
    '=',
    '-',
    'x',
    '0',
    '9',
    '.',
    ' ',
    '\n',
    '\u0000',
    '\uFEFF',
    '\uD800',
    '<!DOCTYPE a>',
    '<![CDATA[',
    ']]>',
    '&#0;',
    '&#x110000;',
    '&lt;',
    'null',
    'true',
    '"item":',
    '<item>',
    '</item>',
    '<items/>',
    '__proto__',
  ),
  minLength: 1,
  maxLength: 4,
});
type Corruption =
  | { kind: 'truncate'; at: number }
  | { kind: 'replace'; at: number; with: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'whitespace'; at: number; text: string };
const corruption: fc.Arbitrary<Corruption> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: position,
    with: fc.oneof(noise, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: position, text: noise }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 16 }) }),
  // Often harmless (between tokens, inside text), so some corrupted documents stay valid.
  fc.record({ kind: fc.constant('whitespace' as const), at: position, text: fc.constantFrom(' ', '\n', '\t', '\r\n') }),
);

function corrupt(body: string, c: Corruption): string {
  const i = Math.floor(c.at * body.length);
  switch (c.kind) {
    case 'truncate':
      return body.slice(0, i);
    case 'replace':
      return body.slice(0, i) + c.with + body.slice(i + 1);
    case 'insert':
    case 'whitespace':
      return body.slice(0, i) + c.text + body.slice(i);
    case 'delete':
      return body.slice(0, i) + body.slice(i + c.length);
  }
}

describe('corrupted documents', () => {
  it('give a StageBloc* error or valid data, never a raw exception', () => {
    let errors = 0;
    let successes = 0;
    fc.assert(
      fc.property(
        seed,
        fc.array(corruption, { minLength: 1, maxLength: 2 }),
        fc.constantFrom(200, 200, 200, 201, 401, 404, 500),
        ({ body, format, kind }, corruptions, status) => {
          const broken = corruptions.reduce(corrupt, body);
          let page: { total: number; items: unknown[] };
          try {
            page = normalizeList(decodeList(broken, format, kind.endpoint, status), kind.normalize, kind.endpoint);
          } catch (error) {
            if (!(error instanceof StageBlocError)) throw error; // a raw TypeError/SyntaxError fails the property
            expect(error.endpoint).toBe(kind.endpoint);
            errors++;
            return;
          }
          successes++;
          // Data only ever comes back for a success status, and it is the normalized shape.
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(300);
          expect(Number.isSafeInteger(page.total)).toBe(true);
          for (const item of page.items) expect(typeof (item as { id: unknown }).id).toBe('number');
        },
      ),
      { numRuns: 600 },
    );
    // Both outcomes must actually occur, or the property says nothing.
    expect(errors).toBeGreaterThan(100);
    expect(successes).toBeGreaterThan(10);
  });
});
