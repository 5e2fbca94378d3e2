import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

const lists = new WeakMap<readonly string[], BlockList>();

function trustedList(ranges: readonly string[]): BlockList {
  let list = lists.get(ranges);
  if (!list) {
    list = new BlockList();
    for (const range of ranges) {
      const [address, bits] = range.split('/') as [string, string];
      list.addSubnet(address, Number(bits), isIP(address) === 6 ? 'ipv6' : 'ipv4');
    }
    lists.set(ranges, list);
  }
  return list;
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
const plain = (address: string): string => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

const isTrusted = (list: BlockList, address: string): boolean => {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client's address. With no trusted proxies it is the socket's peer. Otherwise, while the hop
 * that handed the request over is a trusted proxy, the address it appended to `X-Forwarded-For` is
 * believed and the walk goes one hop further left; the first untrusted hop is the client, so a client
 * cannot choose its own address by sending the header itself.
 */
export function clientAddress(peer: string, forwardedFor: string | undefined, trustProxy: readonly string[]): string {
  let address = plain(peer);
  if (trustProxy.length === 0 || !forwardedFor) return address;
  const list = trustedList(trustProxy);
  const hops = forwardedFor.split(',').map((hop) => plain(hop.trim()));
  while (isTrusted(list, address) && hops.length > 0) {
    const next = hops.pop()!;
    if (isIP(next) === 0) break;
    address = next;
  }
  return address;
}

/** The client address of a request served by @hono/node-server; `unknown` when there is no socket (in-process requests). */
export function requestClientAddress(c: Context, trustProxy: readonly string[]): string {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined;
  }
  return peer === undefined ? 'unknown' : clientAddress(peer, c.req.header('x-forwarded-for'), trustProxy);
}
