/**
 * What the client lets through of the API's text, whatever an account holds: no character
 * that XML 1.0 cannot carry or that only serves to hide something (C0 controls but tab,
 * LF and CR; DEL and the C1 controls; lone surrogates; U+FFFE/U+FFFF), URLs that are
 * http(s) or nothing, and HTML fields of a bounded size, so no field can make a build's
 * later work (sanitizing, excerpts, feeds) take unbounded time.
 */

/** Characters no published text may hold. */
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_GLOBAL = new RegExp(FORBIDDEN.source, 'g');

/** `text` without the characters no published text may hold. */
export function withoutControlCharacters(text: string): string {
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN_GLOBAL, '') : text;
}

/**
 * Whether a URL from the API may be published as a link or a source: it parses as an
 * absolute http(s) URL and holds no white space or control character (a browser would strip
 * or ignore them, and what it would then see is not what was checked).
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /[\x00-\x20\x7F]/.test(value)) return false;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** The largest HTML field sanitized as it is; longer ones are cut (see boundHtml). */
export const MAX_HTML_CHARACTERS = 200_000;
/** The most tags (counted as `<`) an HTML field may hold; the sanitizer's work grows faster than linearly with deeply nested or unclosed tags. */
export const MAX_HTML_TAGS = 10_000;

export interface BoundedHtml {
  html: string;
  /** Set when the field was cut: what was over the limit. */
  cut?: string;
}

/**
 * HTML no longer than MAX_HTML_CHARACTERS and with at most MAX_HTML_TAGS `<`: a longer
 * field is cut before the first character over either limit (the sanitizer closes what is
 * left open). Real posts are far below both; only a broken or hostile field reaches them.
 */
export function boundHtml(html: string): BoundedHtml {
  let end = Math.min(html.length, MAX_HTML_CHARACTERS);
  let tags = 0;
  for (let at = html.indexOf('<'); at !== -1 && at < end; at = html.indexOf('<', at + 1)) {
    if (++tags > MAX_HTML_TAGS) {
      end = at;
      break;
    }
  }
  if (end === html.length) return { html };
  const over =
    tags > MAX_HTML_TAGS
      ? `more than ${MAX_HTML_TAGS.toLocaleString('en-US')} tags`
      : `${html.length.toLocaleString('en-US')} characters, more than ${MAX_HTML_CHARACTERS.toLocaleString('en-US')}`;
  return { html: html.slice(0, end), cut: over };
}
