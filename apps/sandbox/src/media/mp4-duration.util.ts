/**
 * How far a walk over the boxes of an MP4 or QuickTime file has got. Plain JSON, so that an
 * upload received in chunks can be walked chunk by chunk, across a restart of the sandbox,
 * without keeping the file: only the few bytes of a box header cut by a chunk end are carried.
 */
export interface Mp4ScanState {
  /** Absolute offset of the next box header to read. */
  next: number;
  /** Bytes from `next` onwards that arrived but were too few to read that header (base64). */
  carry: string;
  /** The movie header's duration, once found. */
  durationMs?: number;
  /** Nothing more to learn: the duration is known, or the file is not a walkable box tree. */
  done: boolean;
}

// The movie header sits inside moov; every other top-level box is skipped by its size.
const DESCEND_INTO = new Set(['moov']);

export function newMp4Scan(): Mp4ScanState {
  return { next: 0, carry: '', done: false };
}

function readMvhd(view: Buffer, at: number): number | undefined {
  const version = view[at];
  const timescale = version === 1 ? view.readUInt32BE(at + 20) : view.readUInt32BE(at + 12);
  const duration = version === 1 ? Number(view.readBigUInt64BE(at + 24)) : view.readUInt32BE(at + 16);
  return timescale > 0 ? Math.round((duration * 1000) / timescale) : undefined;
}

/**
 * Feeds the bytes that start at `offset` of the file; chunks must come in order and without gaps
 * (as TikTok's strictly sequential upload guarantees).
 */
export function scanMp4Chunk(state: Mp4ScanState, chunk: Uint8Array, offset: number): void {
  if (state.done) return;
  const carried = Buffer.from(state.carry, 'base64');
  const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  // The carried bytes are the ones just before `offset`, starting at `next`.
  const view = carried.length > 0 ? Buffer.concat([carried, bytes]) : bytes;
  const viewStart = carried.length > 0 ? state.next : offset;
  state.carry = '';
  const wait = (at: number) => {
    state.carry = view.subarray(at).toString('base64');
  };
  for (;;) {
    const at = state.next - viewStart;
    if (at >= view.length) return; // the next header lies in a later chunk
    const available = view.length - at;
    if (available < 8) return wait(at);
    const size32 = view.readUInt32BE(at);
    const type = view.toString('latin1', at + 4, at + 8);
    let header = 8;
    let size = size32;
    if (size32 === 1) {
      if (available < 16) return wait(at);
      size = Number(view.readBigUInt64BE(at + 8));
      header = 16;
    }
    if (type === 'mvhd') {
      if (available < header + 32) return wait(at);
      state.durationMs = readMvhd(view, at + header);
      state.done = true;
      return;
    }
    if (DESCEND_INTO.has(type)) {
      state.next += header;
      continue;
    }
    // Size 0 runs to the end of the file; a size smaller than its header is not MP4 at all.
    if (size32 === 0 || size < header) {
      state.done = true;
      return;
    }
    state.next += size;
  }
}

/** The duration of a whole file (or of a head holding its moov box), in milliseconds. */
export function mp4DurationMs(bytes: Uint8Array): number | undefined {
  const state = newMp4Scan();
  scanMp4Chunk(state, bytes, 0);
  return state.durationMs;
}
