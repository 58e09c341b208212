/**
 * `reference()` for collections defined by this package. `astro:content` is a virtual
 * module that only exists inside Vite, so a published loader cannot import it; this builds
 * the same schema Astro's own `reference()` builds (Astro 7: a string id becomes
 * `{ id, collection }`, which `getEntry()`/`getEntries()` accept and the content layer
 * checks for dangling links after every sync).
 */
import { z } from 'astro/zod';

export type StageblocCollectionName = 'tracks' | 'playlists' | 'blog' | 'photos' | 'albums';

export interface EntryReference<C extends string> {
  collection: C;
  id: string;
}

export function reference<C extends StageblocCollectionName>(collection: C) {
  return z
    .union([z.string(), z.object({ id: z.string(), collection: z.literal(collection) })])
    .transform((value): EntryReference<C> => (typeof value === 'string' ? { id: value, collection } : value));
}
