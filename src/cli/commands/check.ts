import { API_OPTIONS, API_OPTIONS_HELP, parseCommandArgs } from '../args.js';
import { countCollection, type CollectionCounts } from '../account-counts.js';
import { createCliClient, reachingApi, type CliClient } from '../api-client.js';
import { resolveApiSettings } from '../api-settings.js';
import { type Command, writeJson, writeLine } from '../context.js';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.js';
import { formatTable } from '../format.js';
import { collectAll } from '../collect.js';
import { StageBlocApiError, StageBlocParseError, type TokenInfo } from '../../client/index.js';

const OPTIONS = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' }, ...API_OPTIONS } as const;

const HELP = `Usage: stagebloc check [options]

Verifies the access token, says which account, user and application it
belongs to (/oauth2/token/info), and counts, per collection, the items the
account has: total, public, private, drafts (blog), exclusive, and what a site
build would publish under the loaders' default policy (private and draft items
left out, exclusive items kept locked without media or body). Events are
counted played and upcoming.

${API_OPTIONS_HELP}

Other options:
  --json                print the counts as JSON
  -h, --help            show this help

${EXIT_CODES_HELP}`;

const COLLECTIONS = ['tracks', 'playlists', 'blog', 'photos', 'albums', 'events', 'videos', 'statuses'] as const;
type Collection = (typeof COLLECTIONS)[number];

export const checkCommand: Command = {
  name: 'check',
  summary: 'verify the token and count what a site build would publish',
  async run(argv, io) {
    const { values, help } = parseCommandArgs('check', argv, OPTIONS, { min: 0, max: 0, names: '' });
    if (help) {
      writeLine(io.stdout, HELP);
      return EXIT.ok;
    }
    const settings = await resolveApiSettings(values, io);
    const client = createCliClient(settings, io);
    const [owner, entries] = await reachingApi(client, () =>
      Promise.all([
        tokenOwner(client, (message) => writeLine(io.stderr, `Warning: ${message}`)),
        Promise.all(
          COLLECTIONS.map(async (name) => [name, countCollection(await fetchCollection(client, name))] as const),
        ),
      ]),
    );
    const counts = Object.fromEntries(entries) as Record<Collection, CollectionCounts>;
    const apiUrl = client.baseUrl;
    if (values.json) {
      writeJson(io.stdout, { ok: true, apiUrl, format: settings.format, owner, collections: counts });
      return EXIT.ok;
    }
    writeLine(io.stdout, `Token OK (${apiUrl}, ${settings.format}).`);
    if (owner) writeLine(io.stdout, describeOwner(owner));
    writeLine(io.stdout);
    const header = ['collection', 'total', 'public', 'private', 'drafts', 'exclusive', 'would publish'];
    const rows = COLLECTIONS.map((name) => {
      const c = counts[name];
      const publish = c.locked > 0 ? `${c.publish} (${c.locked} locked)` : String(c.publish);
      return [name, c.total, c.public, c.private, name === 'blog' ? c.drafts : '-', c.exclusive, publish].map(String);
    });
    writeLine(io.stdout, formatTable(header, rows));
    return EXIT.ok;
  },
};

function fetchCollection(client: CliClient, name: Collection) {
  switch (name) {
    case 'tracks':
      return collectAll(client.tracks.all({}));
    case 'playlists':
      return collectAll(client.playlists.all({}));
    case 'blog':
      // The API lists published entries only unless asked; drafts must be counted too.
      return collectAll(client.blog.all({ status: [0, 1] }));
    case 'photos':
      return collectAll(client.photos.all({}));
    case 'albums':
      return collectAll(client.albums.all({}));
    case 'events':
      // The API lists upcoming events only unless asked; a site syncs played ones too.
      return collectAll(client.events.all({ includePast: true, includeUpcoming: true }));
    case 'videos':
      return collectAll(client.videos.all({}));
    case 'statuses':
      return collectAll(client.statuses.all({}));
  }
}

/** Who and what the token belongs to; null (with a warning) when the API cannot say. */
async function tokenOwner(client: CliClient, warn: (message: string) => void): Promise<TokenInfo | null> {
  try {
    return await client.tokenInfo();
  } catch (error) {
    if (!(error instanceof StageBlocApiError || error instanceof StageBlocParseError)) throw error;
    warn(`could not read which account and application the token belongs to (${error.message})`);
    return null;
  }
}

/** `Account: Juniper Static (stagebloc.com/juniperstatic, id 4242); user Nora Vance; application "…"`. */
function describeOwner({ account, user, application }: TokenInfo): string {
  const parts = [
    account
      ? `Account: ${account.name} (${account.stageblocUrl ? `stagebloc.com/${account.stageblocUrl}, ` : ''}id ${account.id})`
      : 'Account: not named',
    ...(user ? [`user ${user.name}`] : []),
    ...(application ? [`application ${JSON.stringify(application.name)}`] : []),
  ];
  return `${parts.join('; ')}.`;
}
