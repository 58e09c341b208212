/**
 * The visibility policy, safe by default: what a public static site may show of an item.
 * Kept apart from mapping so the rule is stated (and tested) in one place.
 */

export type ExclusivePolicy = 'lock' | 'include' | 'exclude';

export interface VisibilityPolicy {
  /** Keep drafts (blog status 0); for preview builds only. Default false. */
  drafts: boolean;
  /**
   * `lock` (default): keep exclusive items as locked entries without media URLs or body.
   * `include`: publish them in full (the site is itself behind the fan paywall).
   * `exclude`: leave them out entirely.
   */
  exclusive: ExclusivePolicy;
}

export const DEFAULT_VISIBILITY: VisibilityPolicy = { drafts: false, exclusive: 'lock' };

export type Visibility = 'hidden' | 'locked' | 'public';

/** Collections without the field (events, videos, statuses have no `exclusive`; the account neither) leave it out: absent is false. */
export interface VisibilityFacts {
  private?: boolean;
  exclusive?: boolean;
  /** Blog entries only: 0 draft, 1 published. */
  status?: 0 | 1;
}

export function visibilityOf(item: VisibilityFacts, policy: VisibilityPolicy): Visibility {
  if (item.private) return 'hidden';
  if (item.status === 0 && !policy.drafts) return 'hidden';
  if (item.exclusive) {
    if (policy.exclusive === 'exclude') return 'hidden';
    if (policy.exclusive === 'lock') return 'locked';
  }
  return 'public';
}
