/**
 * The STAGEBLOC_* settings the loaders read, declared in Astro's env schema so Astro
 * validates them when the site starts and `astro:env/server` gives them types. Values and
 * spellings are exactly what the loaders accept (settings.ts), so a valid setting is never
 * refused by one and read by the other.
 */
import type { AstroConfig } from 'astro';
import { envField } from 'astro/config';

const server = { context: 'server', access: 'public', optional: true } as const;

/** What settings.ts `flag()` reads as on or off. */
const FLAG_SPELLINGS = ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'];

export const STAGEBLOC_ENV_SCHEMA: AstroConfig['env']['schema'] = {
  /** Secret: never inlined into a bundle; read from the environment where it is used. */
  STAGEBLOC_ACCESS_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
  STAGEBLOC_API_URL: envField.string({ ...server, url: true }),
  STAGEBLOC_FORMAT: envField.enum({ ...server, values: ['json', 'xml'] }),
  STAGEBLOC_DRAFTS: envField.enum({ ...server, values: FLAG_SPELLINGS }),
  STAGEBLOC_MEDIA: envField.enum({ ...server, values: ['remote', 'self-host'] }),
  STAGEBLOC_ON_ERROR: envField.enum({ ...server, values: ['fail', 'use-snapshot'] }),
  STAGEBLOC_SNAPSHOT_DIR: envField.string({ ...server }),
  /** `astro dev`: the shared secret of the refresh endpoint (see dev-refresh.ts). */
  STAGEBLOC_REFRESH_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
};
