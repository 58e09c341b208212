/**
 * Post HTML for feed readers. The loaders sanitized it for the site already; feeds
 * sanitize again with a stricter list (no iframes or forms, which readers block) and
 * make relative links and images absolute, since a feed is read away from the site.
 */
import sanitizeHtml from 'sanitize-html';

export function feedHtml(html: string, site: URL): string {
  const absolutize = (value: string | undefined) => {
    if (!value) return value;
    try {
      return new URL(value, site).href;
    } catch {
      return value;
    }
  };
  return sanitizeHtml(html, {
    allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img', 'figure', 'figcaption', 'picture', 'source'],
    allowedAttributes: {
      a: ['href', 'title', 'rel'],
      img: ['src', 'srcset', 'alt', 'title', 'width', 'height'],
      source: ['srcset', 'type', 'media'],
      '*': ['lang', 'dir'],
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: {
      a: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, ...(attribs.href ? { href: absolutize(attribs.href)! } : {}) },
      }),
      img: (tagName, attribs) => ({
        tagName,
        attribs: { ...attribs, ...(attribs.src ? { src: absolutize(attribs.src)! } : {}) },
      }),
    },
  });
}
