// A local Netlify build plugin (no npm package needed): keeps Astro's content data store
// and the astro-stagebloc loader cache (snapshot + self-hosted media, both in
// node_modules/.astro) between builds, so a rebuild with nothing new on StageBloc costs
// one request per collection. Restoring is harmless when the cache is empty.
const CACHED = ['node_modules/.astro'];

export const onPreBuild = async ({ utils }) => {
  for (const dir of CACHED) await utils.cache.restore(dir);
};

export const onPostBuild = async ({ utils }) => {
  for (const dir of CACHED) await utils.cache.save(dir);
};
