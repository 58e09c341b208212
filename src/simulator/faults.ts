/**
 * Injected faults: which request gets which fault (path prefix, skip, times),
 * and how a prepared body is broken for the `malformed` fault.
 */
import type { Format } from './types.js';
import type { Fault } from './types.js';

export interface FaultQueue {
  inject(fault: Fault): void;
  clear(): void;
  /**
   * The faults this request gets: every matching `latency` fault (they add up)
   * and at most one other, the first that matches and still has uses left.
   */
  take(endpoint: string): Fault[];
}

interface ActiveFault {
  fault: Fault;
  path: string | undefined;
  seen: number;
  applied: number;
}

export function createFaultQueue(): FaultQueue {
  let active: ActiveFault[] = [];
  return {
    inject(fault) {
      validateFault(fault);
      active.push({
        fault: { ...fault },
        path: fault.path === undefined ? undefined : normalizeFaultPath(fault.path),
        seen: 0,
        applied: 0,
      });
    },
    clear() {
      active = [];
    },
    take(endpoint) {
      const out: Fault[] = [];
      let shaped = false;
      for (const entry of active) {
        if (entry.path !== undefined && !endpoint.startsWith(entry.path)) continue;
        const isLatency = entry.fault.kind === 'latency';
        if (shaped && !isLatency) continue;
        entry.seen++;
        if (entry.seen <= (entry.fault.skip ?? 0) || entry.applied >= (entry.fault.times ?? 1)) continue;
        entry.applied++;
        out.push(entry.fault);
        if (!isLatency) shaped = true;
      }
      return out;
    },
  };
}

/** '/2.0/audio/list.json' and 'audio/list' both mean the endpoint prefix '/audio/list'. */
export function normalizeFaultPath(path: string): string {
  let p = path.trim();
  if (!p.startsWith('/')) p = `/${p}`;
  if (p.startsWith('/2.0/')) p = p.slice(4);
  return p.replace(/\.(json|xml)$/, '');
}

const KINDS = new Set<Fault['kind']>([
  'status',
  'rate-limit',
  'stall',
  'slow-body',
  'truncate',
  'reset',
  'malformed',
  'latency',
]);

function validateFault(fault: Fault): void {
  if (!KINDS.has(fault.kind)) throw new TypeError(`unknown fault kind ${String(fault.kind)}`);
  const nonNegative = (value: number | undefined, name: string) => {
    if (value !== undefined && !(value >= 0)) throw new RangeError(`fault ${name} must be >= 0, got ${value}`);
  };
  nonNegative(fault.skip, 'skip');
  nonNegative(fault.times, 'times');
  nonNegative(fault.delayMs, 'delayMs');
  if (fault.bytesPerSecond !== undefined && !(fault.bytesPerSecond > 0))
    throw new RangeError('fault bytesPerSecond must be > 0');
  if (fault.status !== undefined && !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)) {
    throw new RangeError(`fault status must be an HTTP status, got ${fault.status}`);
  }
}

/**
 * A body that is still the right length class but not well-formed: the docs'
 * own mistakes, a stray quote in JSON and an opening tag that lost its `<` in XML.
 */
export function malformBody(body: string, format: Format): string {
  if (format === 'json') {
    const comma = body.indexOf(',');
    return comma >= 0
      ? `${body.slice(0, comma + 1)}"${body.slice(comma + 1)}`
      : body.slice(0, Math.floor(body.length / 2));
  }
  const tags = [...body.matchAll(/<[A-Za-z_][\w-]*>/g)];
  const victim = tags[2] ?? tags[1];
  if (!victim || victim.index === undefined) return body.slice(0, Math.floor(body.length / 2));
  return body.slice(0, victim.index) + body.slice(victim.index + 1);
}
