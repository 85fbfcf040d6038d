import { isIPv4, isIPv6 } from 'node:net';

/** What kind of address an IP is, as far as fetching media from it goes. */
export type AddressCategory =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'cgnat'
  | 'multicast'
  | 'unspecified'
  | 'reserved';

interface Range {
  base: bigint;
  prefix: number;
  category: Exclude<AddressCategory, 'public'>;
}

// [first address, prefix length, category]. IPv4 ranges from RFC 6890's special-purpose registry.
const IPV4_RANGES: Array<[string, number, Range['category']]> = [
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link-local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'reserved'],
  ['203.0.113.0', 24, 'reserved'],
  ['224.0.0.0', 4, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

const IPV6_RANGES: Array<[string, number, Range['category']]> = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['64:ff9b:1::', 48, 'private'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'reserved'],
  ['fc00::', 7, 'private'],
  ['fe80::', 10, 'link-local'],
  ['fec0::', 10, 'private'],
  ['ff00::', 8, 'multicast'],
];

// IPv6 prefixes whose addresses carry an IPv4 address that decides where the packets go:
// [prefix, prefix length, bit offset of the IPv4 address from the left].
const IPV4_CARRIERS: Array<[string, number, number]> = [
  ['::ffff:0:0', 96, 96], // IPv4-mapped
  ['::', 96, 96], // IPv4-compatible (deprecated), e.g. ::127.0.0.1
  ['64:ff9b::', 96, 96], // NAT64
  ['2002::', 16, 16], // 6to4
];

const v4Ranges = IPV4_RANGES.map(([ip, prefix, category]) => ({ base: ipv4ToBigInt(ip)!, prefix, category }));
const v6Ranges = IPV6_RANGES.map(([ip, prefix, category]) => ({ base: ipv6ToBigInt(ip)!, prefix, category }));
const v6Carriers = IPV4_CARRIERS.map(([ip, prefix, offset]) => ({ base: ipv6ToBigInt(ip)!, prefix, offset }));

/** Classifies an IPv4 or IPv6 address (an IPv6 carrying an IPv4 one is judged by the IPv4). */
export function addressCategory(address: string): AddressCategory | undefined {
  const ip = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(ip)) return categoryIn(ipv4ToBigInt(ip)!, 32, v4Ranges);
  if (!isIPv6(ip)) return undefined;
  const value = ipv6ToBigInt(ip);
  if (value === undefined) return undefined;
  const own = categoryIn(value, 128, v6Ranges);
  if (own !== 'public') return own;
  for (const carrier of v6Carriers) {
    if (inRange(value, 128, carrier.base, carrier.prefix)) {
      const embedded = (value >> BigInt(128 - carrier.offset - 32)) & 0xffffffffn;
      return categoryIn(embedded, 32, v4Ranges);
    }
  }
  return 'public';
}

/** Why Herald will not fetch from this address, or undefined when it is a public one. */
export function refusedAddressReason(address: string): string | undefined {
  const category = addressCategory(address);
  if (category === undefined) return `${address} is not an IP address`;
  return category === 'public' ? undefined : `${address} is ${describeAddressCategory(category)}`;
}

/** "a loopback address (this machine)", for messages. */
export function describeAddressCategory(category: Exclude<AddressCategory, 'public'>): string {
  switch (category) {
    case 'private':
      return 'a private network address';
    case 'loopback':
      return 'a loopback address (this machine)';
    case 'link-local':
      return 'a link-local address';
    case 'cgnat':
      return 'a carrier-grade NAT address';
    case 'multicast':
      return 'a multicast address';
    case 'unspecified':
      return 'an unspecified address';
    case 'reserved':
      return 'a reserved address';
  }
}

function categoryIn(value: bigint, bits: number, ranges: Range[]): AddressCategory {
  // Longest prefix first would matter only for nested ranges; ::1 sits inside :: /128 only.
  for (const range of ranges) {
    if (inRange(value, bits, range.base, range.prefix)) return range.category;
  }
  return 'public';
}

function inRange(value: bigint, bits: number, base: bigint, prefix: number): boolean {
  const shift = BigInt(bits - prefix);
  return value >> shift === base >> shift;
}

function ipv4ToBigInt(ip: string): bigint | undefined {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((part) => !Number.isInteger(part) || part < 0 || part > 255)) return undefined;
  return parts.reduce((sum, part) => (sum << 8n) + BigInt(part), 0n);
}

function ipv6ToBigInt(ip: string): bigint | undefined {
  let text = ip.toLowerCase();
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // A trailing dotted quad (::ffff:127.0.0.1) stands for the last two groups.
    const v4 = ipv4ToBigInt(last);
    if (v4 === undefined) return undefined;
    tail = [Number(v4 >> 16n), Number(v4 & 0xffffn)];
    text = text.slice(0, lastColon + 1);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => (/^[0-9a-f]{1,4}$/.test(group) ? Number.parseInt(group, 16) : NaN)));
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - rest.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const hextets = [...head, ...new Array<number>(missing).fill(0), ...rest, ...tail];
  if (hextets.some((group) => Number.isNaN(group))) return undefined;
  return hextets.reduce((sum, group) => (sum << 16n) + BigInt(group), 0n);
}
