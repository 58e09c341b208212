/**
 * The site's name, description and image: what the site's config says, else the artist's
 * profile on StageBloc (the `account` entry), field by field, so a site only writes down
 * what it wants to differ.
 */
import { FULL_PREFERENCE, pickImage } from './images.js';
import { publishableUrl } from '../text/urls.js';
import type { AccountEntry, EntryImage, EntryImages } from './types.js';

export interface SiteProfileConfig {
  name?: string | undefined;
  description?: string | undefined;
  /** An image URL or path, or an image set. */
  image?: string | EntryImages | undefined;
}

export interface SiteProfile {
  /** Config, else the account's name, else `fallbackName`. */
  name: string;
  description: string | undefined;
  image: EntryImage | undefined;
  /** The account's images (for OpenGraph, which picks its own size), when the image came from there. */
  images: EntryImages | undefined;
}

export function siteProfile(
  config: SiteProfileConfig,
  account: AccountEntry | undefined,
  fallbackName = 'Artist',
): SiteProfile {
  const profile = account?.data;
  const configImage =
    typeof config.image === 'string'
      ? publishableUrl(config.image)
        ? { url: config.image }
        : undefined
      : pickImage(config.image, FULL_PREFERENCE);
  const images =
    config.image === undefined ? profile?.images : typeof config.image === 'string' ? undefined : config.image;
  return {
    name: nonEmpty(config.name) ?? nonEmpty(profile?.name) ?? fallbackName,
    description: nonEmpty(config.description) ?? nonEmpty(profile?.description),
    image: config.image !== undefined ? configImage : pickImage(profile?.images, FULL_PREFERENCE),
    images,
  };
}

const nonEmpty = (text: string | null | undefined) => (text?.trim() ? text.trim() : undefined);
