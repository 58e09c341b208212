/**
 * XML documents as the StageBloc API writes them:
 * `<response><total>N</total><items><item>…</item></items></response>`, errors as
 * `<response><error><message>…</message></error></response>` (or, from the 2013
 * server, `<response><errors><error>…</error></errors></response>`). Lists are read as
 * raw.ts's LIST_KEYS says.
 *
 * fast-xml-parser turns broken XML into wrong data without complaint, so every
 * body is validated first. Entities are decoded here rather than by the parser
 * so that only XML's own entities and character references are accepted, and
 * decoding happens exactly once (`&amp;#13;` stays the text `&#13;`).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { StageBlocParseError } from '../errors.js';
import {
  LIST_KEYS,
  apiFailure,
  envelopeMessages,
  httpFailure,
  isPlainObject,
  isSuccessStatus,
  joinApiMessages,
  memberWrappers,
  parseCount,
  type ListShape,
  type RawList,
  type RawRecord,
  type RawValue,
} from './raw.js';

/** Parser output before our own pass: leaves are raw text, repeated elements arrays. */
type XmlNode = string | XmlObject | XmlNode[];
interface XmlObject {
  [name: string]: XmlNode;
}

const TEXT_KEY = '#text';

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  processEntities: false,
  // Keep text exactly as sent; whitespace between elements is dropped in toRawRecord.
  trimValues: false,
  jPath: false,
});

export function decodeXmlList(body: string, endpoint: string, status: number, shape: ListShape = {}): RawList {
  const response = parseResponseElement(body, endpoint, status);
  const apiMessage = xmlErrorMessage(response, endpoint);
  if (apiMessage !== undefined) throw apiFailure(apiMessage, endpoint, status);
  if (!isSuccessStatus(status)) throw httpFailure(endpoint, status);

  if (!isPlainObject(response)) throw shapeError('<response> has no elements', endpoint);
  const totalNode = response['total'];
  const total = typeof totalNode === 'string' ? parseCount(decodeText(totalNode, endpoint)) : undefined;
  if (total === undefined && !(shape.totalOptional && totalNode === undefined))
    throw shapeError('<total> is missing or not a count', endpoint);
  if (!('items' in response)) throw shapeError('<items> is missing', endpoint);
  const items = toRawList('items', response['items'] as XmlNode, endpoint);
  return { format: 'xml', total: total ?? items.length, items };
}

/**
 * Validates, then parses, and returns the content of the single <response>
 * root. A body that is not our XML on a non-2xx status is an HTTP failure
 * (an HTML error page from a proxy), not a parse error.
 */
function parseResponseElement(body: string, endpoint: string, status: number): XmlNode {
  const fail = (message: string): never => {
    if (!isSuccessStatus(status)) throw httpFailure(endpoint, status);
    throw shapeError(message, endpoint);
  };
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  // Entity declarations are the way into entity-expansion attacks; the API never sends any.
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) fail('DOCTYPE and ENTITY declarations are not accepted');
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line, col } = validation.err;
    fail(`${msg} (line ${line}${col === undefined ? '' : `, column ${col}`})`);
  }
  let doc: unknown;
  try {
    doc = parser.parse(cdataToText(text));
  } catch (error) {
    // fast-xml-parser refuses some names (e.g. `__proto__`) by throwing.
    fail(error instanceof Error ? error.message : 'unparseable XML');
  }
  if (!isPlainObject(doc)) return fail('no root element');
  const roots = Object.keys(doc);
  const response = doc['response'];
  if (roots.length !== 1 || response === undefined || Array.isArray(response)) {
    return fail(`expected a single <response> root element, found ${roots.map((r) => `<${r}>`).join(', ') || 'none'}`);
  }
  return response as XmlNode;
}

/**
 * The documented `<response><error><message>`, several <error>s joined, and the 2013
 * server's `<errors>` (an empty one is no error).
 */
function xmlErrorMessage(response: XmlNode, endpoint: string): string | undefined {
  if (!isPlainObject(response)) return undefined;
  const text = (raw: string) => decodeText(raw, endpoint);
  const errors = response['errors'];
  const hasErrors = errors !== undefined && !(typeof errors === 'string' && errors.trim() === '');
  if (!('error' in response) && !hasErrors) return undefined;
  return joinApiMessages([
    ...('error' in response ? envelopeMessages(response['error'], text) : []),
    ...(hasErrors ? envelopeMessages(errors, text) : []),
  ]);
}

