import { isIP } from 'node:net';

export type ConnectTarget = { host: string; port: number } | { error: string };

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*\.?$/i;

/** A CONNECT request's target, `host:port` or `[v6]:port` (RFC 9110 §9.3.6), or why it is not one. */
export function parseConnectTarget(target: string | undefined): ConnectTarget {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(target ?? '');
  if (!match) return { error: `CONNECT needs a target of the form host:port, not '${clip(target ?? '')}'.` };
  const host = match[1] ?? match[2]!;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return { error: `Port ${match[3]} is not between 1 and 65535.` };
  if (match[1] !== undefined ? isIP(host) !== 6 : !(isIP(host) === 4 || HOSTNAME.test(host))) {
    return { error: `'${clip(host)}' is not a host name or IP address.` };
  }
  return { host, port };
}

const clip = (text: string) => (text.length > 100 ? `${text.slice(0, 100)}…` : text);
