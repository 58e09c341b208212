/**
 * The parts of collection entry data that mapping builds (the "Collection entry data"
 * contract in DEVELOPERS.md). The loaders' zod schemas (loaders/schemas.ts) produce exactly
 * these types; a compile-time check there holds the two together.
 */
import type { ImageSize } from '../sync/account-data.js';

/** `url` is remote (media: 'remote') or a site-local path (media: 'self-host'). */
export interface ImageData {
  url: string;
  width?: number | undefined;
  height?: number | undefined;
}

export type ImagesData = Partial<Record<ImageSize, ImageData>>;

export type DownloadFormat = 'none' | 'mp3-128' | 'mp3-320' | 'source';

export type DownloadData = {
  free: { format: DownloadFormat; requireFollow: boolean };
  paid: { format: DownloadFormat; requireFollow: boolean; price: number; nameYourPrice: boolean };
} | null;

export type LocationData = {
  name: string;
  website: string | null;
  address: {
    streetAddress: string | null;
    city: string | null;
    stateProvince: string | null;
    postalCode: string | null;
    country: string | null;
  } | null;
} | null;
