/**
 * The CLI's `--fault` syntax: `kind[:key=value,key=value…]`, e.g.
 * `rate-limit:times=3,retryAfter=1` or `status:status=503,times=2,path=/audio/list`.
 */
import type { Fault, FaultKind } from './types.js';

const KINDS: readonly FaultKind[] = [
  'status',
  'rate-limit',
  'stall',
  'slow-body',
  'truncate',
  'reset',
  'malformed',
  'latency',
];
const NUMERIC = ['skip', 'times', 'status', 'delayMs', 'bytesPerSecond'] as const;

export function parseFaultSpec(spec: string): Fault {
  const colon = spec.indexOf(':');
  const kind = (colon < 0 ? spec : spec.slice(0, colon)).trim() as FaultKind;
  if (!KINDS.includes(kind)) throw new Error(`unknown fault kind "${kind}" (one of ${KINDS.join(', ')})`);
  const fault: Fault = { kind };
  const rest = colon < 0 ? '' : spec.slice(colon + 1).trim();
  for (const pair of rest === '' ? [] : rest.split(',')) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`fault option "${pair}" is not key=value`);
    const key = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if ((NUMERIC as readonly string[]).includes(key)) {
      const n = value === 'Infinity' || value === 'inf' ? Infinity : Number(value);
      if (value === '' || Number.isNaN(n)) throw new Error(`fault option ${key} must be a number, got "${value}"`);
      fault[key as (typeof NUMERIC)[number]] = n;
    } else if (key === 'path' || key === 'retryAfter') {
      fault[key] = value;
    } else if (key === 'phase' && (value === 'headers' || value === 'body')) {
      fault.phase = value;
    } else {
      throw new Error(`unknown fault option "${key}"`);
    }
  }
  return fault;
}
