/**
 * HTML from StageBloc (blog bodies, descriptions) is written by account admins but
 * rendered on a public site, so it is treated as untrusted: an explicit allowlist
 * (html-allowlist.ts), never a denylist, applied by sanitize-html. Anything not listed is
 * dropped. Each field is bounded first (text/html-bounds.ts): sanitize-html's work grows
 * faster than linearly with unclosed or deeply nested tags.
 */
import sanitizeHtml from 'sanitize-html';
import { htmlToPlainText, NON_PROSE_ELEMENTS, plainTextOfSanitizedHtml, truncateText } from '../text/plain-text.js';
import { ALLOWED_ATTRIBUTES, ALLOWED_TAGS } from './html-allowlist.js';
import { withoutControlCharacters } from '../text/control-characters.js';
import { boundHtml } from '../text/html-bounds.js';

export { htmlToPlainText };

/** Hosts whose players may be embedded with <iframe>; everything else is removed. */
export const DEFAULT_EMBED_HOSTS: readonly string[] = [
  'www.youtube.com',
  'www.youtube-nocookie.com',
  'player.vimeo.com',
  'bandcamp.com',
  'w.soundcloud.com',
  'open.spotify.com',
];

// Tags whose *content* must go too, not just the tag (see NON_PROSE_ELEMENTS).
const DROP_WITH_CONTENT = [...NON_PROSE_ELEMENTS];

export interface SanitizeOptions {
  /** Replaces the default embed host allowlist. */
  embedHosts?: readonly string[];
  /**
   * Media URLs that must not be published (files of private or locked items): images,
   * embeds and links pointing at them are removed (a link keeps its text).
   */
  blockedUrls?: ReadonlySet<string>;
}

const URL_ATTRIBUTES = ['src', 'href'] as const;

function buildOptions(
  embedHosts: readonly string[],
  blockedUrls?: ReadonlySet<string>,
  seenUrls?: string[],
): sanitizeHtml.IOptions {
  return {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, names]) => [tag, [...names]])),
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https'], iframe: ['https'] },
    allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
    allowProtocolRelative: false,
    allowedIframeHostnames: [...embedHosts],
    allowIframeRelativeUrls: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROP_WITH_CONTENT,
    allowVulnerableTags: false,
    transformTags: {
      // User-generated links must not pass referrer-window access or ranking credit.
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener ugc' } }),
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
      iframe: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
    },
    exclusiveFilter: (frame) => {
      // Drop iframes whose src was stripped (disallowed host or scheme): an empty frame is noise.
      if (frame.tag === 'iframe' && !frame.attribs.src) return true;
      if (seenUrls) for (const a of URL_ATTRIBUTES) if (frame.attribs[a]) seenUrls.push(frame.attribs[a]);
      if (blockedUrls?.size && URL_ATTRIBUTES.some((a) => frame.attribs[a] && blockedUrls.has(frame.attribs[a]!))) {
        return frame.tag === 'a' ? 'excludeTag' : true;
      }
      return false;
    },
  };
}

const defaultOptions = buildOptions(DEFAULT_EMBED_HOSTS);

/** sanitize-html with our options, untrimmed. `seenUrls` collects the URLs the blocked-URL check looked at. */
function sanitizeWithOptions(html: string, options: SanitizeOptions = {}, seenUrls?: string[]): string {
  const opts =
    options.embedHosts || options.blockedUrls?.size || seenUrls
      ? buildOptions(options.embedHosts ?? DEFAULT_EMBED_HOSTS, options.blockedUrls, seenUrls)
      : defaultOptions;
  // sanitize-html writes what character references (`&#1;`) stand for as raw characters.
  return withoutControlCharacters(sanitizeHtml(html, opts));
}

/** Whether sanitizing with `blocked` could change HTML whose checked URLs are `urls`. */
export function touchesBlocked(urls: readonly string[], blocked: ReadonlySet<string> | undefined): boolean {
  return Boolean(blocked?.size && urls.some((url) => blocked.has(url)));
}

/** Sanitized HTML, or null for null/blank input. */
export function sanitizeRichText(html: string | null | undefined, options: SanitizeOptions = {}): string | null {
  if (html == null || html.trim() === '') return null;
  return sanitizeWithOptions(boundHtml(html).html, options).trim();
}

export interface TrackedSanitize {
  html: string | null;
  /**
   * The src/href values of every element the blocked-URL check looks at: when none of them
   * is in a `blockedUrls` set, sanitizing with that set gives exactly `html`.
   */
  urls: string[];
}

/** Sanitized HTML without any blocked URLs, plus the URLs that decide whether blocking would change it. */
export function sanitizeRichTextTracked(
  html: string | null | undefined,
  options: Omit<SanitizeOptions, 'blockedUrls'> = {},
): TrackedSanitize {
  const urls: string[] = [];
  if (html == null || html.trim() === '') return { html: null, urls };
  return {
    html: sanitizeWithOptions(
      boundHtml(html).html,
      { embedHosts: options.embedHosts ?? DEFAULT_EMBED_HOSTS },
      urls,
    ).trim(),
    urls,
  };
}

export interface SanitizedEmbed {
  /** The allowlisted iframes of the embed code (nothing else survives); null when none did. */
  html: string | null;
  /** The first iframe's https `src`: what a click-to-load player opens. */
  src: string | null;
}

/**
 * A video's player HTML (oEmbed's `html`): only iframes, from the same embed hosts as rich
 * text's. An http player URL on an allowlisted host is upgraded to https, as its host
 * serves it (oEmbed answers of StageBloc's time, the docs' example among them, used http).
 */
export function sanitizeEmbedCode(
  html: string | null | undefined,
  options: Omit<SanitizeOptions, 'blockedUrls'> = {},
): SanitizedEmbed {
  if (html == null || html.trim() === '') return { html: null, src: null };
  const sources: string[] = [];
  const embedHosts = options.embedHosts ?? DEFAULT_EMBED_HOSTS;
  const base = buildOptions(embedHosts);
  const sanitized = withoutControlCharacters(
    sanitizeHtml(boundHtml(html).html, {
      ...base,
      allowedTags: ['iframe'],
      allowedAttributes: { iframe: [...(ALLOWED_ATTRIBUTES['iframe'] ?? [])] },
      transformTags: {
        iframe: (tagName, attribs) => ({
          tagName,
          attribs: {
            ...attribs,
            ...(attribs.src ? { src: attribs.src.replace(/^http:\/\//i, 'https://') } : {}),
            loading: 'lazy',
          },
        }),
      },
      exclusiveFilter: (frame) => {
        if (!frame.attribs.src) return true;
        sources.push(frame.attribs.src);
        return false;
      },
      // A player is an iframe and nothing else: text around it is not part of it.
      textFilter: () => '',
    }),
  ).trim();
  return sanitized === '' ? { html: null, src: null } : { html: sanitized, src: sources[0] ?? null };
}

/** Plain text cut at a word boundary to at most `maxLength` characters (with an ellipsis when cut). */
export function excerptOf(html: string | null | undefined, maxLength = 200): string {
  return truncateText(htmlToPlainText(html), maxLength);
}

/** excerptOf for HTML sanitizeRichText returned: the same text, without a second parse. */
export function excerptOfSanitized(html: string | null | undefined, maxLength = 200): string {
  // The text past what the excerpt can show is not worked out.
  return truncateText(plainTextOfSanitizedHtml(html, maxLength), maxLength);
}
