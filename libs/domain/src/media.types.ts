/** A media item attached to a post: a public URL the network downloads, plus what Herald knows. */
export interface MediaRef {
  /** Herald's Media id when the file was uploaded to Herald; clients may send ids Herald never issued. */
  id?: string;
  path: string;
  kind: MediaKind;
  mimeType?: string;
  /** Known when Herald stored the file (uploads); the networks' size and duration rules use them. */
  width?: number;
  height?: number;
  durationMs?: number;
}

export type MediaKind = 'image' | 'video';

const VIDEO_EXTENSIONS = ['.mp4', '.mov', '.m4v', '.webm', '.avi', '.mkv'];

/** Guesses the kind of a media URL from its MIME type when known, else from its extension. */
export function mediaKindOf(path: string, mimeType?: string): MediaKind {
  if (mimeType) return mimeType.startsWith('video/') ? 'video' : 'image';
  let pathname = path;
  try {
    pathname = new URL(path).pathname;
  } catch {
    // not an absolute URL: use it as it is
  }
  const lower = pathname.toLowerCase();
  return VIDEO_EXTENSIONS.some((ext) => lower.endsWith(ext)) ? 'video' : 'image';
}
