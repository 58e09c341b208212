import { resolve } from 'node:path';
import type { AudioEditInput } from '../../client/index.js';
import { API_OPTIONS, API_OPTIONS_HELP, parseCommandArgs } from '../args.js';
import { createCliClient, reachingApi } from '../api-client.js';
import { resolveApiSettings } from '../api-settings.js';
import { AUDIO_FIELD_OPTIONS, AUDIO_FIELDS_HELP, audioFieldsFromFlags, describeTrack, validateForCli } from '../audio-fields.js';
import { type Command, writeJson, writeLine } from '../context.js';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes.js';
import { createProgressReporter } from '../progress-bar.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  ...API_OPTIONS,
  ...AUDIO_FIELD_OPTIONS,
} as const;

const HELP = `Usage: stagebloc upload <file.wav|file.aiff> --title <text> [fields] [options]

Uploads a new track. The file must be WAV or AIFF (recognised from its header,
not its name) and smaller than 200 MB. Every field is checked before anything is
sent; the body is streamed from disk with a progress bar on stderr (bytes,
percent, rate, ETA) when stderr is a terminal, a line every 25% otherwise.
Prints the created track (--json: as JSON on stdout).

${AUDIO_FIELDS_HELP}

${API_OPTIONS_HELP}

Other options:
  --json                       print the created track as JSON
  -h, --help                   show this help

${EXIT_CODES_HELP}`;

export const uploadCommand: Command = {
  name: 'upload',
  summary: 'upload a WAV/AIFF file as a new track, with a progress bar',
  async run(argv, io) {
    const { values, positionals, help } = parseCommandArgs('upload', argv, OPTIONS, { min: 1, max: 1, names: 'a WAV or AIFF file' });
    if (help) {
      writeLine(io.stdout, HELP);
      return EXIT.ok;
    }
    const settings = await resolveApiSettings(values, io);
    const file = resolve(io.cwd, positionals[0]!);
    const fields = audioFieldsFromFlags(values);
    const input = { ...fields, file } as AudioEditInput;
    // Everything the docs state is checked here, before a connection is opened.
    await validateForCli(input);

    const progress = createProgressReporter(io.stderr);
    const client = createCliClient(settings, io);
    let track;
    try {
      track = await reachingApi(client, () => client.tracks.edit({ ...input, onProgress: (p) => progress.update(p) }));
    } catch (error) {
      progress.abort();
      throw error;
    }
    progress.done();
    if (values.json) writeJson(io.stdout, track);
    else writeLine(io.stdout, describeTrack('Created', track));
    return EXIT.ok;
  },
};