/**
 * The members of a list element: `<items/>` → [], children wrapped in `<item>` or the
 * key's singular (one or many) → their records, and a single member written bare (the
 * record's fields directly in the list element) → [record]. A lone element of another
 * name holding elements is a wrapper we do not know: an error, not a guess.
 */
function toRawList(key: string, node: XmlNode, endpoint: string): RawRecord[] {
  if (typeof node === 'string') {
    if (node.trim() === '') return [];
    throw shapeError(`<${key}> holds text instead of elements`, endpoint);
  }
  if (Array.isArray(node)) throw shapeError(`<${key}> appears more than once`, endpoint);
  const wrappers = memberWrappers(key);
  const names: string[] = [];
  for (const name of Object.keys(node)) {
    if (name !== TEXT_KEY) {
      names.push(name);
      continue;
    }
    const text = node[name];
    if (typeof text === 'string' && text.trim() === '') continue;
    throw shapeError(`<${key}> holds text besides its elements`, endpoint);
  }
  if (names.length === 0) return [];
  const wrapped = names.filter((name) => wrappers.has(name));
  if (wrapped.length === 0) {
    const only = names.length === 1 ? node[names[0]!] : undefined;
    if (only !== undefined && typeof only !== 'string')
      throw shapeError(`unexpected <${names[0]}> in <${key}>`, endpoint);
    return [toRawRecord(node, endpoint)];
  }
  if (wrapped.length < names.length) {
    throw shapeError(`unexpected <${names.find((name) => !wrappers.has(name))}> in <${key}>`, endpoint);
  }
  // The parser groups children by name, so members under two names would lose their order.
  if (wrapped.length > 1) throw shapeError(`<${key}> mixes <${wrapped[0]}> and <${wrapped[1]}> members`, endpoint);
  const members = ([] as XmlNode[]).concat(node[wrapped[0]!] as XmlNode);
  return members.map((member) => {
    if (typeof member === 'string') {
      if (member.trim() === '') return {};
      throw shapeError(`a member of <${key}> holds text instead of elements`, endpoint);
    }
    if (Array.isArray(member)) throw shapeError(`nested list in <${key}>`, endpoint);
    return toRawRecord(member, endpoint);
  });
}

function toRawRecord(node: XmlObject, endpoint: string): RawRecord {
  const record: RawRecord = {};
  for (const name of Object.keys(node)) {
    const child = node[name] as XmlNode;
    if (name === TEXT_KEY) {
      // Indentation between child elements; anything else is mixed content we cannot map.
      if (typeof child === 'string' && child.trim() === '') continue;
      throw shapeError(`text mixed with elements next to <${Object.keys(node).find((n) => n !== TEXT_KEY)}>`, endpoint);
    }
    record[name] = toRawValue(name, child, endpoint);
  }
  return record;
}

function toRawValue(name: string, node: XmlNode, endpoint: string): RawValue {
  if (LIST_KEYS.has(name)) return toRawList(name, node, endpoint);
  if (typeof node === 'string') return node === '' ? null : decodeText(node, endpoint);
  // An element that is not a known list but repeats: keep every value, validation decides.
  if (Array.isArray(node)) return node.map((n) => toRawValue(name, n, endpoint));
  return toRawRecord(node, endpoint);
}

// ---------------------------------------------------------------- text

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
const ENTITY_REFERENCE = /&([^;&]*);/g;

/** Replaces XML's five entities and character references; anything else is an error. */
function decodeText(text: string, endpoint: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY_REFERENCE, (_match, name: string) => {
    const predefined = PREDEFINED_ENTITIES[name];
    if (predefined !== undefined && Object.hasOwn(PREDEFINED_ENTITIES, name)) return predefined;
    const code = /^#x[0-9a-f]{1,6}$/i.test(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]{1,7}$/.test(name)
        ? parseInt(name.slice(1), 10)
        : undefined;
    if (code === undefined) throw shapeError(`unknown entity &${name.slice(0, 20)};`, endpoint);
    if (!isXmlChar(code)) throw shapeError(`character reference &${name}; is not an XML character`, endpoint);
    return String.fromCodePoint(code);
  });
}

function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/** CDATA content is literal text: escape it so the single entity pass leaves it unchanged. */
function cdataToText(xml: string): string {
  if (!xml.includes('<![CDATA[')) return xml;
  return xml.replace(CDATA_SECTION, (_m, content: string) =>
    content.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
  );
}

function shapeError(message: string, endpoint: string): StageBlocParseError {
  return new StageBlocParseError(message, endpoint, 'xml');
}
