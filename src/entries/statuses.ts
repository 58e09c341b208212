/** Status updates for pages and feeds. */
import type { StatusEntry } from './types.js';

/** Newest first; at most `limit`. */
export function newestStatuses(statuses: readonly StatusEntry[], limit?: number): StatusEntry[] {
  const sorted = [...statuses].sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
  return limit === undefined ? sorted : sorted.slice(0, Math.max(0, limit));
}
