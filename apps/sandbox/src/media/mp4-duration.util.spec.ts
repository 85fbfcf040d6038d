import { fixture } from '../__fixtures__/sandbox.harness';
import { mp4DurationMs, newMp4Scan, scanMp4Chunk } from './mp4-duration.util';

/** A box: 32-bit size, four-character type, payload. */
function box(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** A version-1 movie header (64-bit times and duration). */
function mvhdV1(timescale: number, duration: bigint): Buffer {
  const payload = Buffer.alloc(112);
  payload[0] = 1;
  payload.writeUInt32BE(timescale, 20);
  payload.writeBigUInt64BE(duration, 24);
  return box('mvhd', payload);
}

describe(scanMp4Chunk.name, () => {
  const clip = fixture('clip.mp4');

  it('should read the 1.2 s duration of the fixture clip in one piece', () => {
    expect(mp4DurationMs(clip)).toBe(1200);
  });

  it('should find the same duration whichever byte the file is cut at', () => {
    for (let cut = 1; cut < clip.length; cut++) {
      const state = newMp4Scan();
      scanMp4Chunk(state, clip.subarray(0, cut), 0);
      scanMp4Chunk(state, clip.subarray(cut), cut);
      expect([cut, state.durationMs]).toEqual([cut, 1200]);
    }
  });

  it('should skip a large box before moov without holding it, and read a version-1 header', () => {
    const ftyp = box('ftyp', Buffer.from('isom\x00\x00\x02\x00isom', 'latin1'));
    const file = Buffer.concat([ftyp, box('mdat', Buffer.alloc(100_000)), box('moov', mvhdV1(600, 600n * 42n))]);
    const state = newMp4Scan();
    for (let at = 0; at < file.length; at += 7_001) scanMp4Chunk(state, file.subarray(at, at + 7_001), at);
    expect(state).toMatchObject({ durationMs: 42_000, done: true });
    expect(state.carry).toBe('');
  });

  it('should give up on bytes that are not a box tree', () => {
    const state = newMp4Scan();
    scanMp4Chunk(state, fixture('square.png'), 0);
    expect(state.durationMs).toBeUndefined();
    expect(mp4DurationMs(Buffer.from('\x00\x00\x00\x08free', 'latin1'))).toBeUndefined();
  });
});
