import { runSimulatorCli, SimulatorUsageError } from '../../simulator/index.js';
import type { Command } from '../context.js';
import { EXIT, UsageError } from '../exit-codes.js';

/**
 * `stagebloc simulator [--port N] [--scale N] [--latency ms] [--media-latency ms] [--fault …]`: the
 * simulator owns its flags and help text; this only puts it behind the one bin.
 */
export const simulatorCommand: Command = {
  name: 'simulator',
  summary: 'run the bundled StageBloc API simulator and print its URL and a demo token',
  async run(argv) {
    try {
      await runSimulatorCli(argv);
    } catch (error) {
      throw error instanceof SimulatorUsageError ? new UsageError(error.message) : error;
    }
    return EXIT.ok;
  },
};
