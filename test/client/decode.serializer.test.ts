/**
 * The shared wire serializer (src/wire/serialize.ts) writes documents shaped
 * like the docs' examples; the simulator serves them and the decoders read them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeList } from '../../src/client/decode/index.js';
import { serializeError, serializeList, type WireRecord } from '../../src/wire/serialize.js';

const FIXTURES = new URL('../fixtures/docs/', import.meta.url);

describe('serializeList, JSON', () => {
  it('has the docs envelope, wraps members, escapes slashes and non-ASCII like PHP', () => {
    const body = serializeList('json', 18, [
      {
        id: 311,
        url: 'http://stgb.lc/a/6n',
        title: 'Café 😀',
        raw_url: null,
        exclusive: true,
        price: 0.5,
        images: [{ size: 'small' }],
        tracks: [{ id: 1 }],
      },
    ]);
    expect(body).toBe(
      '{"response":{"total":18,"items":[{"item":{"id":311,"url":"http:\\/\\/stgb.lc\\/a\\/6n","title":"Caf\\u00e9 \\ud83d\\ude00",' +
        '"raw_url":null,"exclusive":true,"price":0.5,"images":[{"image":{"size":"small"}}],"tracks":[{"item":{"id":1}}]}}]}}',
    );
    expect(JSON.parse(body).response.items[0].item.title).toBe('Café 😀');
  });

  it('an empty list is "items": []', () => {
    expect(serializeList('json', 0, [])).toBe('{"response":{"total":0,"items":[]}}');
  });

  it('refuses non-finite numbers instead of writing null', () => {
    expect(() => serializeList('json', 1, [{ length: Number.NaN }])).toThrow(RangeError);
    expect(() => serializeList('xml', 1, [{ price: Number.POSITIVE_INFINITY }])).toThrow(RangeError);
  });
});

describe('serializeList, XML', () => {
  it('has the declaration and the docs element structure', () => {
    const body = serializeList('xml', 4, [
      {
        id: 40,
        description: '<p>Fish & "chips"</p>\r\nnext',
        raw_url: null,
        exclusive: true,
        private: false,
        download_details: { price: 1.6 },
        images: [{ size: 'thumbnail' }, { size: 'small' }],
        tracks: [{ id: 311 }],
        empty: [],
      },
    ]);
    expect(body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<response><total>4</total><items><item><id>40</id>' +
        '<description>&lt;p&gt;Fish &amp; "chips"&lt;/p&gt;&#13;\nnext</description><raw_url/>' +
        '<exclusive>true</exclusive><private>false</private><download_details><price>1.6</price></download_details>' +
        '<images><image><size>thumbnail</size></image><image><size>small</size></image></images>' +
        '<tracks><item><id>311</id></item></tracks><empty/></item></items></response>',
    );
  });

  it('an empty list is <items/>', () => {
    expect(serializeList('xml', 0, [])).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<response><total>0</total><items/></response>',
    );
  });

  it('drops characters XML 1.0 cannot carry rather than writing an invalid document', () => {
    const body = serializeList('xml', 1, [{ id: 1, title: 'a\u0000b\u0007c\uFFFEd\uD800e' }]);
    expect(decodeList(body, 'xml', '/audio/list', 200).items[0]!['title']).toBe('abcde');
  });
});

describe('serializeError', () => {
  it('JSON is the documented envelope', () => {
    expect(serializeError('json', 'No audio with that ID.')).toBe(
      '{"response":[{"error":{"message":"No audio with that ID."}}]}',
    );
  });

  it('XML is the documented envelope, escaped', () => {
    expect(serializeError('xml', 'Title < 100 & > 0')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<response><error><message>Title &lt; 100 &amp; &gt; 0</message></error></response>',
    );
  });
});

describe('serializer output decodes like the docs examples', () => {
  /** The docs' /audio/list item as a wire record, re-serialized and decoded, equals the decoded docs fixture. */
  it.each(['json', 'xml'] as const)('%s', (format) => {
    const docs = decodeList(
      readFileSync(new URL(`audio-list.${format}`, FIXTURES), 'utf8'),
      format,
      '/audio/list',
      200,
    );
    const again = decodeList(serializeList(format, docs.total, docs.items as WireRecord[]), format, '/audio/list', 200);
    expect(again).toStrictEqual(docs);
  });
});
