import type { RequestListener, Server, ServerResponse } from 'node:http';

/**
 * How long a stop waits for the requests already being answered, before it cuts their connections:
 * long enough for any API request, short of the 30 s a process manager (systemd, Kubernetes) grants
 * before it kills.
 */
export const STOP_GRACE_MS = 10_000;

/**
 * The requests a server is answering, so that it stops without dropping them: a request that arrived
 * before the stop is answered, and its writes commit, before the database closes. Cutting them instead
 * would answer a client's create with a reset connection although its row may have been committed, and
 * leave handlers querying a closed database.
 */
export class RequestsInFlight {
  readonly #responses = new Set<ServerResponse>();
  /** App handlers not yet settled: one may still read or write after its client has gone. */
  #handlers = 0;
  #stopping = false;
  #whenIdle: (() => void)[] = [];

  /** Wraps the server's request listener: each response counts until it is sent (or its connection is gone). */
  listener(next: RequestListener): RequestListener {
    return (request, response) => {
      // Once stopping, each answer closes its connection, so that keep-alive clients go elsewhere.
      if (this.#stopping) response.shouldKeepAlive = false;
      this.#responses.add(response);
      response.once('close', () => {
        this.#responses.delete(response);
        this.#settle();
      });
      next(request, response);
    };
  }

  /** Wraps the app's handler: each call counts until the promise it returns settles. */
  handler<A extends unknown[], R>(handle: (...args: A) => R): (...args: A) => R {
    return (...args) => {
      const result = handle(...args);
      if (!(result instanceof Promise)) return result;
      this.#handlers++;
      const done = () => {
        this.#handlers--;
        this.#settle();
      };
      result.then(done, done);
      return result;
    };
  }

  /**
   * Stops `server` taking connections, lets the requests it is answering finish (for at most `graceMs`),
   * then closes every connection left (idle keep-alive ones) and waits for the handlers still running.
   */
  async stop(server: Server, graceMs = STOP_GRACE_MS): Promise<void> {
    this.#stopping = true;
    for (const response of this.#responses) if (!response.headersSent) response.shouldKeepAlive = false;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await this.#idle(graceMs);
    server.closeAllConnections();
    await closed;
    await this.#idle(graceMs);
  }

  get size(): number {
    return this.#responses.size + this.#handlers;
  }

  #settle(): void {
    if (this.size > 0) return;
    for (const resolve of this.#whenIdle.splice(0)) resolve();
  }

  /** Resolves once nothing is in flight, or after `ms`. */
  #idle(ms: number): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#whenIdle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
