/**
 * A fast path for the everyday shape of rich text: paragraphs, emphasis, lists, links and
 * figures, as StageBloc's editor writes them. sanitize-html builds a frame per element and
 * re-collects every element's text, which makes sanitizing most of a sync's CPU time.
 * HTML of that everyday shape (lower-case allowlisted tags, nested without relying on
 * implied end tags, attributes in double quotes, http(s) links, a few known entities) is
 * sanitized here in one linear scan; anything else returns undefined and goes through
 * sanitize-html.
 *
 * The result is exactly what sanitize-html returns with the options in sanitize.ts (a
 * property test holds the two equal), so which path ran never shows. It cannot be less
 * safe than sanitize-html either: every tag, attribute and URL scheme it lets through is
 * one the full sanitizer allows too (see html-allowlist.ts).
 */
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from './html-allowlist.js';

export interface SimpleSanitized {
  html: string;
  /** The href/src values kept (for the blocked-URL check). */
  urls: string[];
}

/** Tags this path handles; the others (iframes, tables, definition lists) need the full parser. */
const SIMPLE_TAGS = new Set(
  'p br hr h2 h3 h4 h5 h6 blockquote pre code em strong b i u s sub sup small mark abbr cite q del ins a ul ol li figure figcaption img span div'.split(' '),
);
const VOID_TAGS = new Set(['br', 'hr', 'img']);
/** Opening one of these inside a <p> implicitly closes the <p> (htmlparser2's openImpliesClose). */
const CLOSES_P = new Set('p h2 h3 h4 h5 h6 blockquote pre ul ol figure figcaption div hr'.split(' '));

/** Attributes this path copies (with the values checked below); any other allowlisted attribute sends the HTML to sanitize-html. */
const KEPT: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'title']),
  img: new Set(['src', 'alt', 'title', 'width', 'height']),
  abbr: new Set(['title']),
};
const URL_ATTRIBUTES = new Set(['href', 'src']);
/** What the full sanitizer's transformTags add. */
const APPENDED: Record<string, string> = { a: ' rel="noopener ugc"', img: ' loading="lazy"' };

const HTTP_URL = /^https?:\/\/[^\s\\]+$/i;

/** Entities decoded as htmlparser2 decodes them; an ampersand that starts anything else leaves the fast path. */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  mdash: '\u2014', ndash: '\u2013', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019',
  ldquo: '\u201c', rdquo: '\u201d', laquo: '\u00ab', raquo: '\u00bb', copy: '\u00a9', reg: '\u00ae',
  trade: '\u2122', middot: '\u00b7', bull: '\u2022', deg: '\u00b0', times: '\u00d7',
  eacute: '\u00e9', egrave: '\u00e8', aacute: '\u00e1', oacute: '\u00f3', uuml: '\u00fc', ouml: '\u00f6', auml: '\u00e4',
};

// One token at a time: a tag, an entity, or a run of text. Control characters (other than
// tab and newline) and stray `<`/`>` match nothing, which ends the fast path.
const TOKEN =
  /<(\/?)([a-z][a-z0-9]*)((?: [a-z][a-z0-9-]*="[^"<>]*")*)( ?\/)?>|&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]{2,8});|[^<>&\0-\x08\x0b-\x1f]+/y;
const ATTRIBUTE = / ([a-z][a-z0-9-]*)="([^"]*)"/g;
const ENTITY_IN_VALUE = /&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-z]{2,8});|&/g;

/** The character an entity's body names, or undefined when this path does not know it for certain. */
function decodeEntity(body: string): string | undefined {
  if (body.charCodeAt(0) !== 35 /* # */) return NAMED[body];
  const code = body.charCodeAt(1) === 120 /* x */ ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
  // Code points htmlparser2 replaces (NUL, C0/C1 controls, surrogates, out of range) are left to it.
  const plain = (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code < 0xd800) || (code >= 0xe000 && code <= 0x10ffff);
  return plain ? String.fromCodePoint(code) : undefined;
}

function escapeText(char: string): string {
  return char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : char;
}

