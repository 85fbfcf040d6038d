import { readFileSync } from 'node:fs';
import path from 'node:path';
import { probeMedia } from './probe-media';

const fixture = (name: string) => new Uint8Array(readFileSync(path.join(__dirname, '../../../../e2e/fixtures', name)));

describe(probeMedia.name, () => {
  it('should read a JPEG\'s pixel size', () => {
    expect(probeMedia(fixture('photo.jpg'))).toEqual({ mimeType: 'image/jpeg', kind: 'image', width: 640, height: 480 });
  });

  it('should read a PNG\'s pixel size', () => {
    expect(probeMedia(fixture('square.png'))).toEqual({ mimeType: 'image/png', kind: 'image', width: 400, height: 400 });
  });

  it('should read an MP4\'s duration from its movie header', () => {
    const facts = probeMedia(fixture('clip.mp4'));
    expect(facts).toMatchObject({ mimeType: 'video/mp4', kind: 'video' });
    expect(facts?.durationMs).toBeGreaterThanOrEqual(3_900);
    expect(facts?.durationMs).toBeLessThanOrEqual(4_100);
  });

  it('should tell QuickTime from MP4', () => {
    const mov = fixture('clip.mp4').slice();
    mov.set([0x71, 0x74, 0x20, 0x20], 8); // brand "qt  "
    expect(probeMedia(mov)?.mimeType).toBe('video/quicktime');
  });

  it('should recognise nothing in a text file', () => {
    expect(probeMedia(new TextEncoder().encode('<html>not media at all</html>'))).toBeNull();
  });
});
