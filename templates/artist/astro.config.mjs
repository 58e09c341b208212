// @ts-check
import { defineConfig } from 'astro/config';
import { stagebloc } from 'astro-stagebloc';
import { loadEnv } from 'vite';

// Read .env now (Astro copies it into process.env only once the build has started).
const mode = process.argv.includes('dev') ? 'development' : 'production';
const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };

// Without STAGEBLOC_ACCESS_TOKEN a local build uses the bundled demo account (and the pages
// say so in a banner). On CI and deploy hosts it does not: the build fails with the
// missing-token message rather than publishing a fictional band as your website.
const onDeployHost = Boolean(env.CI || env.NETLIFY || env.VERCEL);
const demo = !env.STAGEBLOC_ACCESS_TOKEN && !onDeployHost;

export default defineConfig({
  // Your site's address: used for canonical links and feeds. Netlify and Vercel provide one.
  site:
    env.SITE_URL ||
    env.URL ||
    (env.VERCEL_PROJECT_PRODUCTION_URL ? `https://${env.VERCEL_PROJECT_PRODUCTION_URL}` : '') ||
    'https://example.com',
  trailingSlash: 'always',
  integrations: [stagebloc({ demo })],
  build: { inlineStylesheets: 'always' },
  vite: {
    define: { __STAGEBLOC_DEMO__: JSON.stringify(demo) },
  },
});