/** An attribute value as sanitize-html writes it (decoded, then escaped), or undefined. */
function attributeValue(raw: string): { decoded: string; escaped: string } | undefined {
  if (!raw.includes('&')) return { decoded: raw, escaped: raw };
  let decoded = '';
  let escaped = '';
  let last = 0;
  ENTITY_IN_VALUE.lastIndex = 0;
  for (let match = ENTITY_IN_VALUE.exec(raw); match; match = ENTITY_IN_VALUE.exec(raw)) {
    const char = match[1] === undefined ? undefined : decodeEntity(match[1]);
    if (char === undefined) return undefined;
    const before = raw.slice(last, match.index);
    decoded += before + char;
    escaped += before + (char === '"' ? '&quot;' : escapeText(char));
    last = match.index + match[0].length;
  }
  const rest = raw.slice(last);
  return { decoded: decoded + rest, escaped: escaped + rest };
}

/** The attributes of an allowlisted tag as sanitize-html writes them, or undefined. */
function attributesOf(tag: string, source: string, urls: string[]): string | undefined {
  const allowed = ALLOWED_ATTRIBUTES[tag];
  const kept = KEPT[tag];
  let out = '';
  let seen: string[] | undefined;
  ATTRIBUTE.lastIndex = 0;
  for (let match = ATTRIBUTE.exec(source); match; match = ATTRIBUTE.exec(source)) {
    const name = match[1]!;
    // htmlparser2 keeps the first of repeated attributes; rare enough to leave to it.
    if (seen?.includes(name)) return undefined;
    (seen ??= []).push(name);
    if (!allowed) {
      // A tag that keeps no attributes still shows them to the blocked-URL check.
      if (URL_ATTRIBUTES.has(name)) return undefined;
      continue;
    }
    if (!allowed.includes(name)) continue;
    if (!kept?.has(name)) return undefined;
    const value = attributeValue(match[2]!);
    if (!value) return undefined;
    if (value.decoded === '') {
      // Empty values of non-boolean attributes are dropped, except alt.
      if (name === 'alt') out += ' alt=""';
      continue;
    }
    if (URL_ATTRIBUTES.has(name)) {
      if (!HTTP_URL.test(value.decoded)) return undefined;
      urls.push(value.decoded);
    }
    out += ` ${name}="${value.escaped}"`;
  }
  return out;
}

/** `html` sanitized as sanitize.ts's sanitizer would (untrimmed), or undefined when it is not of the simple shape. */
export function sanitizeSimpleHtml(html: string): SimpleSanitized | undefined {
  const urls: string[] = [];
  const open: string[] = [];
  let out = '';
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const match = TOKEN.exec(html);
    if (!match) return undefined;
    const [token, closing, tag, attributes, selfClosing, entity] = match;
    if (tag !== undefined) {
      if (!SIMPLE_TAGS.has(tag)) return undefined;
      const isVoid = VOID_TAGS.has(tag);
      if (closing) {
        if (attributes || selfClosing || isVoid || open.pop() !== tag) return undefined;
        out += token;
        continue;
      }
      if (selfClosing && !isVoid) return undefined;
      const top = open[open.length - 1];
      if ((top === 'p' && CLOSES_P.has(tag)) || (top === 'li' && tag === 'li')) return undefined;
      const kept = attributes ? attributesOf(tag, attributes, urls) : '';
      if (kept === undefined) return undefined;
      out += `<${tag}${kept}${APPENDED[tag] ?? ''}${isVoid ? ' />' : '>'}`;
      if (!isVoid) open.push(tag);
    } else if (entity !== undefined) {
      const char = decodeEntity(entity);
      if (char === undefined) return undefined;
      out += escapeText(char);
    } else {
      out += token;
    }
  }
  return open.length === 0 ? { html: out, urls } : undefined;
}

// The fast path may only ever let through what the full sanitizer allows.
for (const tag of SIMPLE_TAGS) if (!ALLOWED_TAGS.includes(tag)) throw new Error(`simple-html: <${tag}> is not allowlisted`);
