// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { stagebloc } from 'astro-stagebloc';

export default defineConfig({
  // Your site's address: canonical links, Open Graph URLs, the sitemap and feeds. Set SITE_URL in
  // your host's environment (or write it here); Netlify and Vercel provide one of their own.
  site:
    process.env.SITE_URL ||
    process.env.URL ||
    (process.env.VERCEL_PROJECT_PRODUCTION_URL ? `https://${process.env.VERCEL_PROJECT_PRODUCTION_URL}` : '') ||
    'https://example.com',
  trailingSlash: 'always',
  integrations: [
    // demo: 'auto' builds the bundled demo account only when no STAGEBLOC_ACCESS_TOKEN is set (here
    // or in .env) and never on CI, Netlify or Vercel: there a build without a token fails with the
    // missing-token message rather than publish a fictional band. Pages read it as __STAGEBLOC_DEMO__.
    stagebloc({ demo: 'auto' }),
    sitemap(),
  ],
  build: { inlineStylesheets: 'always' },
});
