// @ts-check
import { defineConfig } from 'astro/config';
import sitemap from '@astrojs/sitemap';
import { stagebloc } from 'astro-stagebloc';
import { loadEnv } from 'vite';

// Astro copies .env into process.env only once the build has started; the demo decision
// has to be made now, so read .env the way Astro will.
const mode = process.argv.includes('dev') ? 'development' : 'production';
const env = { ...loadEnv(mode, process.cwd(), ''), ...process.env };

// No token: the showcase builds from the bundled demo account (a fictional band served by
// the in-process API simulator, media copied into dist/ so the site works offline).
const demo = !env.STAGEBLOC_ACCESS_TOKEN;

// The canonical origin: SITE_URL, else what Netlify/Vercel tell the build, else the demo's.
const site =
  env.SITE_URL ||
  env.URL ||
  (env.VERCEL_PROJECT_PRODUCTION_URL ? `https://${env.VERCEL_PROJECT_PRODUCTION_URL}` : '') ||
  'https://astro-stagebloc.example';

export default defineConfig({
  site,
  trailingSlash: 'always',
  integrations: [stagebloc({ demo }), sitemap()],
  build: {
    // The whole stylesheet is a few KB: inlining it saves a render-blocking request.
    inlineStylesheets: 'always',
  },
  devToolbar: { enabled: false },
  vite: {
    define: { __STAGEBLOC_DEMO__: JSON.stringify(demo) },
  },
});
