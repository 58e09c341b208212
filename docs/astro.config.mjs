// @ts-check
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { stagebloc } from 'astro-stagebloc';

// The component pages render the package's components with the bundled demo account:
// `demo: true` runs the API simulator inside the build and copies its media into dist/.
export default defineConfig({
  site: process.env.SITE_URL || 'https://docs.astro-stagebloc.example',
  trailingSlash: 'always',
  integrations: [
    stagebloc({ demo: true }),
    starlight({
      title: 'astro-stagebloc',
      description: 'Turn a StageBloc account into a fast, accessible static website with Astro.',
      sidebar: [
        { label: 'Start here', items: ['getting-started'] },
        { label: 'Components', items: [{ autogenerate: { directory: 'components' } }] },
      ],
    }),
  ],
  devToolbar: { enabled: false },
});
