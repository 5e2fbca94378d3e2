import type { Server, ServerOptions } from 'node:http';
import type { ServerLimits } from '../config/server-limits.ts';
import { answerClientError } from './client-error.ts';

/**
 * Node's server options from the configured limits. Expired connections are looked for four times per
 * headers timeout (Node's default is every 30 s), so a slow-loris connection does not outlive it by
 * much. A missing `Host` is answered by the app (in Twilio's shape), not by Node with an empty 400.
 */
export const serverOptions = (limits: ServerLimits): ServerOptions => ({
  headersTimeout: limits.headersTimeoutMs,
  requestTimeout: limits.requestTimeoutMs,
  keepAliveTimeout: limits.keepAliveTimeoutMs,
  connectionsCheckingInterval: Math.max(25, Math.floor(limits.headersTimeoutMs / 4)),
  requireHostHeader: false,
});

/** What Node sets on the server rather than through its options. */
export function applyLimits(server: Server, limits: ServerLimits): void {
  server.maxConnections = limits.maxConnections;
  server.on('clientError', answerClientError);
}
