/**
 * The final 2.0 docs' example payloads (accounts, events, statuses, videos, token info),
 * copied verbatim into test/fixtures/docs/. They must decode to the documented values in
 * both formats; where the two formats' examples disagree (an event's `modified` and
 * description, a video's raw_url scheme) each is checked against its own text.
 */
import { describe, expect, it } from 'vitest';
import { decodeList } from '../../src/client/decode/index.js';
import { StageBlocParseError } from '../../src/client/errors.js';
import {
  normalizeAccount,
  normalizeEvent,
  normalizeStatus,
  normalizeTokenInfo,
  normalizeVideo,
} from '../../src/client/normalize.js';
import { FORMATS, docsImages, fixture, load, utc } from './docs-fixtures.js';

describe('docs example: /events/list', () => {
  it.each([
    ['json', utc('2012-08-10T08:57:38'), "It's the end of the world we know it..."],
    ['xml', utc('2012-08-10T08:47:24'), "It's the end of the world as we know it..."],
  ] as const)('%s decodes to the documented event', (format, modified, description) => {
    const page = load('events-list', format, '/events/list', normalizeEvent);
    expect(page.total).toBe(3);
    expect(page.items).toStrictEqual([
      {
        id: 115,
        title: 'End of The World',
        description,
        url: 'http://stagebloc.com/demo/events/115',
        shortUrl: 'http://stgb.lc/e/2Z',
        created: utc('2012-01-04T08:19:53'),
        modified,
        startDate: '2013-01-04T13:00:00',
        endDate: '2013-01-04T16:00:00',
        price: '1.50',
        currency: 'USD',
        buyLink: 'http://www.eventbrite.com/event/3906955810/es2?rank=1',
        minimumAge: 21,
        soldOut: false,
        private: false,
        images: docsImages('Qg', '20120810_134720_1_2799'),
        location: {
          id: 14,
          name: 'Best Place On Earth',
          website: null,
          address: {
            streetAddress: '12345 Awesome Street',
            city: 'Big Bend',
            stateProvince: 'WI',
            postalCode: '53103',
            country: 'USA',
          },
        },
        collaborators: [{ id: 16, name: 'Dirt Nasty', website: 'http://dirtnastymusic.com/' }],
      },
    ]);
  });
});

describe('docs example: /videos/list', () => {
  const embedCode =
    '<iframe width="460" height="259" src="http://www.youtube.com/embed/oHg5SJYRHA0?fs=1&feature=oembed&wmode=transparent" frameborder="0" allowfullscreen></iframe>';
  it.each([
    ['json', 'https://www.youtube.com/watch?v=oHg5SJYRHA0'],
    ['xml', 'http://www.youtube.com/watch?v=oHg5SJYRHA0'],
  ] as const)('%s decodes to the documented video (total "29" read as 29)', (format, rawUrl) => {
    const page = load('videos-list', format, '/videos/list', normalizeVideo);
    expect(page.total).toBe(29);
    expect(page.items).toStrictEqual([
      {
        id: 663,
        title: 'Not A Rick Roll',
        description: "I promise you, it's not a rick roll...",
        url: 'http://stagebloc.com/demo/videos/663',
        shortUrl: 'http://stgb.lc/v/cr',
        rawUrl,
        created: utc('2012-06-16T13:47:37'),
        modified: utc('2012-06-16T14:11:59'),
        embedCode,
        private: false,
        images: docsImages('PV', '20120713_153517_1_2779'),
      },
    ]);
  });
});

describe('docs example: /statuses/list', () => {
  it.each(FORMATS)('%s decodes to the documented statuses (the second without links)', (format) => {
    const page = load('statuses-list', format, '/statuses/list', normalizeStatus);
    expect(page.total).toBe(29);
    expect(page.items).toStrictEqual([
      {
        id: 161,
        text: 'Sometimes I feel like nobody cares about what I have to say.',
        url: 'http://stagebloc.com/demo/statuses/164',
        shortUrl: 'http://stgb.lc/s/3Q',
        published: utc('2012-08-01T22:23:41'),
        author: { id: 8, name: 'Lone Wolf' },
        private: false,
      },
      {
        id: 154,
        text: "It's hard to breathe in this thing!",
        url: null,
        shortUrl: null,
        published: utc('2012-07-16T15:05:26'),
        author: { id: 8, name: 'Lord Dark Helmet' },
        private: false,
      },
    ]);
  });
});

describe('docs example: /accounts/list', () => {
  const expected = {
    id: 2,
    name: 'Team Edward',
    stageblocUrl: 'teamedward',
    authenticated: true,
    description: 'We are much better than Team Jacob!',
    images: docsImages('Qf', '20120807_202919_2_2798', 2),
  };

  it('json decodes to the documented account', () => {
    const page = load('accounts-list', 'json', '/accounts/list', normalizeAccount);
    expect(page.total).toBe(4);
    expect(page.items).toStrictEqual([expected]);
  });

  it('the verbatim XML (its </items> is written <items>) is a parse error; the corrected copy decodes the same', () => {
    expect(() => load('accounts-list', 'xml', '/accounts/list', normalizeAccount)).toThrow(StageBlocParseError);
    const page = load('accounts-list.corrected', 'xml', '/accounts/list', normalizeAccount);
    expect(page.total).toBe(4);
    expect(page.items).toStrictEqual([expected]);
  });
});

describe('docs example: /oauth2/token/info', () => {
  it.each(FORMATS)('%s decodes to the account, user and application, without the token', (format) => {
    // The JSON example wraps its one object in an array and neither format has a total.
    const list = decodeList(fixture(`token-info.${format}`), format, '/oauth2/token/info', 200, {
      totalOptional: true,
    });
    expect(list.items).toHaveLength(1);
    const info = normalizeTokenInfo(list.items[0], '/oauth2/token/info', format);
    expect(info).toStrictEqual({
      account: { id: 1, name: 'The Jonas Brothers', stageblocUrl: 'jobros' },
      user: { id: 8, name: 'Carly Rae Jepsen' },
      application: { name: 'Music Maker', description: 'Make all your music the bomb diggity!' },
    });
    expect(JSON.stringify(info)).not.toContain('5badcaf789d3d1d09794d8f021f40f0e');
  });

  it('a list answer still needs its total', () => {
    expect(() => decodeList(fixture('token-info.json'), 'json', '/oauth2/token/info', 200)).toThrow(
      StageBlocParseError,
    );
    expect(() => decodeList(fixture('token-info.xml'), 'xml', '/oauth2/token/info', 200)).toThrow(/total/);
  });
});
