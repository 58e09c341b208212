/**
 * Writes "wire records" (plain objects already using the docs' snake_case key
 * names) as response documents shaped like the examples in the StageBloc API
 * docs, in JSON or XML. The simulator uses it to answer requests; the client's
 * tests use it to build documents. Strings are built directly (no DOM) because
 * the simulator serves accounts with tens of thousands of items.
 */
/** The two formats the API answers in (the extension of every endpoint). */
export type Format = 'json' | 'xml';

export type WireValue = string | number | boolean | null | WireRecord | WireRecord[];
export interface WireRecord {
  [key: string]: WireValue;
}

/**
 * The element name each array member is wrapped in. The docs show `items` →
 * `item`, `images` → `image` and `collaborators` → `collaborator`; playlist tracks
 * reuse `item` because each one is shaped like an `/audio/list` item (DEVELOPERS.md,
 * "Wire-format decisions").
 */
const ARRAY_MEMBER_NAMES: Readonly<Record<string, string>> = {
  items: 'item',
  images: 'image',
  tracks: 'item',
  collaborators: 'collaborator',
};

/**
 * Other plausible answers than the docs' (another implementation of the same docs): the
 * element each list key's members are wrapped in instead, or null for members written
 * bare (in XML a bare list holds its one member's fields directly).
 */
export type ListWrapping = Readonly<Record<string, string | null>>;

export function arrayMemberName(arrayKey: string, wrapping?: ListWrapping): string | null {
  if (wrapping && Object.hasOwn(wrapping, arrayKey)) return wrapping[arrayKey]!;
  return ARRAY_MEMBER_NAMES[arrayKey] ?? 'item';
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function serializeList(format: Format, total: number, items: WireRecord[], wrapping?: ListWrapping): string {
  assertFiniteNumber(total, 'total');
  if (format === 'json') {
    return phpJsonEncode({ response: { total, items: wrapMembers('items', items, wrapping) } });
  }
  let out = `${XML_DECLARATION}<response><total>${total}</total>`;
  out += items.length === 0 ? '<items/>' : `<items>${xmlArrayMembers('items', items, wrapping)}</items>`;
  return `${out}</response>`;
}

/**
 * `/oauth2/token/info`'s shape: items without a total, and in JSON the response is an array
 * holding one object, as the docs' example writes it.
 */
export function serializeItems(format: Format, items: WireRecord[], wrapping?: ListWrapping): string {
  if (format === 'json') {
    return phpJsonEncode({ response: [{ items: wrapMembers('items', items, wrapping) }] });
  }
  const members = items.length === 0 ? '<items/>' : `<items>${xmlArrayMembers('items', items, wrapping)}</items>`;
  return `${XML_DECLARATION}<response>${members}</response>`;
}

export function serializeError(format: Format, message: string): string {
  if (format === 'json') {
    return phpJsonEncode({ response: [{ error: { message } }] });
  }
  return `${XML_DECLARATION}<response><error><message>${escapeXmlText(message)}</message></error></response>`;
}

// ---------------------------------------------------------------- JSON

/** `[{...}]` → `[{"item": {...}}]`, recursively, the way the docs' JSON wraps every array member. */
function wrapMembers(
  arrayKey: string,
  records: WireRecord[],
  wrapping: ListWrapping | undefined,
): Array<Record<string, unknown>> {
  const name = arrayMemberName(arrayKey, wrapping);
  return records.map((record) =>
    name === null ? wrapRecord(record, wrapping) : { [name]: wrapRecord(record, wrapping) },
  );
}

function wrapRecord(record: WireRecord, wrapping: ListWrapping | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key] as WireValue;
    if (Array.isArray(value)) {
      out[key] = wrapMembers(key, value, wrapping);
    } else if (value !== null && typeof value === 'object') {
      out[key] = wrapRecord(value, wrapping);
    } else {
      if (typeof value === 'number') assertFiniteNumber(value, key);
      out[key] = value;
    }
  }
  return out;
}

/**
 * PHP's json_encode defaults: `/` written as `\/` and non-ASCII as `\uXXXX`
 * escapes. Clients must cope with both, so the simulator produces both.
 */
function phpJsonEncode(value: unknown): string {
  const json = JSON.stringify(value);
  let out = json.includes('/') ? json.replaceAll('/', '\\/') : json;
  if (NON_ASCII.test(out)) {
    out = out.replace(NON_ASCII_GLOBAL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  }
  return out;
}
const NON_ASCII = /[^\x00-\x7f]/;
const NON_ASCII_GLOBAL = /[^\x00-\x7f]/g;

// ---------------------------------------------------------------- XML

function xmlArrayMembers(arrayKey: string, records: WireRecord[], wrapping: ListWrapping | undefined): string {
  const name = arrayMemberName(arrayKey, wrapping);
  let out = '';
  for (const record of records) {
    out += name === null ? xmlRecordBody(record, wrapping) : `<${name}>${xmlRecordBody(record, wrapping)}</${name}>`;
  }
  return out;
}

function xmlRecordBody(record: WireRecord, wrapping: ListWrapping | undefined): string {
  let out = '';
  for (const key of Object.keys(record)) {
    out += xmlElement(key, record[key] as WireValue, wrapping);
  }
  return out;
}

function xmlElement(key: string, value: WireValue, wrapping: ListWrapping | undefined): string {
  if (value === null) return `<${key}/>`;
  if (Array.isArray(value)) {
    return value.length === 0 ? `<${key}/>` : `<${key}>${xmlArrayMembers(key, value, wrapping)}</${key}>`;
  }
  switch (typeof value) {
    case 'string':
      return `<${key}>${escapeXmlText(value)}</${key}>`;
    case 'number':
      assertFiniteNumber(value, key);
      return `<${key}>${value}</${key}>`;
    case 'boolean':
      return `<${key}>${value ? 'true' : 'false'}</${key}>`;
    default:
      return `<${key}>${xmlRecordBody(value, wrapping)}</${key}>`;
  }
}

const NEEDS_ESCAPE = /[&<>\r]/;
// Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR,
// lone surrogates, U+FFFE/U+FFFF). A real XML writer would fail; we drop them.
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const NOT_XML_CHAR_GLOBAL = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function escapeXmlText(text: string): string {
  let out = NOT_XML_CHAR.test(text) ? text.replace(NOT_XML_CHAR_GLOBAL, '') : text;
  if (!NEEDS_ESCAPE.test(out)) return out;
  out = out.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  // A literal CR would be normalized to LF by any XML parser; a character reference survives.
  return out.replaceAll('\r', '&#13;');
}

function assertFiniteNumber(value: number, key: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`serialize: ${key} is not a finite number (${value})`);
}
