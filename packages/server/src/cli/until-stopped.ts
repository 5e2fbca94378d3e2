/**
 * Waits for SIGINT or SIGTERM (or `also`, when given), then runs `stop` and resolves 0. A stop lets the
 * requests being answered finish; a second Ctrl-C (SIGINT) while it waits ends the process at once.
 */
export async function untilStopped(stop: () => Promise<void>, also?: (stop: () => void) => void): Promise<number> {
  let stopped = (): void => {};
  const done = new Promise<void>((resolve) => (stopped = resolve));
  let stopping = false;
  const onSignal = (signal?: NodeJS.Signals) => {
    if (!stopping) {
      stopping = true;
      void stop().then(stopped);
    } else if (signal === 'SIGINT') stopNow();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  also?.(() => onSignal());
  await done;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  return 0;
}

function stopNow(): never {
  console.warn('Ctrl-C again: stopping without waiting for the requests still being answered.');
  process.exit(130);
}
