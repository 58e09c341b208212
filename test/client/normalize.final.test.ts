/**
 * Field readings of the final docs' records that their examples do not show: prices as
 * numbers, ages as "21+", the undocumented `sold_out` in every plausible spelling, wall-clock
 * dates with a `T`, collaborators in every wrapping, and fields that cannot be published
 * as sent (left out with one report each).
 */
import { describe, expect, it } from 'vitest';
import { decodeList } from '../../src/client/decode/index.js';
import { StageBlocParseError } from '../../src/client/errors.js';
import {
  normalizeAccount,
  normalizeEvent,
  normalizeList,
  normalizeStatus,
  normalizeVideo,
} from '../../src/client/normalize.js';
import { serializeList, type WireRecord } from '../../src/wire/serialize.js';

const EVENT: WireRecord = {
  id: 7,
  title: 'Show',
  created: '2020-01-01 10:00:00',
  modified: '2020-01-02 10:00:00',
  start_date: '2026-03-04 20:00:00',
};

const event = (fields: WireRecord) => normalizeEvent({ ...EVENT, ...fields }, '/events/list', 'json');

describe('event fields', () => {
  it('reads the minimal event: absent optional fields are null, false or empty', () => {
    expect(event({})).toMatchObject({
      description: null,
      endDate: null,
      price: null,
      currency: null,
      buyLink: null,
      minimumAge: null,
      soldOut: false,
      private: false,
      images: {},
      location: null,
      collaborators: [],
    });
  });

  it.each([
    [1, true],
    ['1', true],
    [true, true],
    ['true', true],
    ['yes', true],
    ['YES', true],
    [0, false],
    ['0', false],
    [false, false],
    ['false', false],
    ['no', false],
    [null, false],
    ['maybe', false],
  ] as const)('sold_out %j reads as %s (never an error: the field is undocumented)', (value, expected) => {
    expect(event({ sold_out: value }).soldOut).toBe(expected);
  });

  it('reads prices as written, numbers as their decimal text, and drops a currency without a price', () => {
    expect(event({ price: '1.50', currency: 'USD' })).toMatchObject({ price: '1.50', currency: 'USD' });
    expect(event({ price: 12, currency: 'EUR' })).toMatchObject({ price: '12', currency: 'EUR' });
    expect(event({ price: ' 0.00 ' })).toMatchObject({ price: '0.00' });
    expect(event({ price: '', currency: 'USD' })).toMatchObject({ price: null, currency: null });
    expect(() => event({ price: 'free' })).toThrow(StageBlocParseError);
    expect(() => event({ price: '-1' })).toThrow(/price/);
  });

  it('reads minimum ages as numbers or "21+"', () => {
    expect(event({ minimum_age: 21 }).minimumAge).toBe(21);
    expect(event({ minimum_age: '18+' }).minimumAge).toBe(18);
    expect(event({ minimum_age: '0' }).minimumAge).toBe(0);
    expect(event({ minimum_age: '' }).minimumAge).toBeNull();
    expect(() => event({ minimum_age: 'adults' })).toThrow(/minimum_age/);
  });

  it('keeps dates as the venue wall clock, with or without a T; a zero end date is none', () => {
    expect(event({ start_date: '2026-03-04T20:00:00', end_date: '0000-00-00 00:00:00' })).toMatchObject({
      startDate: '2026-03-04T20:00:00',
      endDate: null,
    });
    expect(() => event({ start_date: null })).toThrow(/start_date/);
    expect(() => event({ start_date: '2026-02-30 20:00:00' })).toThrow(/start_date/);
  });

  it('leaves out links that are not http(s), one report each, and strips control characters', () => {
    const reports: string[] = [];
    const item = normalizeEvent(
      {
        ...EVENT,
        title: 'Sh\u0007ow',
        buy_link: 'javascript:alert(1)',
        collaborators: [{ name: 'Guest', website: 'data:text/html,x' }],
      },
      '/events/list',
      'json',
      (message) => reports.push(message),
    );
    expect(item.title).toBe('Show');
    expect(item.buyLink).toBeNull();
    expect(item.collaborators).toEqual([{ id: null, name: 'Guest', website: null }]);
    expect(reports).toEqual([
      expect.stringMatching(/^item 7: buyLink: not an http\(s\) URL/),
      expect.stringMatching(/^item 7: collaborators\.0\.website: not an http\(s\) URL/),
    ]);
  });
});

describe('collaborators in every wrapping give the same list', () => {
  const collaborators = [
    { id: 16, name: 'Dirt Nasty', website: 'http://dirtnastymusic.com/' },
    { id: 17, name: 'Ada Brennan', website: null },
  ];
  const expected = [
    { id: 16, name: 'Dirt Nasty', website: 'http://dirtnastymusic.com/' },
    { id: 17, name: 'Ada Brennan', website: null },
  ];
  const read = (format: 'json' | 'xml', body: string) =>
    normalizeList(decodeList(body, format, '/events/list', 200), normalizeEvent, '/events/list').items[0]!
      .collaborators;

  it.each([
    ['the docs (collaborator)', undefined, ['json', 'xml']],
    ['item', { collaborators: 'item' }, ['json', 'xml']],
    ['bare', { collaborators: null }, ['json']],
  ] as const)('wrapped as %s', (_name, wrapping, formats) => {
    for (const format of formats) {
      expect(read(format, serializeList(format, 1, [{ ...EVENT, collaborators }], wrapping))).toEqual(expected);
    }
  });

  it('one member without a list (XML) and an empty element', () => {
    const one = serializeList('xml', 1, [{ ...EVENT, collaborators: [collaborators[0]!] }], { collaborators: null });
    expect(read('xml', one)).toEqual([expected[0]]);
    expect(read('xml', serializeList('xml', 1, [{ ...EVENT, collaborators: [] }]))).toEqual([]);
    expect(read('json', serializeList('json', 1, [{ ...EVENT, collaborators: null }]))).toEqual([]);
  });
});

describe('video, status and account fields', () => {
  it('bounds embed codes like other HTML and checks raw_url', () => {
    const reports: string[] = [];
    const video = normalizeVideo(
      {
        id: 1,
        title: 'V',
        created: EVENT.created!,
        modified: EVENT.modified!,
        raw_url: 'ftp://example.com/v',
        embed_code: '<iframe src="https://www.youtube.com/embed/x"></iframe>',
      },
      '/videos/list',
      'xml',
      (message) => reports.push(message),
    );
    expect(video.rawUrl).toBeNull();
    expect(video.embedCode).toBe('<iframe src="https://www.youtube.com/embed/x"></iframe>');
    expect(reports).toHaveLength(1);
  });

  it('needs a status text and its published date', () => {
    expect(
      normalizeStatus({ id: 3, text: 'hi', published: '2024-01-01 00:00:00' }, '/statuses/list', 'json'),
    ).toMatchObject({ author: null, url: null });
    expect(() => normalizeStatus({ id: 3, text: 'hi' }, '/statuses/list', 'json')).toThrow(/published/);
  });

  it('reads `authenticated` as any boolean, absent as false', () => {
    expect(normalizeAccount({ id: 2, name: 'A', authenticated: '1' }, '/accounts/list', 'xml').authenticated).toBe(
      true,
    );
    expect(normalizeAccount({ id: 2, name: 'A' }, '/accounts/list', 'xml')).toMatchObject({
      authenticated: false,
      stageblocUrl: null,
      images: {},
    });
  });
});
