// Calls back when the person has stopped using the app: no pointer, key or touch for `timeoutMs`, or
// the app came back after being hidden that long (phones freeze timers in the background).
export const IDLE_LOCK_MS = 5 * 60 * 1000;

const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

export interface IdleOptions {
  onIdle(): void;
  timeoutMs?: number;
  win?: Window;
  now?: () => number;
}

/** Starts watching; returns a function that stops it. */
export function watchIdle(o: IdleOptions): () => void {
  const win = o.win ?? window;
  const doc = win.document;
  const timeoutMs = o.timeoutMs ?? IDLE_LOCK_MS;
  const now = o.now ?? Date.now;
  let lastActive = now();
  let hiddenAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = setTimeout(check, delay);
  };
  function check() {
    const idleFor = now() - lastActive;
    if (idleFor >= timeoutMs) {
      lastActive = now();
      o.onIdle();
      schedule(timeoutMs);
    } else schedule(timeoutMs - idleFor);
  }
  const active = () => {
    lastActive = now();
  };
  const visibility = () => {
    if (doc.visibilityState === 'hidden') {
      hiddenAt = now();
      return;
    }
    const away = hiddenAt === null ? 0 : now() - hiddenAt;
    hiddenAt = null;
    if (away >= timeoutMs) {
      lastActive = now();
      o.onIdle();
    }
    check();
  };

  for (const type of ACTIVITY) win.addEventListener(type, active, { capture: true, passive: true });
  doc.addEventListener('visibilitychange', visibility);
  schedule(timeoutMs);
  return () => {
    clearTimeout(timer);
    for (const type of ACTIVITY) win.removeEventListener(type, active, { capture: true });
    doc.removeEventListener('visibilitychange', visibility);
  };
}
