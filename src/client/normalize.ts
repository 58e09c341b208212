/**
 * Normalization: raw records from either wire format (snake_case keys, values
 * that may be strings, numbers or booleans depending on the format and on the
 * docs' own inconsistencies) become exactly the model types in model.ts.
 *
 * What is tolerated, because the docs themselves show it:
 * - numbers as strings (`"length": "21"`, `<price>0.50</price>`);
 * - booleans as true/false, "true"/"false", 1/0, "1"/"0";
 * - null, an empty element and "" all mean "no value" for nullable fields (XML
 *   cannot tell them apart, so JSON's "" is read the same way to keep both
 *   formats equal); a required string that is empty reads as "";
 * - absent `private` (blog entries and photos omit it) means false; absent
 *   nullable fields (location, download_details, author, …) mean null;
 * - `published` as MySQL's zero date "0000-00-00 00:00:00" means unpublished (null);
 * - a blog entry's older `user {id, email, name}` stands in for a missing `author`;
 * - an event's `price` as a string or a number, `minimum_age` as `21` or `"21+"`, and an
 *   undocumented `sold_out` (1/0, true/false, yes/no; anything else or absent is false);
 * - an event's `start_date`/`end_date` as `Y-m-d H:i:s` or `Y-m-dTH:i:s` (kept as wall-clock text).
 * Everything else that does not fit is a StageBlocParseError naming the
 * endpoint, the item id and the field path.
 *
 * Schemas are built once at module load: lists can hold tens of thousands of items.
 */
import { z } from 'zod';
import { StageBlocParseError } from './errors.js';
import {
  IMAGE_SIZES,
  type Account,
  type Album,
  type BlogEntry,
  type Collaborator,
  type Event,
  type Status,
  type TokenInfo,
  type Video,
  type WallClockTime,
  type DownloadDetails,
  type DownloadQuality,
  type Format,
  type ImageSet,
  type ImageSize,
  type ListPage,
  type Location,
  type Photo,
  type Playlist,
  type Track,
} from './model.js';
import type { RawList } from './decode/raw.js';
import { withoutControlCharacters } from '../text/control-characters.js';
import { isHttpUrl } from '../text/urls.js';
import { boundHtml } from '../text/html-bounds.js';

// ---------------------------------------------------------------- dates

const ZERO_DATE = '0000-00-00 00:00:00';
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number in `count` ASCII digits at `start`, or -1. */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * `Y-m-d H:i:s` in UTC, or undefined when the text is not exactly that or names no real
 * instant. Read character by character: every item has several dates, and a regular
 * expression with its match array was a measurable share of normalizing a list.
 */
function tryParseStageBlocDate(text: string): Date | undefined {
  if (
    text.length !== 19 ||
    text.charCodeAt(4) !== 45 /* - */ ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 32 /* space */ ||
    text.charCodeAt(13) !== 58 /* : */ ||
    text.charCodeAt(16) !== 58
  ) {
    return undefined;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (
    year < 1 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59
  ) {
    return undefined;
  }
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Date.UTC maps years 0-99 to 1900-1999 (which have the same leap years).
  if (year < 100) date.setUTCFullYear(year);
  return date;
}

/** Parses StageBloc's `Y-m-d H:i:s` (UTC) strictly; throws RangeError on anything else. */
export function parseStageBlocDate(text: string): Date {
  const date = tryParseStageBlocDate(text);
  if (date === undefined)
    throw new RangeError(`Not a StageBloc date (Y-m-d H:i:s): ${JSON.stringify(text.slice(0, 40))}`);
  return date;
}

// ---------------------------------------------------------------- scalar fields

const INVALID: unique symbol = Symbol('invalid');
type Coerce<T> = (value: unknown) => T | typeof INVALID;

/**
 * One field: a plain coercion function wrapped as a zod schema, so the error
 * says what was expected ("length: expected a number") rather than zod's
 * generic union message.
 */
function field<T>(expected: string, coerce: Coerce<T>) {
  // `.optional()` on the input lets an absent key reach the coercion, which
  // decides whether absence is fine (null, false) or "missing".
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const result = coerce(value);
      if (result === INVALID) {
        ctx.addIssue({
          code: 'custom',
          message: value === undefined ? `missing (expected ${expected})` : `expected ${expected}`,
          input: value,
        });
        return z.NEVER;
      }
      return result;
    });
}

