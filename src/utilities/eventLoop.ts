/**
 * Lets the event loop serve what waits (a request, a timer, a signal) before
 * going on. A loop of reads on SQLite never does by itself: the driver runs
 * each statement in the process and its promises settle at once, so only
 * microtasks run between them.
 */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
