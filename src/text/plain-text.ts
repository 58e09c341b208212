/**
 * Plain text from HTML, for excerpts, meta descriptions, JSON-LD and feeds: the one
 * implementation the loaders, components and feeds share. Raw HTML is read with
 * htmlparser2's tokenizer (the parser sanitize-html uses), which is linear in its input
 * whatever the input; building a tree or sanitizing first is not (unclosed or deeply
 * nested tags).
 */
import { Tokenizer } from 'htmlparser2';
import { withoutControlCharacters } from './control-characters.js';

/**
 * Elements whose content is never prose and goes with the tag: scripts, foreign-namespace markup
 * (SVG/MathML can smuggle scripts past naive filters), embedded documents, form controls. The
 * sanitizer drops them with their content too (content/sanitize.ts).
 */
export const NON_PROSE_ELEMENTS: readonly string[] = [
  'script',
  'style',
  'textarea',
  'option',
  'noscript',
  'svg',
  'math',
  'template',
  'title',
  'xmp',
  'noembed',
  'noframes',
  'object',
  'embed',
  'form',
  'select',
  'button',
];

/** Plain text also skips an iframe's content (raw text to a browser, never shown). */
const DROP_WITH_CONTENT = new Set([...NON_PROSE_ELEMENTS, 'iframe']);

/** Elements whose start and end are word boundaries in the text. */
const BLOCK_NAMES = new Set(
  'address article aside audio blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section summary table tbody td tfoot th thead tr ul video'.split(
    ' ',
  ),
);

const TEXT_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

const ignore = () => undefined;

/** Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed; linear in its length. */
export function htmlToPlainText(html: string | null | undefined): string {
  if (!html) return '';
  const parts: string[] = [];
  // Open elements whose text is dropped, by name: a close tag only ends what it opened.
  const dropping = new Map<string, number>();
  let droppedOpen = 0;
  const nameAt = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = nameAt(start, end);
        if (DROP_WITH_CONTENT.has(name)) {
          dropping.set(name, (dropping.get(name) ?? 0) + 1);
          droppedOpen++;
        } else if (droppedOpen === 0 && BLOCK_NAMES.has(name)) {
          // Block boundaries become spaces: "<figcaption>Merch</figcaption><p>Visit" is two words.
          parts.push(' ');
        }
      },
      onclosetag(start, end) {
        const name = nameAt(start, end);
        const open = dropping.get(name) ?? 0;
        if (open > 0) {
          dropping.set(name, open - 1);
          droppedOpen--;
        } else if (droppedOpen === 0 && BLOCK_NAMES.has(name)) {
          parts.push(' ');
        }
      },
      ontext(start, end) {
        if (droppedOpen === 0) parts.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (droppedOpen === 0) parts.push(String.fromCodePoint(codepoint));
      },
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onopentagend: ignore,
      onprocessinginstruction: ignore,
      onselfclosingtag: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return withoutControlCharacters(parts.join('')).replace(/\s+/g, ' ').trim();
}

const TOKENS = /<[^>]*>|[^<]+|</g;
const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9]*)/;
/**
 * htmlToPlainText for HTML that sanitize-html wrote (the loaders' sanitized bodies), without
 * parsing it again: there every `<`, `>` and `&` of text and attribute values is escaped, so
 * a tag is exactly `<…>`, and the only element whose text must go is the iframe (the other
 * DROP_WITH_CONTENT elements never survive sanitizing). A property test holds the two equal.
 */
export function plainTextOfSanitizedHtml(html: string | null | undefined, enough = Number.POSITIVE_INFINITY): string {
  if (!html) return '';
  let text = '';
  // An iframe's content is raw text, as browsers read it: the first </iframe> ends it.
  let inIframe = false;
  // With `enough`, the text stops once it is longer: what comes after cannot change its start
  // (tokens are whole, so entities are too), and an excerpt needs only the start.
  let checkpoint = Number.isFinite(enough) ? Math.max(64, 2 * enough) : Number.POSITIVE_INFINITY;
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(html); match; match = TOKENS.exec(html)) {
    const token = match[0];
    if (token.length > 1 && token.charCodeAt(0) === 60 /* < */) {
      const name = TAG_NAME.exec(token)?.[1]?.toLowerCase();
      if (name === 'iframe') inIframe = token.charCodeAt(1) !== 47 /* / */;
      else if (!inIframe && name !== undefined && BLOCK_NAMES.has(name)) text += '  ';
    } else if (!inIframe) {
      text += token;
      if (text.length >= checkpoint) {
        const flat = flatText(text);
        if (flat.length > enough) return flat;
        checkpoint *= 2;
      }
    }
  }
  return flatText(text);
}

function flatText(text: string): string {
  return text
    .replace(/&(amp|lt|gt|quot|#39);/g, (m) => TEXT_ENTITIES[m] ?? m)
    .replace(/\s+/g, ' ')
    .trim();
}

/** At most `max` characters, cut at a word boundary when one is near, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