// Plain decimal notation, plus the exponent form JavaScript and PHP print for very large/small numbers.
const DECIMAL_TEXT = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

const toNumber: Coerce<number> = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID;
  if (typeof v === 'string' && DECIMAL_TEXT.test(v)) return Number(v);
  return INVALID;
};
const toNonNegativeInteger: Coerce<number> = (v) => {
  const n = toNumber(v);
  return n !== INVALID && Number.isSafeInteger(n) && n >= 0 ? n : INVALID;
};
const toBoolean: Coerce<boolean> = (v) => {
  switch (typeof v === 'string' ? v.trim() : v) {
    case true:
    case 1:
    case 'true':
    case '1':
      return true;
    case false:
    case 0:
    case 'false':
    case '0':
      return false;
    default:
      return INVALID;
  }
};
const isBlank = (v: unknown): boolean => v === undefined || v === null || v === '';
// Every string the client returns goes through here: none holds a control character.
const toText: Coerce<string> = (v) =>
  typeof v === 'string'
    ? withoutControlCharacters(v)
    : typeof v === 'number' && Number.isFinite(v)
      ? String(v)
      : INVALID;
const toRequiredText: Coerce<string> = (v) => (v === null ? '' : toText(v));
const toDate: Coerce<Date> = (v) => (typeof v === 'string' ? (tryParseStageBlocDate(v) ?? INVALID) : INVALID);

function orNull<T>(coerce: Coerce<T>): Coerce<T | null> {
  return (v) => (isBlank(v) ? null : coerce(v));
}
function inRange<T extends number>(coerce: Coerce<number>, allowed: readonly T[]): Coerce<T> {
  return (v) => {
    const n = coerce(v);
    return n !== INVALID && (allowed as readonly number[]).includes(n) ? (n as T) : INVALID;
  };
}

const id = field('a non-negative integer id', toNonNegativeInteger);
const count = field('a non-negative integer', toNonNegativeInteger);
const price = field('a number', toNumber);
const seconds = field('a number', orNull(toNumber));
const flag = field('a boolean (true/false/1/0)', toBoolean);
const flagDefaultFalse = field('a boolean (true/false/1/0)', (v) => (v === undefined ? false : toBoolean(v)));
const text = field('a string', toRequiredText);
const optionalText = field('a string or null', (v) => {
  const value = orNull(toText)(v);
  // Text that held nothing but control characters holds nothing.
  return value === '' ? null : value;
});
const date = field("a date 'Y-m-d H:i:s'", toDate);
const optionalDate = field("a date 'Y-m-d H:i:s' or null", (v) => (v === ZERO_DATE ? null : orNull(toDate)(v)));
const quality = field('a download quality 0-3', inRange<DownloadQuality>(toNonNegativeInteger, [0, 1, 2, 3]));
const blogStatus = field('a status 0 (draft) or 1 (published)', inRange<0 | 1>(toNonNegativeInteger, [0, 1]));

/** `Y-m-d H:i:s` (or with a `T`) as ISO text without an offset; the wall clock is not converted. */
const toWallClock: Coerce<WallClockTime> = (v) => {
  if (typeof v !== 'string') return INVALID;
  const text = v.trim();
  const spaced = text.length === 19 && text[10] === 'T' ? `${text.slice(0, 10)} ${text.slice(11)}` : text;
  return tryParseStageBlocDate(spaced) === undefined ? INVALID : `${spaced.slice(0, 10)}T${spaced.slice(11)}`;
};
const wallClock = field("a date 'Y-m-d H:i:s'", toWallClock);
const optionalWallClock = field("a date 'Y-m-d H:i:s' or null", (v) =>
  v === ZERO_DATE ? null : orNull(toWallClock)(v),
);

