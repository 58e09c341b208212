/** Decoder edge cases: hostile XML, list shapes, status handling, text fidelity. */
import { describe, expect, it } from 'vitest';
import { decodeJsonObject, decodeList } from '../../src/client/decode/index.js';
import { StageBlocApiError, StageBlocAuthError, StageBlocError, StageBlocParseError } from '../../src/client/errors.js';
import type { Format } from '../../src/client/model.js';

const EP = '/audio/list';
const xmlList = (items: string, total = '1') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<response><total>${total}</total>${items}</response>`;
const xmlItem = (fields: string) => xmlList(`<items><item>${fields}</item></items>`);
const decodeXml = (body: string, status = 200) => decodeList(body, 'xml', EP, status);
const decodeJson = (body: string, status = 200) => decodeList(body, 'json', EP, status);

function errorOf(run: () => unknown): StageBlocError {
  try {
    run();
  } catch (error) {
    if (error instanceof StageBlocError) return error;
    throw new Error(`expected a StageBlocError, got ${String(error)}`);
  }
  throw new Error('expected a throw');
}

describe('XML: entity declarations are refused', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<response><total>1</total><items><item><title>&lol2;</title></item></items></response>`;

  it.each([
    ['billion laughs', billionLaughs],
    ['lower-case doctype', '<!doctype response><response><total>0</total><items/></response>'],
    [
      'external entity',
      '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><response><total>1</total><items/></response>',
    ],
  ])('%s → StageBlocParseError', (_name, body) => {
    const error = errorOf(() => decodeXml(body));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error.message).toMatch(/^Malformed XML from \/audio\/list: DOCTYPE/);
  });

  it('an undeclared entity reference is an error, not silently kept', () => {
    expect(errorOf(() => decodeXml(xmlItem('<title>a&nbsp;b</title>')))).toBeInstanceOf(StageBlocParseError);
  });
});

describe('XML: list shapes', () => {
  it('a single <item> is still a list', () => {
    const list = decodeXml(xmlItem('<id>1</id>'));
    expect(list).toStrictEqual({ format: 'xml', total: 1, items: [{ id: '1' }] });
  });

  it.each(['<items/>', '<items></items>', '<items>\n   \n</items>'])('%j → no items', (items) => {
    expect(decodeXml(xmlList(items, '0')).items).toStrictEqual([]);
  });

  it('one <image> is a one-element images list; <images/> and <tracks/> are empty lists', () => {
    const list = decodeXml(
      xmlItem('<images><image><size>small</size><embed_url>u</embed_url></image></images><tracks/><x><images/></x>'),
    );
    expect(list.items[0]).toStrictEqual({ images: [{ size: 'small', embed_url: 'u' }], tracks: [], x: { images: [] } });
  });

  it('playlist tracks are <item> lists of records, at any depth', () => {
    const list = decodeXml(xmlItem('<tracks><item><id>1</id></item><item><id>2</id></item></tracks>'));
    expect(list.items[0]).toStrictEqual({ tracks: [{ id: '1' }, { id: '2' }] });
  });

  it('numeric-looking strings are kept exactly', () => {
    const list = decodeXml(xmlItem('<price>0.50</price><id>007</id><n>1e3</n><b>true</b><neg>-0</neg>'));
    expect(list.items[0]).toStrictEqual({ price: '0.50', id: '007', n: '1e3', b: 'true', neg: '-0' });
  });

  it('empty elements are null; whitespace-only text and surrounding spaces are kept', () => {
    const list = decodeXml(xmlItem('<raw_url/><artist></artist><title>  padded  </title><ws> </ws>'));
    expect(list.items[0]).toStrictEqual({ raw_url: null, artist: null, title: '  padded  ', ws: ' ' });
  });

  it('attributes, comments and the declaration are ignored; a BOM is accepted', () => {
    const body = `\uFEFF${xmlItem('<!-- note --><id kind="x">5</id>')}`;
    expect(decodeXml(body).items).toStrictEqual([{ id: '5' }]);
  });

  it('a repeated field keeps every value (validation decides later)', () => {
    expect(decodeXml(xmlItem('<id>1</id><id>2</id>')).items[0]).toStrictEqual({ id: ['1', '2'] });
  });

  it.each([
    ['no <total>', '<response><items/></response>'],
    ['non-numeric <total>', '<response><total>lots</total><items/></response>'],
    ['no <items>', '<response><total>0</total></response>'],
    ['text in <items>', '<response><total>0</total><items>oops</items></response>'],
    ['foreign element in <items>', '<response><total>0</total><items><item/><track/></items></response>'],
    ['mixed content', xmlItem('junk<id>1</id>')],
    ['wrong root', '<result><total>0</total><items/></result>'],
    ['two roots', '<response><total>0</total><items/></response><response/>'],
    ['empty body', ''],
    ['not XML at all', 'Service temporarily unavailable'],
    ['__proto__ element', xmlItem('<__proto__><id>1</id></__proto__>')],
    ['unclosed element', xmlItem('<id>1')],
    ['character reference to a control character', xmlItem('<t>&#1;</t>')],
  ])('%s → StageBlocParseError', (_name, body) => {
    const error = errorOf(() => decodeXml(body));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error).toMatchObject({ endpoint: EP, format: 'xml' });
  });
});

