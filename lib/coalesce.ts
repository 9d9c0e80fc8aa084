/**
 * Calls `run` once per quiet period: every call within `quietMs` of the last pushes it back,
 * but never beyond `maxWaitMs` after the first, so a page that changes all the time still
 * reports now and then. 200 quick DOM toggles become one state report instead of 201.
 *
 * `urgent()` is for news a reader waits for (the lock-outs changed, a clear was done): it runs
 * at once when `run` has not run within the last `quietMs`, and otherwise joins the pending
 * call, so a burst of news is still coalesced after its first item.
 */
export function coalesce(run: () => void, quietMs: number, maxWaitMs: number): { (): void; urgent(): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;
  let lastRunAt = -Infinity;
  const fire = () => {
    timer = undefined;
    lastRunAt = Date.now();
    run();
  };
  const call = () => {
    const now = Date.now();
    if (timer === undefined) firstAt = now;
    else clearTimeout(timer);
    timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
  };
  call.urgent = () => {
    if (timer === undefined && Date.now() - lastRunAt >= quietMs) fire();
    else call();
  };
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