/** A price as written (`"1.50"` stays `"1.50"`); a number becomes its shortest decimal text. */
const toPriceText: Coerce<string> = (v) => {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? String(v) : INVALID;
  if (typeof v === 'string' && DECIMAL_TEXT.test(v) && !v.includes('-')) return v.trim();
  return INVALID;
};
const priceText = field('a price such as "1.50", or null', orNull(toPriceText));

// `21` and, as an admin might type it, `"21+"`.
const AGE_TEXT = /^\s*(\d{1,3})\s*\+?\s*$/;
const minimumAge = field(
  'an age such as 21 or "21+", or null',
  orNull((v) => {
    if (typeof v === 'number') return toNonNegativeInteger(v);
    const match = typeof v === 'string' ? AGE_TEXT.exec(v) : null;
    return match ? Number(match[1]) : INVALID;
  }),
);

/** Undocumented flags (`sold_out`): read when they can be, false otherwise, never an error. */
const undocumentedFlag = field('a boolean', (v) => {
  const word = typeof v === 'string' ? v.trim().toLowerCase() : v;
  if (word === 'yes') return true;
  if (word === 'no') return false;
  const value = toBoolean(word);
  return value === INVALID ? false : value;
});

/** An id that may be absent (collaborators): a present one must still be an id. */
const optionalId = field('a non-negative integer id or null', orNull(toNonNegativeInteger));

/** A nested record that may be absent, null or an empty element: all mean null. */
function optionalRecord<T extends z.ZodType>(schema: T) {
  return z
    .unknown()
    .optional()
    .transform((v) => (isBlank(v) || (typeof v === 'string' && v.trim() === '') ? null : v))
    .pipe(schema.nullable());
}

// ---------------------------------------------------------------- records

export const downloadDetailsSchema = z
  .object({
    price,
    fans_name_price: flag,
    free_download_quality: quality,
    paid_download_quality: quality,
    free_download_require_follow: flag,
    paid_download_require_follow: flag,
  })
  .transform(
    (d): DownloadDetails => ({
      price: d.price,
      fansNamePrice: d.fans_name_price,
      freeDownloadQuality: d.free_download_quality,
      paidDownloadQuality: d.paid_download_quality,
      freeDownloadRequireFollow: d.free_download_require_follow,
      paidDownloadRequireFollow: d.paid_download_require_follow,
    }),
  );

const imageSchema = z.object({ size: text, short_url: optionalText, embed_url: text });

const isImageSize = (size: string): size is ImageSize => (IMAGE_SIZES as readonly string[]).includes(size);

/** `[{size, short_url, embed_url}]` → a map keyed by size; unknown sizes are ignored, the first of a size wins. */
export const imageSetSchema = optionalRecord(z.array(imageSchema)).transform((images): ImageSet => {
  const set: ImageSet = {};
  for (const image of images ?? []) {
    if (isImageSize(image.size) && set[image.size] === undefined) {
      set[image.size] = { url: image.embed_url, shortUrl: image.short_url };
    }
  }
  return set;
});

const addressSchema = z
  .object({
    street_address: optionalText,
    city: optionalText,
    state_province: optionalText,
    postal_code: optionalText,
    country: optionalText,
  })
  .transform((a) => ({
    streetAddress: a.street_address,
    city: a.city,
    stateProvince: a.state_province,
    postalCode: a.postal_code,
    country: a.country,
  }));

export const locationSchema = z
  .object({ id, name: text, website: optionalText, address: optionalRecord(addressSchema) })
  .transform((l): Location => ({ id: l.id, name: l.name, website: l.website, address: l.address }));

const authorSchema = z.object({ id, name: text }).transform((a) => ({ id: a.id, name: a.name }));

/**
 * The 2013 server's `user {id, email, name}` in place of `author`: read for its id and name
 * only (the email is never kept), and, being undocumented, ignored when it cannot be read.
 */
const legacyUserSchema = z
  .unknown()
  .optional()
  .transform((v) => {
    const user = authorSchema.safeParse(v);
    return user.success && user.data.name.trim() !== '' ? user.data : null;
  });

