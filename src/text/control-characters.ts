/**
 * Characters no published text may hold: C0 controls but tab, line feed and carriage return;
 * DEL and the C1 controls; lone surrogates; U+FFFE/U+FFFF. XML 1.0 cannot carry most of
 * them (one in a feed makes strict readers reject the whole feed), and the rest only serve
 * to hide something.
 */
const FORBIDDEN =
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_GLOBAL = new RegExp(FORBIDDEN.source, 'g');

/** `text` without the characters no published text may hold. */
export function withoutControlCharacters(text: string): string {
  return FORBIDDEN.test(text) ? text.replace(FORBIDDEN_GLOBAL, '') : text;
}
