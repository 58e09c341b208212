// Your StageBloc content as five collections: blog, photos, albums, tracks, playlists.
// Reads STAGEBLOC_ACCESS_TOKEN (and optionally STAGEBLOC_API_URL, STAGEBLOC_FORMAT) at build time.
import { stageblocCollections } from 'astro-stagebloc';

export const collections = stageblocCollections();
