// The StageBloc collections (blog, photos, albums, tracks, playlists, events, videos,
// statuses and the account profile). The token, API URL and format come from
// STAGEBLOC_ACCESS_TOKEN, STAGEBLOC_API_URL and STAGEBLOC_FORMAT; without a token
// astro.config.mjs switches to the demo account.
import { stageblocCollections } from 'astro-stagebloc';

export const collections = stageblocCollections();
