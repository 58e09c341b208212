/**
 * Live loaders (Astro's live content collections, for pages rendered on request): each
 * request asks the API, through the same client, mapping, sanitizing and visibility policy
 * as the build-time loaders, so an entry is the same object either way (image sizes aside:
 * nothing is measured per request). Nothing here throws into the page: every failure comes
 * back as a StageblocLiveError for `getLiveCollection()`/`getLiveEntry()` to return.
 */
import { tmpdir } from 'node:os';
import type { LiveLoader } from 'astro/loaders';
import type { AccountContent, CollectionName } from '../sync/account-data.js';
import { connectQueries, type CollectionQueries } from '../sync/queries.js';
import { StageblocConfigError, StageblocSchemaError } from '../sync/errors.js';
import { mapSome } from '../content/mappers.js';
import { boundedRichText, type RichText } from '../content/rich-text.js';
import type { VisibilityPolicy } from '../content/visibility.js';
import { visibilityOfItem } from '../content/entries.js';
import { resolveSettings, type StageblocLoaderOptions } from '../loaders/settings.js';
import { collectionSchemas } from '../loaders/schemas.js';
import { accountCache, type AccountCache } from './account-cache.js';
import { CONTEXT_COLLECTIONS, LIVE_COLLECTIONS, numericId, type LiveData, type LiveFilters } from './collections.js';
import { liveError, type StageblocLiveError } from './errors.js';
import { cacheHintOf, collectionCacheHint } from './cache-hint.js';

export const LIVE_LOADER_NAME = 'astro-stagebloc/live';

/** Settings that mean something on request: media always links to StageBloc's CDN. */
export type LiveLoaderOptions = Pick<
  StageblocLoaderOptions,
  'accessToken' | 'baseUrl' | 'format' | 'drafts' | 'exclusive' | 'embedHosts' | 'client'
>;

export type StageblocLiveLoader<C extends CollectionName> = LiveLoader<
  LiveData[C],
  { id: string | number },
  LiveFilters[C],
  StageblocLiveError
>;

interface Connection {
  queries: CollectionQueries;
  account: AccountCache;
  policy: VisibilityPolicy;
  sanitize: { embedHosts?: string[] };
  richText: RichText;
  baseUrl: string;
}

// One client (connection pool, concurrency bound) and one account cache per settings, for the server's lifetime.
const connections = new Map<string, Connection>();

function connect(options: LiveLoaderOptions): Connection {
  // Read on request, not when the config is bundled: the token stays in the server's environment.
  const settings = resolveSettings(options, { env: process.env, root: process.cwd(), astroCacheDir: tmpdir() });
  if (settings.source.kind !== 'api') {
    throw new StageblocConfigError(
      'Live collections read the StageBloc API; a snapshot directory (STAGEBLOC_SNAPSHOT_DIR) cannot answer requests.',
    );
  }
  let connection = connections.get(settings.key);
  if (!connection) {
    const sanitize = settings.embedHosts ? { embedHosts: settings.embedHosts } : {};
    const { source, queries } = connectQueries(
      {
        accessToken: settings.source.token,
        baseUrl: settings.source.baseUrl,
        format: settings.source.format,
        ...settings.client,
      },
      { drafts: settings.policy.drafts },
    );
    connection = {
      queries,
      account: accountCache(source, CONTEXT_COLLECTIONS),
      policy: settings.policy,
      sanitize,
      richText: boundedRichText(sanitize),
      baseUrl: settings.source.baseUrl,
    };
    connections.set(settings.key, connection);
  }
  return connection;
}

/** Mapped exactly as a sync maps, then parsed by the collection's schema (references, dates). */
async function entriesOf<C extends CollectionName>(
  collection: C,
  items: AccountContent[C],
  account: Partial<AccountContent>,
  connection: Connection,
) {
  const { policy, sanitize, richText } = connection;
  const mapped = mapSome(collection, items, account, { policy, sanitize, richText });
  return Promise.all(
    mapped.map(async (entry) => {
      const parsed = await collectionSchemas[collection].safeParseAsync(entry.data);
      if (!parsed.success) {
        throw new StageblocSchemaError(
          `StageBloc ${collection} entry ${entry.id} does not fit the collection schema: ${parsed.error.message}`,
        );
      }
      const data = parsed.data as LiveData[C];
      return {
        id: entry.id,
        data,
        ...(entry.rendered ? { rendered: entry.rendered } : {}),
        cacheHint: cacheHintOf(collection, entry.id, data),
      };
    }),
  );
}

const isEmpty = (filter: object | undefined) => !filter || Object.values(filter).every((value) => value === undefined);

export function createLiveLoader<C extends CollectionName>(
  collection: C,
  options: LiveLoaderOptions = {},
): StageblocLiveLoader<C> {
  const spec = LIVE_COLLECTIONS[collection];
  let baseUrl: string | undefined;
  return {
    name: LIVE_LOADER_NAME,
    async loadCollection({ filter }) {
      try {
        const connection = connect(options);
        baseUrl = connection.baseUrl;
        const account = await connection.account.current();
        const items =
          isEmpty(filter) && spec.context
            ? (account[collection] ?? [])
            : await connection.queries.items(collection, spec.params(filter ?? {}, connection.policy), {
                ...(filter?.limit !== undefined ? { limit: filter.limit } : {}),
                keep: (item) => visibilityOfItem(item, connection.policy) !== 'hidden',
                related: account,
              });
        const entries = await entriesOf(collection, items as AccountContent[C], account, connection);
        return { entries, cacheHint: collectionCacheHint(collection, entries) };
      } catch (error) {
        return { error: liveError(collection, error, baseUrl) };
      }
    },
    async loadEntry({ filter }) {
      try {
        const id = numericId(filter.id);
        // Not a StageBloc id: no request, and no entry.
        if (id === undefined) return undefined;
        const connection = connect(options);
        baseUrl = connection.baseUrl;
        const account = await connection.account.current();
        const item = await connection.queries.byId(collection, id, account);
        // A hidden item is not found, never an error that would tell it exists.
        if (!item || visibilityOfItem(item, connection.policy) === 'hidden') return undefined;
        const [entry] = await entriesOf(collection, [item] as AccountContent[C], account, connection);
        return entry;
      } catch (error) {
        return { error: liveError(collection, error, baseUrl) };
      }
    },
  };
}
