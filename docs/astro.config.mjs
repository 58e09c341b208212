// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { stagebloc } from 'astro-stagebloc';

// The component pages render the package's own components with the bundled demo account:
// `demo: true` runs the API simulator inside the build and copies the media the pages use
// into dist/, so the docs build needs no token and no network.
export default defineConfig({
  site: process.env.SITE_URL || 'https://docs.astro-stagebloc.example',
  trailingSlash: 'always',
  integrations: [
    stagebloc({ demo: true }),
    starlight({
      title: 'astro-stagebloc',
      description: 'Turn a StageBloc account into a fast, accessible static website with Astro.',
      customCss: ['./src/styles/stagebloc-theme.css'],
      // Long lines wrap instead of scrolling: no horizontal scrollbars on phones, and no
      // scrollable code regions (Expressive Code turns each into a landmark, and identical
      // ones, such as two untitled terminal blocks on a page, fail axe's landmark-unique).
      expressiveCode: { defaultProps: { wrap: true } },
      components: {
        // Starlight's search, with its visible shortcut keycaps hidden from assistive technology.
        Search: './src/components/Search.astro',
        // Starlight's content, with tables that scroll sideways reachable by keyboard.
        MarkdownContent: './src/components/MarkdownContent.astro',
      },
      sidebar: [
        { label: 'Start here', items: ['getting-started', 'template-and-example-site'] },
        {
          label: 'Collections',
          items: [
            'collections/setup',
            'collections/entries',
            'collections/visibility',
            'collections/syncing',
            'collections/media',
            'collections/tracks',
            'collections/playlists',
            'collections/blog',
            'collections/photos',
            'collections/albums',
            'collections/events',
            'collections/videos',
            'collections/statuses',
            'collections/account',
            'collections/live',
          ],
        },
        {
          label: 'Components',
          items: [
            'components/overview',
            'components/theming',
            'components/helpers',
            'components/track',
            'components/audio-player',
            'components/download-state',
            'components/duration',
            'components/playlist-player',
            'components/photo-gallery',
            'components/photo',
            'components/album-grid',
            'components/album-card',
            'components/playlist-grid',
            'components/playlist-card',
            'components/blog-list',
            'components/blog-post',
            'components/blog-archive',
            'components/tour-dates',
            'components/event-details',
            'components/video-embed',
            'components/status-feed',
            'components/structured-data',
            'components/open-graph',
          ],
        },
        { label: 'Feeds', items: ['feeds'] },
        { label: 'Tools', items: ['cli', 'client', 'simulator'] },
        { label: 'Running a site', items: ['deploying', 'troubleshooting', 'performance', 'limits'] },
        { label: 'Contributing', items: ['contributing/architecture', 'contributing/development'] },
      ],
    }),
  ],
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // Every MDX page that imports a component trips this bundler notice (withastro/astro#18087):
        // Astro's own head-propagation marker, harmless, and noise in the build log.
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
