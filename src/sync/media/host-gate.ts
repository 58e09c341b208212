/**
 * Keeps image-size probes off a media host that cannot be reached. A first build sends
 * thousands of probes; against a host that does not resolve, refuses or never answers,
 * each one would wait for its own failure. So, per host and for one sync:
 * - until the host has answered once, only a few probes go to it at a time, so a dead
 *   host costs one round of failures, not one per image;
 * - after a few connection-level failures in a row the host is given up for the rest of
 *   the sync (one warning), and its remaining images are published without sizes.
 * Any HTTP answer, even an error status, proves the host reachable. A new sync (the next
 * build) starts with a fresh gate and tries the host again.
 */
import pLimit, { type LimitFunction } from 'p-limit';

/** Connection-level failures in a row after which a host is given up. */
export const HOST_FAILURE_LIMIT = 3;
/** Probes in flight to a host that has not answered yet. */
export const UNPROVEN_HOST_CONCURRENCY = HOST_FAILURE_LIMIT;

/** Error codes that mean the host could not be reached at all (not that a file is missing). */
const CONNECTION_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The connection-level error code anywhere in an error's cause chain, or undefined. */
export function connectionFailureCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

interface HostState {
  answered: boolean;
  failuresInARow: number;
  givenUp: boolean;
  unproven: LimitFunction;
}

export interface HostGate {
  /**
   * Runs `probe` for `url` unless its host was given up (then resolves undefined without
   * sending anything). Errors of `probe` are passed on after being counted.
   */
  run<T>(url: string, probe: () => Promise<T>): Promise<T | undefined>;
  /** Whether `url`'s host was given up in this sync. */
  givenUp(url: string): boolean;
}

export function createHostGate(warn: (message: string) => void): HostGate {
  const hosts = new Map<string, HostState>();
  // Most syncs give up on no host: then no URL needs parsing to answer givenUp().
  let hostsGivenUp = 0;
  const stateOf = (url: string): HostState => {
    const host = hostOf(url);
    let state = hosts.get(host);
    if (!state) {
      state = { answered: false, failuresInARow: 0, givenUp: false, unproven: pLimit(UNPROVEN_HOST_CONCURRENCY) };
      hosts.set(host, state);
    }
    return state;
  };

  async function attempt<T>(url: string, state: HostState, probe: () => Promise<T>): Promise<T | undefined> {
    if (state.givenUp) return undefined;
    try {
      const result = await probe();
      answered(state);
      return result;
    } catch (error) {
      const code = connectionFailureCode(error);
      // Another code: the host answered (an HTTP error, a file that is not an image).
      if (code === undefined) answered(state);
      else if (state.givenUp) {
        // Already given up (a probe that was in flight when it happened).
      } else if (++state.failuresInARow < HOST_FAILURE_LIMIT) {
        // Until it answers, never more probes in flight than failures left before giving up.
        if (!state.answered) state.unproven.concurrency = HOST_FAILURE_LIMIT - state.failuresInARow;
      } else {
        state.givenUp = true;
        hostsGivenUp++;
        warn(
          `The media host ${hostOf(url)} could not be reached (${state.failuresInARow} connection failures in a row, the last ${code}): ` +
            'no more image sizes are measured there in this build, and its images are published without width/height. ' +
            'The next build tries it again.',
        );
      }
      throw error;
    }
  }

  return {
    run(url, probe) {
      const state = stateOf(url);
      return state.answered ? attempt(url, state, probe) : state.unproven(() => attempt(url, state, probe));
    },
    givenUp: (url) => hostsGivenUp > 0 && stateOf(url).givenUp,
  };
}

/** The host is reachable: probes already queued for it go at full speed too. */
function answered(state: HostState): void {
  state.failuresInARow = 0;
  if (state.answered) return;
  state.answered = true;
  state.unproven.concurrency = Number.POSITIVE_INFINITY;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
