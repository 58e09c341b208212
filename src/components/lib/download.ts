/** Download/purchase state in words, from a track's or playlist's download details. */
import type { DownloadFormat, EntryDownload } from '../../entries/types.js';

const FORMAT_NAMES: Record<Exclude<DownloadFormat, 'none'>, string> = {
  'mp3-128': '128 kb MP3',
  'mp3-320': '320 kb MP3',
  source: 'source WAV/AIFF',
};

export interface DownloadOffer {
  kind: 'free' | 'paid';
  format: Exclude<DownloadFormat, 'none'>;
  formatName: string;
  requireFollow: boolean;
  /** USD, paid offers only. */
  price?: number;
  nameYourPrice?: boolean;
  /** One sentence for people, e.g. "Buy the 320 kb MP3 for $1.60 or more". */
  text: string;
}

export function formatPrice(usd: number): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(usd);
}

/** Free offer first; empty when nothing can be downloaded or bought. */
export function downloadOffers(download: EntryDownload | undefined): DownloadOffer[] {
  if (!download) return [];
  const offers: DownloadOffer[] = [];
  const { free, paid } = download;
  if (free.format !== 'none') {
    const formatName = FORMAT_NAMES[free.format];
    offers.push({
      kind: 'free',
      format: free.format,
      formatName,
      requireFollow: free.requireFollow,
      text: `Free download: ${formatName}${free.requireFollow ? ' (follow required)' : ''}`,
    });
  }
  if (paid.format !== 'none') {
    const formatName = FORMAT_NAMES[paid.format];
    const price = `${formatPrice(paid.price)}${paid.nameYourPrice ? ' or more' : ''}`;
    offers.push({
      kind: 'paid',
      format: paid.format,
      formatName,
      requireFollow: paid.requireFollow,
      price: paid.price,
      nameYourPrice: paid.nameYourPrice,
      text: `Buy the ${formatName} for ${price}${paid.requireFollow ? ' (follow required)' : ''}`,
    });
  }
  return offers;
}
