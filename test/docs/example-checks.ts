/**
 * What the documented scripts must print when run against a fresh simulator, shared by the
 * README's and the docs site's copies of the same scripts.
 */
import { expect } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';

/** The client script (blog page, walk over every track, a playlist with its tracks) in XML. */
export function expectClientScriptOutput(stdout: string, sim: Simulator): void {
  expect(stdout).toContain(`${sim.account.blog.length} posts (drafts included)`);
  const minutes = Math.round(sim.account.tracks.reduce((s, t) => s + Number(t.length ?? 0), 0) / 60);
  expect(stdout).toContain(`${minutes} minutes of audio`);
  expect(sim.requests.length).toBeGreaterThan(2);
  expect(sim.requests.every((r) => r.format === 'xml')).toBe(true);
  expect(stdout).not.toContain(sim.token);
}

/** The simulator script: two injected 503s retried, so the server saw three requests. */
export function expectSimulatorScriptOutput(stdout: string): void {
  expect(stdout.trim().endsWith(' 3')).toBe(true);
}
