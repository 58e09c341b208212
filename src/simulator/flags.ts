import type { DemoValue } from './types.js';

/** Wire booleans arrive as true/false or 1/0 (and, from hand edits, '1'/'true'). */
export function isSet(value: DemoValue | undefined): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}
