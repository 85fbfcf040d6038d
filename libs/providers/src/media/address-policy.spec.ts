import { type AddressCategory, addressCategory, refusedAddressReason } from './address-policy';

const TABLE: Array<[address: string, category: AddressCategory | undefined]> = [
  ['8.8.8.8', 'public'],
  ['93.184.216.34', 'public'],
  ['100.63.255.255', 'public'],
  ['100.128.0.0', 'public'],
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['64:ff9b::808:808', 'public'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['::', 'unspecified'],
  ['::ffff:0.0.0.0', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['fd12:3456::1', 'private'],
  ['fc00::1', 'private'],
  ['fec0::1', 'private'],
  ['64:ff9b:1::a', 'private'],
  ['::ffff:10.1.2.3', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['::1', 'loopback'],
  ['[::1]', 'loopback'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['0:0:0:0:0:ffff:7f00:0001', 'loopback'],
  ['::127.0.0.1', 'loopback'],
  ['64:ff9b::7f00:1', 'loopback'],
  ['2002:7f00:1::', 'loopback'],
  ['169.254.169.254', 'link-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['::ffff:100.100.100.100', 'cgnat'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['ff02::1', 'multicast'],
  ['240.0.0.1', 'reserved'],
  ['255.255.255.255', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['media.example.com', undefined],
  ['1.2.3', undefined],
  ['::g', undefined],
];

describe(addressCategory.name, () => {
  it.each(TABLE)('should class %s as %s', (address, category) => {
    expect(addressCategory(address)).toBe(category);
  });

  it('should give a reason for every address that is not public, and none for a public one', () => {
    expect(refusedAddressReason('8.8.8.8')).toBeUndefined();
    expect(refusedAddressReason('::ffff:127.0.0.1')).toBe('::ffff:127.0.0.1 is a loopback address (this machine)');
    expect(refusedAddressReason('100.64.0.1')).toBe('100.64.0.1 is a carrier-grade NAT address');
    expect(refusedAddressReason('not-an-ip')).toBe('not-an-ip is not an IP address');
  });
});
