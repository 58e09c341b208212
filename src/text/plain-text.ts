/**
 * Plain text from HTML, for excerpts, meta descriptions, JSON-LD and feeds: the one
 * implementation the loaders, components and feeds share.
 */
import sanitizeHtml from 'sanitize-html';

/** Elements whose text is never prose (scripts, embedded documents, form controls). */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'noscript', 'svg', 'math', 'template',
  'title', 'xmp', 'noembed', 'noframes', 'object', 'embed', 'form', 'select', 'button', 'iframe',
];

/** Elements whose start and end are word boundaries in the text. */
const BLOCK_NAMES = new Set(
  'address article aside audio blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr img li main nav ol p pre section summary table tbody td tfoot th thead tr ul video'.split(' '),
);

/**
 * Block boundaries become spaces: without this, "<figcaption>Merch</figcaption><p>Visit"
 * reads "MerchVisit" once the tags are gone.
 */
const BLOCK_BOUNDARY = new RegExp(`<\\/?(?:${[...BLOCK_NAMES].join('|')})\\b[^>]*>`, 'gi');

const TEXT_ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed. */
export function htmlToPlainText(html: string | null | undefined): string {
  if (!html) return '';
  const spaced = html.replace(BLOCK_BOUNDARY, ' $& ');
  const text = sanitizeHtml(spaced, { allowedTags: [], allowedAttributes: {}, nonTextTags: DROP_WITH_CONTENT });
  // sanitize-html re-escapes text; callers want plain text (templates escape it themselves).
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => TEXT_ENTITIES[m] ?? m).replace(/\s+/g, ' ').trim();
}

const TOKENS = /<[^>]*>|[^<]+|</g;
const TAG_NAME = /^<\/?([A-Za-z][A-Za-z0-9]*)/;
/**
 * htmlToPlainText for HTML that sanitize-html wrote (the loaders' sanitized bodies), without
 * parsing it again: there every `<`, `>` and `&` of text and attribute values is escaped, so
 * a tag is exactly `<…>`, and the only element whose text must go is the iframe (the other
 * DROP_WITH_CONTENT elements never survive sanitizing). A property test holds the two equal.
 */
export function plainTextOfSanitizedHtml(html: string | null | undefined): string {
  if (!html) return '';
  let text = '';
  let inIframe = 0;
  TOKENS.lastIndex = 0;
  for (let match = TOKENS.exec(html); match; match = TOKENS.exec(html)) {
    const token = match[0];
    if (token.length > 1 && token.charCodeAt(0) === 60 /* < */) {
      const name = TAG_NAME.exec(token)?.[1]?.toLowerCase();
      if (name === 'iframe') inIframe = token.charCodeAt(1) === 47 /* / */ ? Math.max(0, inIframe - 1) : inIframe + 1;
      else if (inIframe === 0 && name !== undefined && BLOCK_NAMES.has(name)) text += '  ';
    } else if (inIframe === 0) {
      text += token;
    }
  }
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (m) => TEXT_ENTITIES[m] ?? m).replace(/\s+/g, ' ').trim();
}

/** At most `max` characters, cut at a word boundary when one is near, with an ellipsis when cut. */
export function truncateText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
