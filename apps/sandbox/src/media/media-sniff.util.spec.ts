import { fixture, jpegOfSize } from '../__fixtures__/sandbox.harness';
import { imageDimensions, jpegDimensions } from './image-dimensions.util';
import { sniffFormat } from './media-sniff.util';

describe(sniffFormat.name, () => {
  it.each([
    ['square.jpg', 'jpeg'],
    ['square.png', 'png'],
    ['clip.mp4', 'mp4'],
  ])('should name %s as %s from its bytes', (name, format) => {
    expect(sniffFormat(fixture(name))).toBe(format);
  });

  it('should recognise GIF, WEBP, QuickTime, WebM and refuse text', () => {
    expect(sniffFormat(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBe('gif');
    expect(sniffFormat(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1'))).toBe('webp');
    expect(sniffFormat(Buffer.from('\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00', 'latin1'))).toBe('mov');
    expect(sniffFormat(Buffer.from('\x00\x00\x00\x08wide\x00\x00', 'latin1'))).toBe('mov');
    expect(sniffFormat(Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x01]))).toBe('webm');
    expect(sniffFormat(Buffer.from('<!doctype html>'))).toBe('unknown');
    expect(sniffFormat(Buffer.alloc(0))).toBe('unknown');
  });
});

describe(jpegDimensions.name, () => {
  it('should read the frame size of real JPEGs past their JFIF and table segments', () => {
    expect(jpegDimensions(fixture('square.jpg'))).toEqual({ width: 64, height: 64 });
    expect(jpegDimensions(fixture('tall.jpg'))).toEqual({ width: 40, height: 120 });
  });

  it('should give nothing for a truncated or frameless JPEG', () => {
    expect(jpegDimensions(fixture('square.jpg').subarray(0, 30))).toBeUndefined();
    expect(jpegDimensions(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0x00, 0x02]))).toBeUndefined();
    expect(jpegDimensions(jpegOfSize(1910, 1000, 20))).toEqual({ width: 1910, height: 1000 });
  });

  it('should read PNG and GIF sizes', () => {
    expect(imageDimensions('png', fixture('square.png'))).toEqual({ width: 64, height: 64 });
    expect(imageDimensions('gif', Buffer.from('GIF89a\x40\x01\xf0\x00', 'latin1'))).toEqual({ width: 320, height: 240 });
    expect(imageDimensions('mp4', fixture('clip.mp4'))).toBeUndefined();
  });
});
