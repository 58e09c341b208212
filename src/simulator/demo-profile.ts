/**
 * Who the demo token belongs to: the accounts its user administers (the band's own, which
 * the token is connected to, and a side project), the user, and the OAuth application.
 */
import { ARTIST, AUTHORS } from './demo-content.js';
import { DEMO_REFERENCE_TIME } from './dates.js';
import { imageSet, wireDate } from './record-parts.js';
import type { AccountRecord, TokenOwnerRecord } from './types.js';

const BAND_SLUG = 'juniperstatic';

/** The band's profile picture (an image id like any other: it picks a demo file). */
const PROFILE_IMAGE_ID = 9001;

export function demoAccounts(mediaBaseUrl: string): AccountRecord[] {
  return [
    {
      id: ARTIST.accountId,
      name: ARTIST.name,
      stagebloc_url: BAND_SLUG,
      authenticated: true,
      description: ARTIST.bio,
      images: imageSet(mediaBaseUrl, PROFILE_IMAGE_ID, wireDate(Date.UTC(2014, 8, 1))),
    },
    {
      id: ARTIST.accountId + 7,
      name: 'Nora Vance',
      stagebloc_url: 'noravance',
      // A documented boolean the API sometimes writes as 0/1.
      authenticated: 0,
      description: 'Solo songs, mostly on a borrowed piano.',
      images: [],
    },
  ];
}

export function demoTokenOwner(): TokenOwnerRecord {
  return {
    account: { id: ARTIST.accountId, name: ARTIST.name, stagebloc_url: BAND_SLUG },
    user: { id: AUTHORS[0].id, name: AUTHORS[0].name },
    application: {
      name: 'Juniper Static website',
      description: `The band's site, built with astro-stagebloc (since ${wireDate(DEMO_REFERENCE_TIME).slice(0, 4)}).`,
    },
  };
}
