/**
 * Which URLs may be published as a link or a source. Shared by the client (URL fields from
 * the API) and the components (props, which a site may fill from anywhere): a leaf module
 * of pure string checks that every layer may use.
 */

const PLAIN_HTTP_URL = /^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][!#-;=?-~]*)?$/i;

/**
 * An absolute http(s) URL with no white space or control character in it (a browser would
 * strip or ignore those, and what it would then see is not what was checked).
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value) || /[\x00-\x20\x7F]/.test(value)) return false;
  // The everyday shape (a plain host, printable ASCII after it) needs no parse: a list can hold thousands.
  if (PLAIN_HTTP_URL.test(value)) return true;
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * `value` when a page may use it as a source or a link to a file: an http(s) URL or a
 * reference on the site itself (`/_stagebloc/images/…`, as self-hosted media are, or a
 * relative one); otherwise undefined.
 */
export function publishableUrl(value: string | null | undefined): string | undefined {
  const href = linkableHref(value);
  return href !== undefined && !/^(?:mailto|tel):/i.test(href) ? href : undefined;
}

/**
 * `value` when a page may use it as a link a site chose (a card's `href`): a relative
 * reference (`tracks/1/`, `?page=2`, `#top`), a site path, or an http(s), mailto: or tel:
 * URL; otherwise undefined. A first segment with a colon is a scheme, however it is dressed.
 */
export function linkableHref(value: string | null | undefined): string | undefined {
  if (typeof value !== 'string' || value === '' || /[\x00-\x20\x7F]/.test(value) || /^[/\\]{2}/.test(value))
    return undefined;
  // A character reference in a link is an attempt to hide a scheme (`&#106;avascript:`).
  if (/&(?:#|[a-z][a-z0-9]*;)/i.test(value)) return undefined;
  const firstSegment = value.split(/[/?#]/, 1)[0] ?? '';
  if (!firstSegment.includes(':')) return value;
  return isHttpUrl(value) || /^(?:mailto|tel):[^\s]+$/i.test(value) ? value : undefined;
}