export const trackSchema = z
  .object({
    id,
    title: text,
    artist: optionalText,
    raw_url: optionalText,
    embed_url: optionalText,
    short_url: optionalText,
    description: optionalText,
    created: date,
    modified: date,
    length: seconds,
    exclusive: flag,
    private: flagDefaultFalse,
    download_details: optionalRecord(downloadDetailsSchema),
  })
  .transform((t) => ({
    id: t.id,
    title: t.title,
    artist: t.artist,
    rawUrl: t.raw_url,
    embedUrl: t.embed_url,
    shortUrl: t.short_url,
    description: t.description,
    created: t.created,
    modified: t.modified,
    length: t.length,
    exclusive: t.exclusive,
    private: t.private,
    downloadDetails: t.download_details,
  }));

export const playlistSchema = z
  .object({
    id,
    title: text,
    description: optionalText,
    created: date,
    modified: date,
    short_url: optionalText,
    exclusive: flag,
    private: flagDefaultFalse,
    download_details: optionalRecord(downloadDetailsSchema),
    images: imageSetSchema,
    track_count: count,
    // Only with include_tracks=1; an empty element / null is an empty playlist.
    tracks: z
      .unknown()
      .optional()
      .transform((v) => (v === null || v === '' ? [] : v))
      .pipe(z.array(trackSchema).optional()),
  })
  .transform((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    created: p.created,
    modified: p.modified,
    shortUrl: p.short_url,
    exclusive: p.exclusive,
    private: p.private,
    downloadDetails: p.download_details,
    images: p.images,
    trackCount: p.track_count,
    ...(p.tracks === undefined ? {} : { tracks: p.tracks }),
  }));

export const blogEntrySchema = z
  .object({
    id,
    title: text,
    body: optionalText,
    status: blogStatus,
    short_url: optionalText,
    published: optionalDate,
    created: date,
    modified: date,
    sticky: flag,
    exclusive: flag,
    private: flagDefaultFalse,
    author: optionalRecord(authorSchema),
    user: legacyUserSchema,
  })
  .transform((b) => ({
    id: b.id,
    title: b.title,
    body: b.body,
    status: b.status,
    shortUrl: b.short_url,
    published: b.published,
    created: b.created,
    modified: b.modified,
    sticky: b.sticky,
    exclusive: b.exclusive,
    private: b.private,
    author: b.author ?? b.user,
  }));

export const photoSchema = z
  .object({
    id,
    title: optionalText,
    description: optionalText,
    exclusive: flag,
    private: flagDefaultFalse,
    created: date,
    modified: date,
    images: imageSetSchema,
    location: optionalRecord(locationSchema),
  })
  .transform((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    exclusive: p.exclusive,
    private: p.private,
    created: p.created,
    modified: p.modified,
    images: p.images,
    location: p.location,
  }));

export const albumSchema = z
  .object({
    id,
    title: text,
    short_url: optionalText,
    photo_count: count,
    description: optionalText,
    private: flagDefaultFalse,
    exclusive: flag,
    created: date,
    modified: date,
    images: imageSetSchema,
    location: optionalRecord(locationSchema),
  })
  .transform((a) => ({
    id: a.id,
    title: a.title,
    shortUrl: a.short_url,
    photoCount: a.photo_count,
    description: a.description,
    private: a.private,
    exclusive: a.exclusive,
    created: a.created,
    modified: a.modified,
    images: a.images,
    location: a.location,
  }));

const collaboratorSchema = z
  .object({ id: optionalId, name: text, website: optionalText })
  .transform((c): Collaborator => ({ id: c.id, name: c.name, website: c.website }));

/** A list of records that may be absent, null or an empty element: all mean none. */
function optionalList<T extends z.ZodType>(schema: T) {
  return optionalRecord(z.array(schema)).transform((list): Array<z.output<T>> => list ?? []);
}

