import { sniffMediaType } from './sniff-media-type';

const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`), Buffer.alloc(8)]);

describe(sniffMediaType.name, () => {
  it('should recognise JPEG and PNG by their signatures', () => {
    expect(sniffMediaType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))?.mimeType).toBe('image/jpeg');
    expect(sniffMediaType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.mimeType).toBe('image/png');
  });

  it('should take MP4 and refuse QuickTime', () => {
    expect(sniffMediaType(ftyp('isom'))).toEqual({ mimeType: 'video/mp4', extension: 'mp4', kind: 'video' });
    expect(sniffMediaType(ftyp('qt  '))).toBeNull();
  });

  it('should refuse a file whose bytes are not media, whatever its name', () => {
    expect(sniffMediaType(Buffer.from('<html><body>not an image</body></html>'))).toBeNull();
  });
});
