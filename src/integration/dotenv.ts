/**
 * The environment as Astro will see it once it runs: `.env` files of the root (Vite's
 * order and precedence, for the mode Astro uses for the command) under the process's own
 * variables. The integration needs it before Astro has loaded those files, to decide
 * `demo: 'auto'` and to find the refresh secret. Parsing is Node's own (`util.parseEnv`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** Astro's default mode of a command: `astro dev` runs in development, everything else in production. */
export function modeOf(command: 'dev' | 'build' | 'preview' | 'sync'): string {
  return command === 'dev' ? 'development' : 'production';
}

export function projectEnv(dir: string, mode: string): Record<string, string | undefined> {
  const merged: Record<string, string | undefined> = {};
  // Later files win, as in Vite: .env < .env.local < .env.[mode] < .env.[mode].local.
  for (const name of ['.env', '.env.local', `.env.${mode}`, `.env.${mode}.local`]) {
    let text: string;
    try {
      text = readFileSync(join(dir, name), 'utf8');
    } catch {
      continue;
    }
    Object.assign(merged, parseEnv(text));
  }
  return { ...merged, ...process.env };
}