export const eventSchema = z
  .object({
    id,
    title: text,
    description: optionalText,
    url: optionalText,
    short_url: optionalText,
    created: date,
    modified: date,
    start_date: wallClock,
    end_date: optionalWallClock,
    price: priceText,
    currency: optionalText,
    buy_link: optionalText,
    minimum_age: minimumAge,
    sold_out: undocumentedFlag,
    private: flagDefaultFalse,
    images: imageSetSchema,
    location: optionalRecord(locationSchema),
    collaborators: optionalList(collaboratorSchema),
  })
  .transform(
    (e): Event => ({
      id: e.id,
      title: e.title,
      description: e.description,
      url: e.url,
      shortUrl: e.short_url,
      created: e.created,
      modified: e.modified,
      startDate: e.start_date,
      endDate: e.end_date,
      price: e.price,
      // A currency says nothing without a price.
      currency: e.price === null ? null : e.currency,
      buyLink: e.buy_link,
      minimumAge: e.minimum_age,
      soldOut: e.sold_out,
      private: e.private,
      images: e.images,
      location: e.location,
      collaborators: e.collaborators,
    }),
  );

export const videoSchema = z
  .object({
    id,
    title: text,
    description: optionalText,
    url: optionalText,
    short_url: optionalText,
    raw_url: optionalText,
    created: date,
    modified: date,
    embed_code: optionalText,
    private: flagDefaultFalse,
    images: imageSetSchema,
  })
  .transform(
    (v): Video => ({
      id: v.id,
      title: v.title,
      description: v.description,
      url: v.url,
      shortUrl: v.short_url,
      rawUrl: v.raw_url,
      created: v.created,
      modified: v.modified,
      embedCode: v.embed_code,
      private: v.private,
      images: v.images,
    }),
  );

export const statusSchema = z
  .object({
    id,
    text,
    url: optionalText,
    short_url: optionalText,
    published: date,
    author: optionalRecord(authorSchema),
    private: flagDefaultFalse,
  })
  .transform(
    (s): Status => ({
      id: s.id,
      text: s.text,
      url: s.url,
      shortUrl: s.short_url,
      published: s.published,
      author: s.author,
      private: s.private,
    }),
  );

export const accountSchema = z
  .object({
    id,
    name: text,
    stagebloc_url: optionalText,
    authenticated: flagDefaultFalse,
    description: optionalText,
    images: imageSetSchema,
  })
  .transform(
    (a): Account => ({
      id: a.id,
      name: a.name,
      stageblocUrl: a.stagebloc_url,
      authenticated: a.authenticated,
      description: a.description,
      images: a.images,
    }),
  );

// `access_token` is not read: the answer repeats the token, and nothing may keep it.
export const tokenInfoSchema = z
  .object({
    account: optionalRecord(
      z
        .object({ id, name: text, stagebloc_url: optionalText })
        .transform((a) => ({ id: a.id, name: a.name, stageblocUrl: a.stagebloc_url })),
    ),
    user: optionalRecord(authorSchema),
    application: optionalRecord(
      z
        .object({ name: text, description: optionalText })
        .transform((a) => ({ name: a.name, description: a.description })),
    ),
  })
  .transform((t): TokenInfo => ({ account: t.account, user: t.user, application: t.application }));

// The schemas must produce exactly the model types, in both directions.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _SchemaMatchesModel = [
  Assert<Same<z.output<typeof trackSchema>, Track>>,
  Assert<Same<z.output<typeof playlistSchema>, Playlist>>,
  Assert<Same<z.output<typeof blogEntrySchema>, BlogEntry>>,
  Assert<Same<z.output<typeof photoSchema>, Photo>>,
  Assert<Same<z.output<typeof albumSchema>, Album>>,
  Assert<Same<z.output<typeof downloadDetailsSchema>, DownloadDetails>>,
  Assert<Same<z.output<typeof locationSchema>, Location>>,
  Assert<Same<z.output<typeof imageSetSchema>, ImageSet>>,
  Assert<Same<z.output<typeof eventSchema>, Event>>,
  Assert<Same<z.output<typeof videoSchema>, Video>>,
  Assert<Same<z.output<typeof statusSchema>, Status>>,
  Assert<Same<z.output<typeof accountSchema>, Account>>,
  Assert<Same<z.output<typeof tokenInfoSchema>, TokenInfo>>,
];

// ---------------------------------------------------------------- fields that are not published as sent

/**
 * Something in a field that cannot be published as sent, and was left out or cut: `field`
 * is its path in the model (`images.large.url`), `problem` says what and what was done.
 */
