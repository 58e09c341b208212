/**
 * Work that can wait for idle moments. A sync spends most of its wall time waiting on the
 * network; CPU work queued here runs in short slices between I/O callbacks (setImmediate
 * runs after the event loop has handled pending I/O), so it fills those waits without
 * holding up the next request. `drain()` runs whatever is left, at once.
 */
export interface IdleQueue {
  push(task: () => void): void;
  /** Runs every queued task now, in order. */
  drain(): void;
  /** Drops the queued tasks (the round they were for is over). */
  clear(): void;
  readonly size: number;
}

/**
 * Short, because the next request waits behind it: undici writes a request on a kept-alive
 * connection from an immediate of its own (it first lets the event loop see whether the
 * server closed the idle socket), queued after a slice already scheduled. 2 ms slices kept
 * each request waiting about 1 ms more (docs/performance.md).
 */
const DEFAULT_SLICE_MS = 0.5;

/** `now` is injectable so tests can count slices instead of timing them. */
export function createIdleQueue(sliceMs = DEFAULT_SLICE_MS, now: () => number = () => performance.now()): IdleQueue {
  const tasks: Array<() => void> = [];
  let head = 0;
  let scheduled: NodeJS.Immediate | undefined;

  function runNext(): void {
    const task = tasks[head];
    tasks[head++] = undefined as unknown as () => void;
    if (head === tasks.length) {
      tasks.length = 0;
      head = 0;
    }
    try {
      task?.();
    } catch {
      // Queued work only prepares ahead: whoever needs the result redoes it and reports the error.
    }
  }

  function slice(): void {
    scheduled = undefined;
    const until = now() + sliceMs;
    while (head < tasks.length && now() < until) runNext();
    if (head < tasks.length) scheduled = setImmediate(slice);
  }

  return {
    push(task) {
      tasks.push(task);
      scheduled ??= setImmediate(slice);
    },
    drain() {
      while (head < tasks.length) runNext();
    },
    clear() {
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
      tasks.length = 0;
      head = 0;
    },
    get size() {
      return tasks.length - head;
    },
  };
}
