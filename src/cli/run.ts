import { readFileSync } from 'node:fs';
import { checkCommand } from './commands/check.js';
import { editCommand } from './commands/edit.js';
import { loginCommand } from './commands/login.js';
import { simulatorCommand } from './commands/simulator.js';
import { snapshotCommand } from './commands/snapshot.js';
import { tokenCommand } from './commands/token.js';
import { uploadCommand } from './commands/upload.js';
import type { CliIO, Command } from './context.js';
import { writeLine } from './context.js';
import { EXIT, EXIT_CODES_HELP, exitCodeFor } from './exit-codes.js';

export const COMMANDS: readonly Command[] = [
  loginCommand,
  tokenCommand,
  checkCommand,
  uploadCommand,
  editCommand,
  snapshotCommand,
  simulatorCommand,
];

export function topLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `stagebloc: the astro-stagebloc command line

Usage: stagebloc <command> [options]

Commands:
${list}

Run \`stagebloc <command> --help\` for a command's options.
Commands that report a result take --json for machine-readable output on stdout;
progress and messages go to stderr.

Environment (also read from ./.env; the real environment wins):
  STAGEBLOC_ACCESS_TOKEN  access token for API commands (written by \`stagebloc login\`)
  STAGEBLOC_API_URL       API base URL override (e.g. a \`stagebloc simulator\`)
  STAGEBLOC_FORMAT        json (default) or xml

${EXIT_CODES_HELP}`;
}

/** Runs one command line; resolves to the process exit code. Never throws. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === 'help' && rest[0] !== undefined && COMMANDS.some((c) => c.name === rest[0])) {
    return runCli([rest[0], '--help'], io);
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeLine(io.stdout, topLevelHelp());
    return EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    writeLine(io.stdout, packageVersion());
    return EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    writeLine(io.stderr, `stagebloc: unknown command "${name}". Run \`stagebloc --help\` for the list.`);
    return EXIT.usage;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    const code = exitCodeFor(error);
    writeLine(io.stderr, `stagebloc ${command.name}: ${describeError(error)}`);
    if (io.env['STAGEBLOC_DEBUG'] && error instanceof Error && error.stack) writeLine(io.stderr, error.stack);
    return code;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function packageVersion(): string {
  // dist/cli/run.js and src/cli/run.ts are both two levels below the package root.
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