export type FieldReport = (field: string, problem: string) => void;

/** A URL field: http(s) or null. */
function checkedUrl(value: string | null, field: string, report: FieldReport): string | null {
  if (value === null || isHttpUrl(value)) return value;
  report(field, `not an http(s) URL (${JSON.stringify(value.slice(0, 60))}); left out`);
  return null;
}

/** An HTML field: at most MAX_HTML_CHARACTERS and MAX_HTML_TAGS (see text/html-bounds.ts). */
function checkedHtml(value: string | null, field: string, report: FieldReport): string | null {
  if (value === null) return value;
  const bounded = boundHtml(value);
  if (bounded.cut)
    report(field, `${bounded.cut}; published its first ${bounded.html.length.toLocaleString('en-US')} characters`);
  return bounded.html;
}

/** Image sizes whose file URL is not http(s) are left out; a bad short link becomes null. */
function checkImages(images: ImageSet, report: FieldReport): void {
  for (const size of IMAGE_SIZES) {
    const image = images[size];
    if (!image) continue;
    if (checkedUrl(image.url, `images.${size}.url`, report) === null) {
      delete images[size];
      continue;
    }
    image.shortUrl = checkedUrl(image.shortUrl, `images.${size}.shortUrl`, report);
  }
}

function checkLocation(location: Location | null, report: FieldReport): void {
  if (location) location.website = checkedUrl(location.website, 'location.website', report);
}

const within =
  (prefix: string, report: FieldReport): FieldReport =>
  (field, problem) =>
    report(`${prefix}.${field}`, problem);

function checkTrack(t: Track, report: FieldReport): void {
  t.rawUrl = checkedUrl(t.rawUrl, 'rawUrl', report);
  t.embedUrl = checkedUrl(t.embedUrl, 'embedUrl', report);
  t.shortUrl = checkedUrl(t.shortUrl, 'shortUrl', report);
  t.description = checkedHtml(t.description, 'description', report);
}

function checkPlaylist(p: Playlist, report: FieldReport): void {
  p.shortUrl = checkedUrl(p.shortUrl, 'shortUrl', report);
  p.description = checkedHtml(p.description, 'description', report);
  checkImages(p.images, report);
  for (const [i, track] of (p.tracks ?? []).entries()) checkTrack(track, within(`tracks.${i}`, report));
}

function checkBlogEntry(b: BlogEntry, report: FieldReport): void {
  b.shortUrl = checkedUrl(b.shortUrl, 'shortUrl', report);
  b.body = checkedHtml(b.body, 'body', report);
}

function checkPhoto(p: Photo, report: FieldReport): void {
  p.description = checkedHtml(p.description, 'description', report);
  checkImages(p.images, report);
  checkLocation(p.location, report);
}

function checkAlbum(a: Album, report: FieldReport): void {
  a.shortUrl = checkedUrl(a.shortUrl, 'shortUrl', report);
  a.description = checkedHtml(a.description, 'description', report);
  checkImages(a.images, report);
  checkLocation(a.location, report);
}

function checkEvent(e: Event, report: FieldReport): void {
  e.url = checkedUrl(e.url, 'url', report);
  e.shortUrl = checkedUrl(e.shortUrl, 'shortUrl', report);
  e.buyLink = checkedUrl(e.buyLink, 'buyLink', report);
  e.description = checkedHtml(e.description, 'description', report);
  checkImages(e.images, report);
  checkLocation(e.location, report);
  for (const [i, c] of e.collaborators.entries())
    c.website = checkedUrl(c.website, `collaborators.${i}.website`, report);
}

function checkVideo(v: Video, report: FieldReport): void {
  v.url = checkedUrl(v.url, 'url', report);
  v.shortUrl = checkedUrl(v.shortUrl, 'shortUrl', report);
  v.rawUrl = checkedUrl(v.rawUrl, 'rawUrl', report);
  v.description = checkedHtml(v.description, 'description', report);
  v.embedCode = checkedHtml(v.embedCode, 'embedCode', report);
  checkImages(v.images, report);
}

