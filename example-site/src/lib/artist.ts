/**
 * The band as the pages name it: the site's config (ARTIST in site.ts) where it says
 * something, else the account's profile on StageBloc.
 */
import { getCollection } from 'astro:content';
import { siteProfile, type SiteProfile } from 'astro-stagebloc/components';
import { ARTIST } from '../site.js';

let profile: Promise<SiteProfile> | undefined;

export function getArtist(): Promise<SiteProfile> {
  profile ??= getCollection('account').then(([account]) => siteProfile(ARTIST, account, 'Artist'));
  return profile;
}
