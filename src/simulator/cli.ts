/**
 * `stagebloc simulator`: starts the simulator and prints two shell-usable
 * lines (STAGEBLOC_API_URL=…, STAGEBLOC_ACCESS_TOKEN=…), then serves until
 * SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './fault-spec.js';
import { startSimulator } from './simulator.js';
import type { Simulator } from './types.js';

export const DEFAULT_SIMULATOR_PORT = 4455;

export const SIMULATOR_USAGE = `Usage: stagebloc simulator [options]
  --port N            API port (default ${DEFAULT_SIMULATOR_PORT}; 0 picks a free one). Media is served on N+1.
  --host H            interface to listen on (default 127.0.0.1)
  --seed N            demo account seed (default 1)
  --scale N           multiply the demo account's size (default 1)
  --latency MS        answer every API request MS milliseconds after it arrives
  --media-latency MS  delay every media response (images, audio) by MS milliseconds
  --page-size-cap N   cap 'limit' silently
  --now DATE          the simulator's clock, e.g. 2026-12-06T12:00:00Z (default: the real one):
                      the demo tour is dated around its day, and it decides which shows are past
  --fault SPEC        inject a fault; repeatable. SPEC is kind[:key=value,...], e.g.
                      rate-limit:times=3,retryAfter=1   status:status=503,times=2,path=/audio/list
  --quiet             no access log on stderr
`;

export interface SimulatorCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the simulator should stop (default: SIGINT or SIGTERM). */
  stopSignal?: Promise<unknown>;
  /** Called once listening (tests use it to reach the running simulator). */
  onListening?: (simulator: Simulator) => void;
}

export async function runSimulatorCli(argv: string[], io: SimulatorCliIo = defaultIo()): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      scale: { type: 'string' },
      latency: { type: 'string' },
      'media-latency': { type: 'string' },
      'page-size-cap': { type: 'string' },
      now: { type: 'string' },
      fault: { type: 'string', multiple: true },
      quiet: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(SIMULATOR_USAGE);
    return;
  }
  const faults = (values.fault ?? []).map((spec) => usage(() => parseFaultSpec(spec), `--fault ${spec}`));
  const options = {
    port: integer(values.port, 'port') ?? DEFAULT_SIMULATOR_PORT,
    host: values.host ?? '127.0.0.1',
    seed: integer(values.seed, 'seed'),
    scale: number(values.scale, 'scale'),
    latencyMs: number(values.latency, 'latency'),
    mediaLatencyMs: number(values['media-latency'], 'media-latency'),
    pageSizeCap: integer(values['page-size-cap'], 'page-size-cap'),
    ...(values.now === undefined ? {} : { now: values.now }),
    quiet: values.quiet ?? false,
  };
  const simulator = await startSimulator(options).catch((error: unknown) => {
    // Option values startSimulator refuses (a negative latency, say) are the command line's fault.
    throw error instanceof RangeError || error instanceof TypeError ? new SimulatorUsageError(error.message) : error;
  });
  for (const fault of faults) simulator.injectFault(fault);
  // The only stdout output: two lines a shell can eval or append to .env.
  io.stdout(`STAGEBLOC_API_URL=${simulator.apiUrl}\nSTAGEBLOC_ACCESS_TOKEN=${simulator.token}\n`);
  io.stderr(
    `StageBloc simulator listening: API ${simulator.apiUrl}, media ${simulator.mediaOrigin}/ (Ctrl+C to stop)\n`,
  );
  // The demo OAuth app, so `stagebloc login` can be tried end to end against the simulator.
  io.stderr(
    `Demo app: --client-id ${simulator.clientId} --client-secret ${simulator.clientSecret} --connect-url ${simulator.origin}/connect\n`,
  );
  io.onListening?.(simulator);
  await (io.stopSignal ?? stopOnSignal());
  await simulator.close();
}

function defaultIo(): SimulatorCliIo {
  return { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) };
}

function stopOnSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** A command line the simulator cannot act on (the stagebloc CLI exits with 2). */
export class SimulatorUsageError extends Error {
  override readonly name = 'SimulatorUsageError';
}

function usage<T>(parse: () => T, what: string): T {
  try {
    return parse();
  } catch (error) {
    throw new SimulatorUsageError(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n))
    throw new SimulatorUsageError(`--${name} must be a number, got "${value}"`);
  return n;
}

function integer(value: string | undefined, name: string): number | undefined {
  const n = number(value, name);
  if (n !== undefined && !Number.isInteger(n))
    throw new SimulatorUsageError(`--${name} must be an integer, got "${value}"`);
  return n;
}
