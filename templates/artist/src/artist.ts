/** Your name, description and picture: what site.ts says, else your StageBloc profile. */
import { getCollection } from 'astro:content';
import { siteProfile, type SiteProfile } from 'astro-stagebloc/components';
import { SITE } from './site.js';

let profile: Promise<SiteProfile> | undefined;

export function getArtist(): Promise<SiteProfile> {
  profile ??= getCollection('account').then(([account]) => siteProfile(SITE, account, 'Artist'));
  return profile;
}
