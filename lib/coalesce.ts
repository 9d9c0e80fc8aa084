/**
 * Calls `run` once per quiet period: every call within `quietMs` of the last pushes it back,
 * but never beyond `maxWaitMs` after the first, so a page that changes all the time still
 * reports now and then. 200 quick DOM toggles become one state report instead of 201.
 */
export function coalesce(run: () => void, quietMs: number, maxWaitMs: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstAt = 0;
  const fire = () => {
    timer = undefined;
    run();
  };
  const call = () => {
    const now = Date.now();
    if (timer === undefined) firstAt = now;
    else clearTimeout(timer);
    timer = setTimeout(fire, Math.max(0, Math.min(quietMs, firstAt + maxWaitMs - now)));
  };
  call.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
