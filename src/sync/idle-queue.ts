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

/** Long enough to get work done, short enough that a response arriving meanwhile is barely delayed. */
const DEFAULT_SLICE_MS = 0.5;

export interface IdleQueueOptions {
  sliceMs?: number;
  /** Injectable so tests can count slices instead of timing them. */
  now?: () => number;
  /**
   * Requests handed to the network so far (ContentSource.requestsStarted). undici writes a
   * request on a kept-alive connection from an immediate of its own (it first lets the event
   * loop see whether the server closed the idle socket), queued behind a slice already
   * scheduled; a slice that sees a request started since the last one lets it go first.
   */
  requestsStarted?: () => number;
}

export function createIdleQueue(options: IdleQueueOptions = {}): IdleQueue {
  const { sliceMs = DEFAULT_SLICE_MS, now = () => performance.now(), requestsStarted } = options;
  const tasks: Array<() => void> = [];
  let head = 0;
  let scheduled: NodeJS.Immediate | undefined;
  let requestsSeen = requestsStarted?.() ?? 0;
  let yielded = false;

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
    const requests = requestsStarted?.() ?? 0;
    // Once per slice at most, so a steady stream of requests cannot starve the queue.
    if (requests !== requestsSeen && !yielded) {
      requestsSeen = requests;
      yielded = true;
      scheduled = setImmediate(slice);
      return;
    }
    yielded = false;
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
