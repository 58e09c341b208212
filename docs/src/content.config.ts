// Starlight's pages and UI strings, and the five StageBloc collections of the demo account
// that the component and collection pages render (astro.config.mjs turns on demo mode).
import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { stageblocCollections } from 'astro-stagebloc';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // Starlight reads this collection on every page; declared (with one empty entry) so the
  // build does not warn that it is missing.
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  ...stageblocCollections(),
};
