import { resolve } from 'node:path';
import type { AudioEditInput } from '../../client/index.js';
import { parseCommandArgs } from '../args.js';
import { createCliClient, reachingApi } from '../api-client.js';
import { resolveApiSettings } from '../api-settings.js';
import {
  TRACK_COMMAND_OPTIONS,
  audioFieldsFromFlags,
  describeTrack,
  trackCommandHelp,
  validateForCli,
} from '../audio-fields.js';
import { type Command, writeJson, writeLine } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { createProgressReporter } from '../progress-bar.js';

const HELP = trackCommandHelp(
  `Usage: stagebloc upload <file.wav|file.aiff> --title <text> [fields] [options]

Uploads a new track. The file must be WAV or AIFF (recognised from its header,
not its name) and smaller than 200 MB. Every field is checked before anything is
sent; the body is streamed from disk with a progress bar on stderr (bytes,
percent, rate, ETA) when stderr is a terminal, a line every 25% otherwise.
Prints the created track (--json: as JSON on stdout).`,
  'Created',
);

export const uploadCommand: Command = {
  name: 'upload',
  summary: 'upload a WAV/AIFF file as a new track, with a progress bar',
  async run(argv, io) {
    const { values, positionals, help } = parseCommandArgs('upload', argv, TRACK_COMMAND_OPTIONS, {
      min: 1,
      max: 1,
      names: 'a WAV or AIFF file',
    });
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
    let track: Awaited<ReturnType<typeof client.tracks.edit>>;
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
