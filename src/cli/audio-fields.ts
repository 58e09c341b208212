import { StageBlocValidationError, validateAudioEdit, type AudioEditInput } from '../client/index.js';
import { EXIT_CODES_HELP, InputRejected } from './exit-codes.js';
import { API_OPTIONS, API_OPTIONS_HELP, idListFlag, integerFlag, numberFlag } from './args.js';
import { formatClock } from './format.js';
import type { Track } from '../client/model.js';

/** The /audio/edit fields shared by `upload` and `edit`, as flags. */
export const AUDIO_FIELD_OPTIONS = {
  title: { type: 'string' },
  artist: { type: 'string' },
  description: { type: 'string' },
  playlist: { type: 'string' },
  private: { type: 'boolean' },
  exclusive: { type: 'boolean' },
  'free-download': { type: 'string' },
  'paid-download': { type: 'string' },
  'free-require-follow': { type: 'boolean' },
  'paid-require-follow': { type: 'boolean' },
  price: { type: 'string' },
  'name-your-price': { type: 'boolean' },
} as const;

export const AUDIO_FIELDS_HELP = `Track fields (checked against the API docs before anything is sent):
  --title <text>               title, at most 100 characters (required)
  --artist <text>              artist, at most 250 characters
  --description <html>         description (may contain HTML)
  --playlist <id,id>           playlist ids the track belongs to
  --private / --no-private     hide the track (default public)
  --exclusive / --no-exclusive mark the track exclusive (fans only)
  --free-download <0-3>        free download: 0 none, 1 128 kb MP3, 2 320 kb MP3, 3 source file
  --paid-download <0-3>        paid download, same values
  --free-require-follow        a free download requires following the account
  --paid-require-follow        a paid download requires following the account
  --price <usd>                price of the paid download, at least 0.50
  --name-your-price / --no-name-your-price
                               fans may pay more than --price (API default: yes)`;

/** `upload` and `edit` send the same /audio/edit request (one with a file), so they take the same flags. */
export const TRACK_COMMAND_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  ...API_OPTIONS,
  ...AUDIO_FIELD_OPTIONS,
} as const;

/** The flag sections of `upload`'s and `edit`'s help, kept in one place so the two cannot drift apart. */
export function trackCommandHelp(intro: string, verb: 'Created' | 'Updated'): string {
  return `${intro}

${AUDIO_FIELDS_HELP}

${API_OPTIONS_HELP}

Other options:
  --json                       print the ${verb.toLowerCase()} track as JSON
  -h, --help                   show this help

${EXIT_CODES_HELP}`;
}

type AudioFieldValues = {
  [K in keyof typeof AUDIO_FIELD_OPTIONS]?: (typeof AUDIO_FIELD_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

/**
 * Flags to AudioEditInput fields. Only flags that were given become fields, so
 * `edit` leaves everything else on the track as it is. Range checks are the
 * client's validateAudioEdit (one copy of the docs' rules); this only parses.
 */
export function audioFieldsFromFlags(
  values: AudioFieldValues,
): Omit<AudioEditInput, 'title'> & { title: string | undefined } {
  const fields: Omit<AudioEditInput, 'title'> & { title: string | undefined } = { title: values.title };
  const set = <K extends keyof AudioEditInput>(key: K, value: AudioEditInput[K] | undefined) => {
    if (value !== undefined) fields[key] = value as never;
  };
  set('artist', values.artist);
  set('description', values.description);
  set('playlistIds', idListFlag('playlist', values.playlist));
  set('private', values.private);
  set('exclusive', values.exclusive);
  set(
    'freeDownloadQuality',
    integerFlag('free-download', values['free-download']) as AudioEditInput['freeDownloadQuality'],
  );
  set(
    'paidDownloadQuality',
    integerFlag('paid-download', values['paid-download']) as AudioEditInput['paidDownloadQuality'],
  );
  set('freeDownloadRequireFollow', values['free-require-follow']);
  set('paidDownloadRequireFollow', values['paid-require-follow']);
  set('price', numberFlag('price', values.price));
  set('fansNamePrice', values['name-your-price']);
  return fields;
}

/** The client names fields as in AudioEditInput; users typed flags. */
const FLAG_FOR_FIELD: Record<string, string> = {
  title: '--title',
  artist: '--artist',
  description: '--description',
  playlistIds: '--playlist',
  private: '--private',
  exclusive: '--exclusive',
  freeDownloadQuality: '--free-download',
  paidDownloadQuality: '--paid-download',
  freeDownloadRequireFollow: '--free-require-follow',
  paidDownloadRequireFollow: '--paid-require-follow',
  price: '--price',
  fansNamePrice: '--name-your-price',
  id: 'the track id',
};

/**
 * Runs the client's validation (the one copy of the docs' rules) and restates
 * its findings in terms of the command line.
 */
export async function validateForCli(input: AudioEditInput): Promise<void> {
  try {
    await validateAudioEdit(input);
  } catch (error) {
    if (!(error instanceof StageBlocValidationError)) throw error;
    const issues = error.issues.map((issue) => issue.replace(/^(\w+)/, (field) => FLAG_FOR_FIELD[field] ?? field));
    throw new InputRejected(`Nothing was sent:\n  - ${issues.join('\n  - ')}`);
  }
}

const QUALITY_NAMES = ['none', '128 kb MP3', '320 kb MP3', 'source file'] as const;

/** The human summary of a created or edited track. */
export function describeTrack(verb: 'Created' | 'Updated', track: Track): string {
  const lines = [`${verb} track ${track.id}: "${track.title}"${track.artist ? ` by ${track.artist}` : ''}`];
  const row = (label: string, value: string) => lines.push(`  ${label.padEnd(10)} ${value}`);
  row(
    'visibility',
    [track.private ? 'private' : 'public', track.exclusive ? 'exclusive' : null].filter(Boolean).join(', '),
  );
  if (track.length !== null) row('length', formatClock(track.length));
  const d = track.downloadDetails;
  if (d) {
    row(
      'free',
      QUALITY_NAMES[d.freeDownloadQuality] +
        (d.freeDownloadQuality && d.freeDownloadRequireFollow ? ' (follow required)' : ''),
    );
    const paid = d.paidDownloadQuality
      ? `${QUALITY_NAMES[d.paidDownloadQuality]}, $${d.price.toFixed(2)}${d.fansNamePrice ? ' or more' : ''}` +
        (d.paidDownloadRequireFollow ? ' (follow required)' : '')
      : 'none';
    row('paid', paid);
  }
  if (track.embedUrl) row('stream', track.embedUrl);
  if (track.shortUrl) row('link', track.shortUrl);
  return lines.join('\n');
}
