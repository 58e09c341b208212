/**
 * Responsive-image attributes from a StageBloc image set. Widths are only known
 * when the loaders measured them; a `w` descriptor is never guessed, because a
 * wrong one makes browsers pick the wrong file.
 */
import { publishableUrl } from '../text/urls.js';
import type { EntryImage, EntryImages, ImageSizeName } from './types.js';

const SMALLEST_FIRST: readonly ImageSizeName[] = ['thumbnail', 'small', 'medium', 'large', 'original'];

/** The first size present in `preference` order (whose URL a page may use). */
export function pickImage(
  images: EntryImages | undefined,
  preference: readonly ImageSizeName[],
): EntryImage | undefined {
  for (const size of preference) {
    const image = images?.[size];
    if (publishableUrl(image?.url)) return image;
  }
  return undefined;
}

/** The display image for grids: medium is the usual card size, then the nearest ones. */
export const GRID_PREFERENCE: readonly ImageSizeName[] = ['medium', 'large', 'small', 'original', 'thumbnail'];
/** The image a no-JS photo link and the lightbox open: large, never the (possibly huge) original first. */
export const FULL_PREFERENCE: readonly ImageSizeName[] = ['large', 'original', 'medium', 'small', 'thumbnail'];

/** `url 150w, url 640w, …` from the sizes whose width is known; undefined with fewer than two. */
export function srcsetOf(images: EntryImages | undefined): string | undefined {
  const seen = new Set<number>();
  const candidates: string[] = [];
  for (const size of SMALLEST_FIRST) {
    const image = images?.[size];
    if (!publishableUrl(image?.url) || !isPositive(image!.width) || seen.has(image!.width)) continue;
    seen.add(image!.width);
    candidates.push(`${encodeSrcsetUrl(image!.url)} ${image!.width}w`);
  }
  return candidates.length > 1 ? candidates.join(', ') : undefined;
}

/** `width`/`height` attributes when both are known; `{}` otherwise (CSS aspect-ratio then holds the box). */
export function dimensionsOf(image: EntryImage | undefined): { width?: number; height?: number } {
  return image && isPositive(image.width) && isPositive(image.height)
    ? { width: image.width, height: image.height }
    : {};
}

function isPositive(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

// Commas and spaces separate srcset candidates, so they must not appear raw in a URL.
function encodeSrcsetUrl(url: string): string {
  return url.replace(/ /g, '%20').replace(/,/g, '%2C');
}
