import { runSimulatorCli } from '../../simulator/cli.js';
import type { Command } from '../context.js';
import { EXIT } from '../exit-codes.js';

/**
 * `stagebloc simulator [--port N] [--scale N] [--latency ms] [--fault …]`: the
 * simulator owns its flags and help text; this only puts it behind the one bin.
 */
export const simulatorCommand: Command = {
  name: 'simulator',
  summary: 'run the bundled StageBloc API simulator and print its URL and a demo token',
  async run(argv) {
    await runSimulatorCli(argv);
    return EXIT.ok;
  },
};
