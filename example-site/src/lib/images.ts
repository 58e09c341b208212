/**
 * Attributes for the site's own <img> tags (hero and photo-page images) from an entry's
 * image set: the preferred size as `src`, every size of known width in `srcset`, and
 * width/height so the browser reserves the box before the file arrives.
 */
type Image = { url: string; width?: number | undefined; height?: number | undefined };
type Images = Partial<Record<'thumbnail' | 'small' | 'medium' | 'large' | 'original', Image>>;

const SMALLEST_FIRST = ['thumbnail', 'small', 'medium', 'large', 'original'] as const;
const FALLBACK_ORDER = ['large', 'medium', 'original', 'small', 'thumbnail'] as const;

export interface Cover {
  url: string;
  srcset: string | undefined;
  width: number | undefined;
  height: number | undefined;
}

export function pickCover(images: Images | undefined, preferred: keyof Images): Cover | undefined {
  const image = [preferred, ...FALLBACK_ORDER].map((size) => images?.[size]).find((i) => i?.url);
  if (!image) return undefined;
  const candidates = new Map<number, string>();
  for (const size of SMALLEST_FIRST) {
    const candidate = images?.[size];
    if (candidate?.url && candidate.width && !candidates.has(candidate.width)) {
      candidates.set(candidate.width, `${candidate.url.replaceAll(' ', '%20').replaceAll(',', '%2C')} ${candidate.width}w`);
    }
  }
  return {
    url: image.url,
    srcset: candidates.size > 1 ? [...candidates.values()].join(', ') : undefined,
    width: image.width,
    height: image.height,
  };
}
