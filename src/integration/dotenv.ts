/**
 * The project's `.env` files as Astro will read them (Vite's order and precedence, for the
 * mode Astro uses for the command). Astro copies them into process.env only when bundling
 * starts, after the content sync; the integration needs them before, to decide
 * `demo: 'auto'`, to find the refresh secret, and to hand the loaders a token kept in .env
 * (the process's own variables still win). Parsing is Node's own (`util.parseEnv`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** Astro's default mode of a command: `astro dev` runs in development, everything else in production. */
export function modeOf(command: 'dev' | 'build' | 'preview' | 'sync'): string {
  return command === 'dev' ? 'development' : 'production';
}

/** The variables of the project's .env files for `mode`, without the process's own. */
export function dotenvFiles(dir: string, mode: string): Record<string, string> {
  const merged: Record<string, string> = {};
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
  return merged;
}
