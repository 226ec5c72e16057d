/**
 * Milliseconds on a clock that two processes of this machine can compare: the wall clock
 * at the process's start plus its monotonic time since. Its offset between two processes
 * is measured, not assumed (see `measureOffset` in run.ts).
 */
export const clock = (): number => performance.timeOrigin + performance.now();
