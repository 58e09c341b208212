/**
 * How a sync reads the collections of the final 2.0 docs (events, videos, statuses, the
 * account profile): one row per collection, with its cheap check (one request) and its
 * walk. The check's fingerprint changes whenever the walk would give something else:
 * - events: the items of the newest `modified` second of all events (past ones too) and the total;
 * - videos: the docs offer no `modified` order, so the fingerprint covers the first page
 *   by creation, every video's `modified` in it (an account's videos usually fit);
 *   an edit to a video past that page is seen once something on it changes;
 * - statuses cannot be edited, only posted or deleted: the newest one and the total;
 * - the account: its whole record (the list is short and has no paging).
 */
import { ENDPOINTS, StageBlocApiError, StageBlocParseError, type StageBlocClient } from '../client/index.js';
import type { Account, Event, ListPage, Status, Video } from '../client/model.js';
import type { AccountContent } from './account-data.js';
import { CHECK_LIMIT, digestOf, fingerprintOf } from './fingerprint.js';

export type FinalApiCollection = 'events' | 'videos' | 'statuses' | 'account';

export interface CheckedCollection {
  fingerprint: string;
  total: number;
}

export interface FinalApiWalk {
  client: StageBlocClient;
  paging: { pageSize?: number };
  /** Gathers a walk's items, reporting each as it arrives. */
  collect<T extends Event | Video | Status | Account>(
    collection: FinalApiCollection,
    items: AsyncIterable<T> | Iterable<T>,
  ): Promise<T[]>;
  warn?: (message: string) => void;
  /**
   * `/accounts/list`, asked once per sync: its cheap check is already the whole answer, so
   * the walk that runs beside the check takes the check's request instead of repeating it.
   */
  accounts(use: 'check' | 'fetch'): Promise<ListPage<Account>>;
}

interface FinalApiSource {
  check(walk: FinalApiWalk): Promise<CheckedCollection>;
  fetch(walk: FinalApiWalk): Promise<Partial<AccountContent>>;
}

/** Every event the account has, not only upcoming ones (the API's default). */
const ALL_EVENTS = { includePast: true, includeUpcoming: true } as const;

/** How many videos the cheap check reads (one page, the client's default page size). */
const VIDEO_CHECK_PAGE = 50;

export const FINAL_API_SOURCES: Record<FinalApiCollection, FinalApiSource> = {
  events: {
    async check({ client }) {
      const page = await client.events.list({
        ...ALL_EVENTS,
        orderBy: 'modified',
        direction: 'DESC',
        limit: CHECK_LIMIT,
      });
      return { fingerprint: fingerprintOf(page), total: page.total };
    },
    async fetch({ client, paging, collect }) {
      return { events: await collect('events', client.events.all({ ...paging, ...ALL_EVENTS })) };
    },
  },
  videos: {
    async check({ client }) {
      const page = await client.videos.list({ orderBy: 'created', direction: 'DESC', limit: VIDEO_CHECK_PAGE });
      // The videos themselves, not only their `modified`: an edit in the same second as the last one changes only them.
      return { fingerprint: `${page.total}|${digestOf(JSON.stringify(page.items))}`, total: page.total };
    },
    async fetch({ client, paging, collect }) {
      return { videos: await collect('videos', client.videos.all(paging)) };
    },
  },
  statuses: {
    async check({ client }) {
      const page = await client.statuses.list({ orderBy: 'published', direction: 'DESC', limit: 1 });
      return { fingerprint: newestFingerprint(page, (s) => s.published), total: page.total };
    },
    async fetch({ client, paging, collect }) {
      return { statuses: await collect('statuses', client.statuses.all(paging)) };
    },
  },
  account: {
    async check({ accounts }) {
      const page = await accounts('check');
      return {
        fingerprint: `${page.total}|${digestOf(JSON.stringify(page.items))}`,
        total: page.items.filter((a) => a.authenticated).length,
      };
    },
    async fetch(walk) {
      const profile = await accountProfile(walk);
      return { account: await walk.collect('account', profile ? [profile] : []) };
    },
  },
};

export function isFinalApiCollection(collection: string): collection is FinalApiCollection {
  return Object.hasOwn(FINAL_API_SOURCES, collection);
}

function newestFingerprint<T extends { id: number }>(page: ListPage<T>, date: (item: T) => Date): string {
  const newest = page.items[0];
  return newest ? `${page.total}|${newest.id}|${date(newest).toISOString()}` : `${page.total}|-`;
}

/**
 * The account the token is connected to: the one /accounts/list marks `authenticated`;
 * otherwise the one /oauth2/token/info names (its full record from the list when it is
 * there, else what token info says of it). Null, with one warning, when neither tells.
 */
async function accountProfile({
  client,
  accounts: listing,
  warn,
}: Pick<FinalApiWalk, 'client' | 'accounts' | 'warn'>): Promise<Account | null> {
  const accounts = (await listing('fetch')).items;
  const authenticated = accounts.find((a) => a.authenticated);
  if (authenticated) return authenticated;
  let info: Awaited<ReturnType<StageBlocClient['tokenInfo']>>;
  try {
    info = await client.tokenInfo();
  } catch (error) {
    if (!(error instanceof StageBlocApiError || error instanceof StageBlocParseError)) throw error;
    warn?.(
      `account: ${ENDPOINTS.accounts} marks no account as authenticated and ${ENDPOINTS.tokenInfo} could not be read (${error.message}); the account collection is empty`,
    );
    return null;
  }
  const named = info.account;
  if (!named) {
    warn?.(
      `account: neither ${ENDPOINTS.accounts} nor ${ENDPOINTS.tokenInfo} names the token's account; the account collection is empty`,
    );
    return null;
  }
  const listed = accounts.find((a) => a.id === named.id);
  return listed
    ? { ...listed, authenticated: true }
    : {
        id: named.id,
        name: named.name,
        stageblocUrl: named.stageblocUrl,
        authenticated: true,
        description: null,
        images: {},
      };
}

/** The account profile, read on its own (a page rendered on request): /accounts/list, and token info when it must. */
export function accountProfileOf(client: StageBlocClient): Promise<Account | null> {
  return accountProfile({ client, accounts: () => client.accounts.list() });
}
