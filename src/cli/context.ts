/** What a subcommand gets from the outside world, so tests and main() can supply it. */
export interface OutputStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Record<string, string | undefined>;
  cwd: string;
}

export interface Command {
  name: string;
  /** One line for `stagebloc --help`. */
  summary: string;
  /** Resolves to the exit code; throws for failures (mapped by exitCodeFor). */
  run(argv: string[], io: CliIO): Promise<number>;
}

export function writeLine(stream: OutputStream, text = ''): void {
  stream.write(`${text}\n`);
}

export function writeJson(stream: OutputStream, value: unknown): void {
  stream.write(`${JSON.stringify(value, null, 2)}\n`);
}
