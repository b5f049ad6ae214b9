// Hook: a form's draft that survives a reload, an accidental back or the app being killed — kept in
// idb-keyval under a per-form key while the person types, and cleared once the record is saved.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { KeyValue } from '../db';

export const DRAFT_KEY_PREFIX = 'draft:';
const SAVE_DELAY_MS = 250;

export interface Draft<T> {
  value: T;
  set(update: T | ((previous: T) => T)): void;
  /** Forget the stored draft and go back to `initial` (after a save, or "discard"). */
  clear(next?: T): void;
  /** False until the stored draft (if any) has been read. */
  ready: boolean;
  /** True when a draft from an earlier visit was restored. */
  restored: boolean;
}

export function useDraft<T>(kv: KeyValue, key: string, initial: T | (() => T)): Draft<T> {
  const [value, setValue] = useState<T>(initial);
  const [ready, setReady] = useState(false);
  const [restored, setRestored] = useState(false);
  const touched = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef<T>(value);
  const storeKey = DRAFT_KEY_PREFIX + key;

  useEffect(() => {
    let live = true;
    touched.current = false;
    setReady(false);
    kv.get<{ value: T }>(storeKey)
      .then((stored) => {
        if (!live) return;
        if (stored && !touched.current) {
          latest.current = stored.value;
          setValue(stored.value);
          setRestored(true);
        }
      })
      .catch(() => undefined)
      .finally(() => live && setReady(true));
    const flush = () => {
      if (timer.current !== null && touched.current) {
        clearTimeout(timer.current);
        timer.current = null;
        void kv.set(storeKey, { value: latest.current }).catch(() => undefined);
      }
    };
    window.addEventListener('pagehide', flush);
    return () => {
      live = false;
      flush();
      window.removeEventListener('pagehide', flush);
    };
  }, [kv, storeKey]);

  return {
    value,
    ready,
    restored,
    set(update) {
      touched.current = true;
      const next = typeof update === 'function' ? (update as (p: T) => T)(latest.current) : update;
      latest.current = next;
      setValue(next);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        timer.current = null;
        void kv.set(storeKey, { value: latest.current }).catch(() => undefined);
      }, SAVE_DELAY_MS);
    },
    clear(next) {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      touched.current = false;
      const reset = next ?? (typeof initial === 'function' ? (initial as () => T)() : initial);
      latest.current = reset;
      setValue(reset);
      setRestored(false);
      void kv.set(storeKey, null).catch(() => undefined);
    },
  };
}
