/**
 * Astro servers as child processes for tests: a built site's Node adapter server
 * (`dist/server/entry.mjs`) or `astro dev`, on a free port of 127.0.0.1, with only the env
 * it is given (see buildEnv). `stop()` ends the process this helper started, by its id.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ASTRO_BIN, buildEnv, ensurePackageBuilt, nodeBinary } from './astro-build.js';

export interface RunningServer {
  /** 'http://127.0.0.1:PORT' */
  origin: string;
  /** Everything the process printed so far. */
  output(): string;
  /** True while the process runs. */
  alive(): boolean;
  stop(): Promise<void>;
}

/** A port nothing listens on right now (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePort(port));
    });
  });
}

async function startProcess(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  port: number,
): Promise<RunningServer> {
  const child: ChildProcess = spawn(nodeBinary(), args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  const exit = new Promise<void>((resolveExit) => child.on('close', () => ((exited = true), resolveExit())));
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (ready.test(output)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`server exited before it was ready:\n${output}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    output: () => output,
    alive: () => !exited,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(killer);
    },
  };
}

/** The Node adapter's standalone server of a site built with `output: 'server'`. */
export async function startBuiltServer(
  distDir: string,
  env: Record<string, string | undefined> = {},
): Promise<RunningServer> {
  const port = await freePort();
  const fullEnv = buildEnv({ ...env, HOST: '127.0.0.1', PORT: String(port) });
  return startProcess([join(distDir, 'server', 'entry.mjs')], distDir, fullEnv, /Server listening on/, port);
}

/** `astro dev` of a site. */
export async function startDevServer(
  root: string,
  env: Record<string, string | undefined> = {},
): Promise<RunningServer> {
  await ensurePackageBuilt();
  const port = await freePort();
  const fullEnv = buildEnv({ ...env, CI: undefined });
  return startProcess(
    [ASTRO_BIN, 'dev', '--root', root, '--host', '127.0.0.1', '--port', String(port)],
    root,
    fullEnv,
    /Local\s+http/,
    port,
  );
}
