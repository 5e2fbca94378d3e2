/** The longest a shared limit waits on Redis before deciding for this process alone. */
const COMMAND_TIMEOUT_MS = 500;

export interface RedisLink {
  /** Every key this deployment uses starts with it, so deployments (and tests) can share one Redis. */
  readonly prefix: string;
  /**
   * Runs `command` on Redis, or `fallback` when Redis is unreachable, slow or failing: limits then
   * hold per process (the documented fail-safe) and the request is still served.
   */
  run<T>(command: (send: (args: string[]) => Promise<unknown>) => Promise<T>, fallback: () => T | Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const withTimeout = <T>(work: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${COMMAND_TIMEOUT_MS} ms`)), COMMAND_TIMEOUT_MS);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * One connection to Redis for the shared limits. It reconnects on its own; while it is away each
 * process limits on its own, with one warning when Redis goes and one line when it is back.
 */
export async function connectRedis(url: string, prefix: string, log: (line: string) => void = console.warn): Promise<RedisLink> {
  // Loaded only when configured: a server without Redis never pays for the client at start.
  const { createClient } = await import('redis');
  // Commands fail at once while disconnected instead of queueing: a request never waits for Redis to return.
  const client = createClient({ url, disableOfflineQueue: true, socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(100 * (retries + 1), 2000) } });
  let degraded = false;
  const degrade = (reason: string) => {
    if (degraded) return;
    degraded = true;
    log(`Warning: Redis at ${new URL(url).host} is unavailable (${reason}); limits now hold per process until it returns. Nothing is lost.`);
  };
  client.on('error', (error: Error) => degrade(error.message));
  const recover = () => {
    if (!degraded) return;
    degraded = false;
    log(`Redis at ${new URL(url).host} is back; limits are shared across processes again.`);
  };
  client.on('ready', recover);
  // The first connection gets a moment; without it the server starts on the fail-safe and keeps trying.
  await withTimeout(client.connect()).catch((error: Error) => degrade(error.message));
  return {
    prefix,
    async run(command, fallback) {
      if (!client.isReady) return fallback();
      try {
        const result = await withTimeout(command((args) => client.sendCommand(args)));
        recover();
        return result;
      } catch (error) {
        degrade((error as Error).message);
        return fallback();
      }
    },
    async close() {
      // Pending releases get a moment to reach Redis; an unreachable Redis is not waited for.
      if (client.isReady) await withTimeout(client.close()).catch(() => undefined);
      if (client.isOpen) client.destroy();
    },
  };
}
