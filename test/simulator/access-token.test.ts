/**
 * `startSimulator({ accessToken })`: tests start the simulator with a literal canary token
 * so leak searches look for a string nothing else could produce.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { list } from './helpers.js';

const CANARY = 'CANARY-TOKEN-5e1d7b30';

let sim: Simulator;
let plain: Simulator;

beforeAll(async () => {
  [sim, plain] = await Promise.all([startSimulator({ seed: 5, accessToken: CANARY }), startSimulator({ seed: 5 })]);
});
afterAll(async () => {
  await Promise.all([sim?.close(), plain?.close()]);
});

describe('the accessToken option', () => {
  it('is the token the simulator reports and accepts', async () => {
    expect(sim.token).toBe(CANARY);
    const page = await list(sim, '/audio/list', { limit: 1 }, 'json', `OAuth ${CANARY}`);
    expect(page.status).toBe(200);
  });

  it("replaces the seed's demo token, which stays the default without it", async () => {
    expect(plain.token).not.toBe(CANARY);
    expect((await list(plain, '/audio/list', { limit: 1 }, 'json', `OAuth ${plain.token}`)).status).toBe(200);
    expect((await list(sim, '/audio/list', { limit: 1 }, 'json', `OAuth ${plain.token}`)).status).toBe(401);
    expect((await list(plain, '/audio/list', { limit: 1 }, 'json', `OAuth ${CANARY}`)).status).toBe(401);
  });

  it.each(['', 'two words', 'tab\there', 'naïve'])('rejects %j before listening', async (accessToken) => {
    await expect(startSimulator({ accessToken })).rejects.toThrow(RangeError);
  });
});
