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
import { EXIT, UsageError } from '../exit-codes.js';

const HELP = trackCommandHelp(
  `Usage: stagebloc edit <track-id> --title <text> [fields] [options]

Edits an existing track without uploading a file. The API requires the title on
every edit; fields you do not pass are left as they are. Prints the updated
track (--json: as JSON on stdout).`,
  'Updated',
);

export const editCommand: Command = {
  name: 'edit',
  summary: 'edit an existing track (title, artist, visibility, downloads…)',
  async run(argv, io) {
    const { values, positionals, help } = parseCommandArgs('edit', argv, TRACK_COMMAND_OPTIONS, {
      min: 1,
      max: 1,
      names: 'a track id',
    });
    if (help) {
      writeLine(io.stdout, HELP);
      return EXIT.ok;
    }
    const rawId = positionals[0]!;
    if (!/^\d+$/.test(rawId)) throw new UsageError(`The track id must be a number, got "${rawId}".`);
    const settings = await resolveApiSettings(values, io);
    const input = { ...audioFieldsFromFlags(values), id: Number(rawId) } as AudioEditInput;
    await validateForCli(input);
    const client = createCliClient(settings, io);
    const track = await reachingApi(client, () => client.tracks.edit(input));
    if (values.json) writeJson(io.stdout, track);
    else writeLine(io.stdout, describeTrack('Updated', track));
    return EXIT.ok;
  },
};
