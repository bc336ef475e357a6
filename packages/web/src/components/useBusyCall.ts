import { useState } from 'react';
import { useApiErrorMessage } from './useApiErrorMessage';

/**
 * An API call behind a button: `busy` while it runs. `run(call, done)` awaits `call`, then hands
 * its answer to `done` (state updates, the success message); a failure is shown as a toast,
 * after `onError` (when given) has seen it.
 */
export function useBusyCall() {
  const showError = useApiErrorMessage();
  const [busy, setBusy] = useState(false);
  const run = async <R>(
    call: () => Promise<R>,
    done: (result: R) => void,
    onError?: (e: unknown) => void,
  ) => {
    setBusy(true);
    try {
      done(await call());
    } catch (e) {
      onError?.(e);
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