describe('XML: text decoding', () => {
  const title = (inner: string) => decodeXml(xmlItem(`<t>${inner}</t>`)).items[0]!['t'];

  it('decodes the five XML entities and character references exactly once', () => {
    expect(title('&amp;&lt;&gt;&quot;&apos;')).toBe(`&<>"'`);
    expect(title('&#65;&#x42;&#x1F600;&#13;')).toBe('AB😀\r');
    expect(title('&amp;#13; &amp;amp;')).toBe('&#13; &amp;');
  });

  it('HTML in descriptions survives as text', () => {
    expect(title('&lt;p&gt;Hi &amp;amp; &lt;b&gt;bye&lt;/b&gt;&lt;/p&gt;')).toBe('<p>Hi &amp; <b>bye</b></p>');
  });

  it('CDATA content is literal', () => {
    expect(title('<![CDATA[<p>&amp; ]]]]><![CDATA[>]]>')).toBe('<p>&amp; ]]>');
    expect(title('a<![CDATA[<b>]]>c')).toBe('a<b>c');
  });
});

describe('JSON: shapes', () => {
  it('unwraps {"item": …} and {"image": …} wrappers at every level', () => {
    const body = JSON.stringify({
      response: {
        total: '2',
        items: [
          { item: { id: 1, images: [{ image: { size: 'small' } }], tracks: [{ item: { id: 9 } }] } },
          { id: 2 }, // not wrapped: taken as the record itself
        ],
      },
    });
    expect(decodeJson(body)).toStrictEqual({
      format: 'json',
      total: 2,
      items: [{ id: 1, images: [{ size: 'small' }], tracks: [{ id: 9 }] }, { id: 2 }],
    });
  });

  it('escaped slashes and \\u escapes decode', () => {
    const body = '{"response":{"total":1,"items":[{"item":{"u":"http:\\/\\/x\\/y","t":"caf\\u00e9"}}]}}';
    expect(decodeJson(body).items[0]).toStrictEqual({ u: 'http://x/y', t: 'café' });
  });

  it('"items": null is an empty list', () => {
    expect(decodeJson('{"response":{"total":0,"items":null}}').items).toStrictEqual([]);
  });

  it('a "__proto__" key does not reach the prototype', () => {
    const list = decodeJson('{"response":{"total":1,"items":[{"item":{"__proto__":{"polluted":1},"id":1}}]}}');
    expect(Object.getPrototypeOf(list.items[0])).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['array', '[]'],
    ['null', 'null'],
    ['string', '"response"'],
    ['number', '42'],
    ['empty body', ''],
    ['no response', '{"total":1,"items":[]}'],
    ['response is a list without errors', '{"response":[]}'],
    ['no total', '{"response":{"items":[]}}'],
    ['negative total', '{"response":{"total":-1,"items":[]}}'],
    // (`"items":{"item":{…}}` is one member without the array: read, see decode.variants.test.ts)
    ['items not a list', '{"response":{"total":1,"items":"none"}}'],
    ['item not an object', '{"response":{"total":1,"items":[3]}}'],
    ['truncated', '{"response":{"total":1,"items":[{"item":{"id":1'],
  ])('%s → StageBlocParseError', (_name, body) => {
    const error = errorOf(() => decodeJson(body));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error).toMatchObject({ endpoint: EP, format: 'json' });
  });

  it('a syntax error does not quote the body (the token endpoint body holds the token)', () => {
    const secret = 'tok_CANARY_1234567890';
    const error = errorOf(() => decodeJsonObject(`{"access_token":"${secret}","scope":`, '/oauth2/token'));
    expect(error).toBeInstanceOf(StageBlocParseError);
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain('CANARY');
    expect(error.cause).toBeUndefined();
  });

  it('decodeJsonObject refuses non-objects and honours the error envelope', () => {
    expect(errorOf(() => decodeJsonObject('[1]', '/oauth2/token'))).toBeInstanceOf(StageBlocParseError);
    const error = errorOf(() =>
      decodeJsonObject('{"response":[{"error":{"message":"Invalid code."}}]}', '/oauth2/token', 400),
    );
    expect(error).toBeInstanceOf(StageBlocApiError);
    expect(error).toMatchObject({ apiMessage: 'Invalid code.', status: 400 });
  });
});

