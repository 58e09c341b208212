// Your StageBloc content as collections: blog, photos, albums, tracks, playlists, events,
// videos, statuses and account (the artist profile).
// Reads STAGEBLOC_ACCESS_TOKEN (and optionally STAGEBLOC_API_URL, STAGEBLOC_FORMAT) at build time.
import { stageblocCollections } from 'astro-stagebloc';

export const collections = stageblocCollections();
