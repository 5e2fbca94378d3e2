const toNumber = (ip: string): number => ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);

/** Whether an IPv4 address lies in `address/prefixLength`. */
export function inBlock(ip: string, block: { ip_address: string; cidr_prefix_length: number }): boolean {
  const bits = block.cidr_prefix_length;
  if (bits === 0) return true;
  const size = 2 ** (32 - bits);
  return Math.floor(toNumber(ip) / size) === Math.floor(toNumber(block.ip_address) / size);
}