describe('status and error envelope, both formats', () => {
  const envelope: Record<Format, (message: string) => string> = {
    json: (m) => JSON.stringify({ response: [{ error: { message: m } }] }),
    xml: (m) => `<?xml version="1.0"?><response><error><message>${m}</message></error></response>`,
  };
  const emptyList: Record<Format, string> = {
    json: '{"response":{"total":0,"items":[]}}',
    xml: '<response><total>0</total><items/></response>',
  };

  describe.each(['json', 'xml'] as const)('%s', (format) => {
    const decode = (body: string, status: number) => decodeList(body, format, EP, status);

    it.each([200, 400, 404, 413, 415, 422, 429, 500])('envelope on HTTP %i → StageBlocApiError', (status) => {
      const error = errorOf(() => decode(envelope[format]('No audio with that ID.'), status));
      expect(error).toBeInstanceOf(StageBlocApiError);
      expect(error).toMatchObject({ apiMessage: 'No audio with that ID.', status, endpoint: EP });
    });

    it.each([401, 403])('envelope on HTTP %i → StageBlocAuthError', (status) => {
      const error = errorOf(() => decode(envelope[format]('Invalid access token.'), status));
      expect(error).toBeInstanceOf(StageBlocAuthError);
      expect(error).toMatchObject({ status });
      expect(error.message).toContain('Invalid access token.');
    });

    it.each([
      [502, 'an HTML page', '<!DOCTYPE html><html><body>Bad gateway</body></html>'],
      [503, 'an empty body', ''],
      [500, 'a valid list', emptyList[format]],
    ])('HTTP %i with %s and no envelope → "HTTP N with no error message"', (status, _what, body) => {
      const error = errorOf(() => decode(body, status));
      expect(error).toBeInstanceOf(StageBlocApiError);
      expect(error).toMatchObject({ status, apiMessage: `HTTP ${status} with no error message` });
    });

    it('HTTP 401 without an envelope → StageBlocAuthError saying the token was rejected', () => {
      const error = errorOf(() => decode('', 401));
      expect(error).toBeInstanceOf(StageBlocAuthError);
      expect(error.message).toMatch(/token rejected/i);
    });

    it('several errors are joined into one message; an empty message gets a placeholder', () => {
      const many =
        format === 'json'
          ? '{"response":[{"error":{"message":"Title is required."}},{"error":{"message":"Price too low."}}]}'
          : '<response><error><message>Title is required.</message></error><error><message>Price too low.</message></error></response>';
      expect(errorOf(() => decode(many, 422))).toMatchObject({ apiMessage: 'Title is required.; Price too low.' });
      const empty =
        format === 'json'
          ? '{"response":[{"error":{"message":""}}]}'
          : '<response><error><message/></error></response>';
      expect(errorOf(() => decode(empty, 400))).toMatchObject({ apiMessage: 'error with no message' });
    });

    it('a 2xx body that is not the list shape is a parse error, not an API error', () => {
      const error = errorOf(() => decode(format === 'json' ? '{"response":{}}' : '<response/>', 200));
      expect(error).toBeInstanceOf(StageBlocParseError);
    });
  });
});

describe('truncated documents are parse errors at every cut', () => {
  const full: Record<Format, string> = {
    json: '{"response":{"total":1,"items":[{"item":{"id":311,"title":"Never","images":[{"image":{"size":"small","embed_url":"http:\\/\\/x"}}]}}]}}',
    xml: '<?xml version="1.0" encoding="UTF-8"?>\n<response><total>1</total><items><item><id>311</id><title>Never</title><images><image><size>small</size><embed_url>http://x</embed_url></image></images></item></items></response>',
  };
  it.each(['json', 'xml'] as const)('%s', (format) => {
    for (let cut = 0; cut < full[format].length; cut++) {
      const body = full[format].slice(0, cut);
      const error = errorOf(() => decodeList(body, format, EP, 200));
      expect(error, `cut at ${cut}: ${body}`).toBeInstanceOf(StageBlocParseError);
    }
    expect(decodeList(full[format], format, EP, 200).items).toHaveLength(1);
  });
});
