/** What the figures were measured on, for the Performance page. */
import { cpus, totalmem } from 'node:os';

export function describeMachine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  return `${cpus().length} cores (${cpu}), ${memory} RAM, Node ${process.versions.node}, ${process.platform}/${process.arch}`;
}
