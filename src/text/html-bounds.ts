/**
 * HTML fields of a bounded size, so no field from the API can make a build's later work
 * (sanitizing, excerpts, feeds) take unbounded time: the sanitizer's work grows faster than
 * linearly with deeply nested or unclosed tags.
 */

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
  // Never split a surrogate pair.
  if (end > 0 && html.charCodeAt(end - 1) >= 0xd800 && html.charCodeAt(end - 1) <= 0xdbff) end--;
  const over =
    tags > MAX_HTML_TAGS
      ? `more than ${MAX_HTML_TAGS.toLocaleString('en-US')} tags`
      : `${html.length.toLocaleString('en-US')} characters, more than ${MAX_HTML_CHARACTERS.toLocaleString('en-US')}`;
  return { html: html.slice(0, end), cut: over };
}
