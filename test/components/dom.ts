/** Parsed DOM of rendered component HTML, and the accessibility facts tests assert on. */
import { parseHTML } from 'linkedom';

export function parse(html: string): Document {
  return parseHTML(`<!doctype html><html lang="en"><head></head><body>${html}</body></html>`)
    .document as unknown as Document;
}

export function all<T extends Element = Element>(root: ParentNode, selector: string): T[] {
  return [...root.querySelectorAll<T>(selector)];
}

export function one<T extends Element = Element>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`No element matches ${selector}`);
  return found;
}

export function text(element: Element | null | undefined): string {
  return (element?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * The accessible name, for the cases these components use: aria-label,
 * aria-labelledby, or the text content (alt text for images), in that order.
 */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label');
  if (label) return label.trim();
  const labelledBy = element.getAttribute('aria-labelledby');
  if (labelledBy) {
    const doc = element.ownerDocument;
    return labelledBy
      .split(/\s+/)
      .map((id) => text(doc.getElementById(id)))
      .join(' ')
      .trim();
  }
  if (element.tagName === 'IMG') return element.getAttribute('alt') ?? '';
  return text(element);
}

/** `url 240w, url 500w` → [{url, width}]. */
export function parseSrcset(srcset: string | null): Array<{ url: string; width: number }> {
  if (!srcset) return [];
  return srcset.split(',').map((candidate) => {
    const [url, descriptor] = candidate.trim().split(/\s+/);
    const match = /^(\d+)w$/.exec(descriptor ?? '');
    if (!url || !match) throw new Error(`Not a width descriptor candidate: "${candidate}"`);
    return { url, width: Number(match[1]) };
  });
}