function checkStatus(s: Status, report: FieldReport): void {
  s.url = checkedUrl(s.url, 'url', report);
  s.shortUrl = checkedUrl(s.shortUrl, 'shortUrl', report);
}

function checkAccount(a: Account, report: FieldReport): void {
  checkImages(a.images, report);
}

// ---------------------------------------------------------------- entry points

/**
 * Normalizes one raw record; `format` only shapes the error message. Fields that cannot be
 * published as sent (a URL that is not http(s), an oversized HTML field) are left out or
 * cut, and each is told to `report` as `item <id>: <field>: <problem>`.
 */
export type Normalizer<T> = (raw: unknown, endpoint: string, format: Format, report?: (message: string) => void) => T;

function normalizerFor<T extends { id: number }>(
  schema: z.ZodType<T>,
  check?: (item: T, report: FieldReport) => void,
): Normalizer<T> {
  // zod's ahead-of-time compiled parser is faster on large lists; invalid
  // input falls back to the regular parser, so error reports are unchanged.
  const compiled = z.compile(schema);
  return (raw, endpoint, format, report) => {
    const result = compiled.safeParse(raw);
    if (!result.success) throw new StageBlocParseError(describeFailure(raw, result.error), endpoint, format);
    const item = result.data;
    check?.(item, (field, problem) => report?.(`item ${item.id}: ${field}: ${problem}`));
    return item;
  };
}

export const normalizeTrack: Normalizer<Track> = normalizerFor(trackSchema, checkTrack);
export const normalizePlaylist: Normalizer<Playlist> = normalizerFor(playlistSchema, checkPlaylist);
export const normalizeBlogEntry: Normalizer<BlogEntry> = normalizerFor(blogEntrySchema, checkBlogEntry);
export const normalizePhoto: Normalizer<Photo> = normalizerFor(photoSchema, checkPhoto);
export const normalizeAlbum: Normalizer<Album> = normalizerFor(albumSchema, checkAlbum);
export const normalizeEvent: Normalizer<Event> = normalizerFor(eventSchema, checkEvent);
export const normalizeVideo: Normalizer<Video> = normalizerFor(videoSchema, checkVideo);
export const normalizeStatus: Normalizer<Status> = normalizerFor(statusSchema, checkStatus);
export const normalizeAccount: Normalizer<Account> = normalizerFor(accountSchema, checkAccount);

/** `/oauth2/token/info`'s one item (it has no id of its own). */
export const normalizeTokenInfo: Normalizer<TokenInfo> = (raw, endpoint, format) => {
  const result = tokenInfoSchema.safeParse(raw);
  if (!result.success)
    throw new StageBlocParseError(
      describeFailure(raw, result.error).replace(/^item without an id/, 'token info'),
      endpoint,
      format,
    );
  return result.data;
};

const normalizeIdRecord = normalizerFor(z.object({ id }));
/** Only a record's `id`, checked as the full normalizers check it: for lists read for their ids alone. */
export const normalizeId: Normalizer<number> = (raw, endpoint, format) => normalizeIdRecord(raw, endpoint, format).id;

export function normalizeList<T>(
  list: RawList,
  normalize: Normalizer<T>,
  endpoint: string,
  report?: (message: string) => void,
): ListPage<T> {
  const items: T[] = new Array(list.items.length);
  for (let i = 0; i < list.items.length; i++) items[i] = normalize(list.items[i], endpoint, list.format, report);
  return { total: list.total, items };
}

/** `item 311: length: expected a number` (first issue; the count of the others). */
function describeFailure(raw: unknown, error: z.ZodError): string {
  const rawId =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)['id'] : undefined;
  const label =
    typeof rawId === 'number' || (typeof rawId === 'string' && rawId.trim() !== '')
      ? `item ${String(rawId).trim().slice(0, 40)}`
      : 'item without an id';
  const [first, ...rest] = error.issues;
  if (first === undefined) return `${label}: invalid`;
  const path = first.path.length > 0 ? `${first.path.map(String).join('.')}: ` : '';
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length === 1 ? '' : 's'})` : '';
  return `${label}: ${path}${first.message}${more}`;
}
