/**
 * Waits for SIGINT or SIGTERM (or `also`, when given), then runs `stop` and resolves 0. A stop lets the
 * requests being answered finish; a second Ctrl-C (SIGINT) while it waits ends the process at once.
 */
export async function untilStopped(stop: () => Promise<void>, also?: (stop: () => void) => void): Promise<number> {
  let stopping = false;
  let onSignal = (_signal?: NodeJS.Signals) => {};
  await new Promise<void>((resolve) => {
    onSignal = (signal) => {
      if (stopping) {
        if (signal === 'SIGINT') stopNow();
        return;
      }
      stopping = true;
      void stop().then(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    also?.(() => onSignal());
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}

function stopNow(): never {
  console.warn('Ctrl-C again: stopping without waiting for the requests still being answered.');
  process.exit(130);
}
