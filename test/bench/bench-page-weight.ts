import type { BenchConfig } from './config.js';
import type { Table } from './table.js';
export async function benchPageWeight(_config: BenchConfig): Promise<Table[]> {
  throw new Error('not written yet');
}
