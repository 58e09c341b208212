/**
 * Failures of live collections, returned (never thrown) as Astro's live-collection errors so
 * a page can render its error path. Messages are the sync's token-free explanations.
 */
import { LiveCollectionError } from 'astro/content/runtime';
import { explainSyncError } from '../sync/errors.js';

export class StageblocLiveError extends LiveCollectionError {
  constructor(collection: string, message: string, cause?: Error) {
    super(collection, message, cause);
    this.name = 'StageblocLiveError';
  }
}

export function liveError(collection: string, error: unknown, baseUrl: string | undefined): StageblocLiveError {
  const explained = explainSyncError(error, collection, baseUrl, { onRequest: true });
  return new StageblocLiveError(collection, explained.message, explained);
}
