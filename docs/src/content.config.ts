// Starlight's pages, and the five StageBloc collections of the demo account that the
// component pages render (astro.config.mjs turns on demo mode).
import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { stageblocCollections } from 'astro-stagebloc';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  ...stageblocCollections(),
};
