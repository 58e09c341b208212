/**
 * HTML fields of a bounded size, so no field from the API can make a build's later work
 * (sanitizing, excerpts, feeds) take unbounded time: the sanitizer's work grows faster than
 * linearly with deeply nested or unclosed tags, and with comment markers inside a link
 * (its href check strips them one at a time over the whole value).
 */

/** The largest HTML field sanitized as it is; longer ones are cut (see boundHtml). */
export const MAX_HTML_CHARACTERS = 200_000;
/** The most tags (counted as `<`) an HTML field may hold; the sanitizer's work grows faster than linearly with deeply nested or unclosed tags. */
export const MAX_HTML_TAGS = 10_000;
/** The most comment openers (`<!--`) an HTML field may hold; a real post has a handful at most. */
export const MAX_HTML_COMMENTS = 100;

export interface BoundedHtml {
  html: string;
  /** Set when the field was cut: what was over the limit. */
  cut?: string;
}

/**
 * HTML no longer than MAX_HTML_CHARACTERS, with at most MAX_HTML_TAGS `<` and
 * MAX_HTML_COMMENTS `<!--`: a longer field is cut before the first character over a limit
 * (the sanitizer closes what is left open). Real posts are far below all three; only a
 * broken or hostile field reaches them.
 */
export function boundHtml(html: string): BoundedHtml {
  let end = Math.min(html.length, MAX_HTML_CHARACTERS);
  let tags = 0;
  let comments = 0;
  for (let at = html.indexOf('<'); at !== -1 && at < end; at = html.indexOf('<', at + 1)) {
    const comment = html.startsWith('!--', at + 1);
    if (++tags > MAX_HTML_TAGS || (comment && ++comments > MAX_HTML_COMMENTS)) {
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
      : comments > MAX_HTML_COMMENTS
        ? `more than ${MAX_HTML_COMMENTS} comments`
        : `${html.length.toLocaleString('en-US')} characters, more than ${MAX_HTML_CHARACTERS.toLocaleString('en-US')}`;
  return { html: html.slice(0, end), cut: over };
}
