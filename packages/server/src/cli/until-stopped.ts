/** Waits for SIGINT or SIGTERM (or `also`, when given), then runs `stop` and resolves 0. */
export async function untilStopped(stop: () => Promise<void>, also?: (stop: () => void) => void): Promise<number> {
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      void stop().then(resolve);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    also?.(onSignal);
  });
  return 0;
}
