// One server answer for a dashboard section: loading, the answer, or the failure in words, with a retry.
// A newer load (other arguments, a retry) makes any answer still on its way be ignored.
import { useEffect, useState } from 'preact/hooks';
import { failureMessage } from '../../failure-message';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setResult({ state: 'loading' });
    load().then(
      (value) => current && setResult({ state: 'ready', value }),
      (err: unknown) => current && setResult({ state: 'failed', message: failureMessage(err) }),
    );
    return () => {
      current = false;
    };
  }, [...deps, attempt]);
  return [result, () => setAttempt((n) => n + 1)];
}
