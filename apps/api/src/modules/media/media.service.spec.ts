import { copyFile, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ApiConfig } from '@herald/config';
import type { MediaRecord, MediaRepository } from '@herald/db';
import { AppError } from '../../common/app-error';
import type { MediaDownloadService } from './media-download.service';
import { MediaService, type UploadedFile } from './media.service';

const PHOTO = path.resolve(__dirname, '../../../../../e2e/fixtures/photo.jpg');
// The first box of a QuickTime movie: probeMedia reads it as video/quicktime, which Herald does not store.
const MOV = Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypqt  \0\0\0\0qt  ', 'latin1')]);

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe(MediaService.name, () => {
  let dir: string;
  let uploadDir: string;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'herald-media-'));
    uploadDir = path.join(dir, 'uploads');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A service whose download "fetches" `source` into a temporary file. */
  function setup(source: string | Buffer, { imageLimit = 10_000_000 } = {}) {
    const created: Array<Omit<MediaRecord, 'id'>> = [];
    const media = { create: jest.fn((_org: string, data: Omit<MediaRecord, 'id'>) => (created.push(data), Promise.resolve({ id: 'm1', ...data }))) };
    const downloads = {
      download: jest.fn(async (): Promise<UploadedFile> => {
        const file = path.join(dir, `incoming-${created.length}`);
        if (typeof source === 'string') await copyFile(source, file);
        else await writeFile(file, source);
        return { path: file, size: (await stat(file)).size, originalname: 'photo.jpg' };
      }),
    };
    const config = { UPLOAD_DIR: uploadDir, MEDIA_PUBLIC_URL: 'http://media.test/uploads', UPLOAD_MAX_IMAGE_BYTES: imageLimit, UPLOAD_MAX_VIDEO_BYTES: 1e9 };
    const service = new MediaService(media as unknown as MediaRepository, downloads as unknown as MediaDownloadService, config as ApiConfig);
    return { service, media, downloads, created };
  }
  const leftovers = async () => (await readdir(dir)).filter((name) => name.startsWith('incoming-'));

  it('should store a downloaded JPEG as an upload is stored, and remove the temporary file', async () => {
    const { service, downloads } = setup(PHOTO);

    const stored = await service.storeFromUrl('org-1', { url: 'https://cdn.example.com/photo.jpg' });

    expect(downloads.download).toHaveBeenCalledWith('https://cdn.example.com/photo.jpg');
    expect(stored).toMatchObject({ id: 'm1', originalName: 'photo.jpg', mimeType: 'image/jpeg', kind: 'image' });
    expect(stored.path).toMatch(/^http:\/\/media\.test\/uploads\/[0-9a-f]{32}\.jpg$/);
    expect(await readdir(uploadDir)).toEqual([path.basename(stored.path)]);
    expect(await leftovers()).toEqual([]);
  });

  it('should refuse a type Herald does not store with a 400 naming url (POST /upload answers 415 naming file)', async () => {
    const fromUrl = await errorOf(setup(MOV).service.storeFromUrl('org-1', { url: 'https://cdn.example.com/clip.mov' }));
    const movFile = path.join(dir, 'incoming-upload');
    await writeFile(movFile, MOV);
    const uploaded = await errorOf(setup(MOV).service.store('org-1', { path: movFile, size: MOV.length, originalname: 'clip.mov' }));

    expect(fromUrl).toMatchObject({ code: 'VALIDATION', status: 400, extra: { field: 'url' } });
    expect(fromUrl.message).toMatch(/video\/quicktime/);
    expect(uploaded).toMatchObject({ code: 'UNSUPPORTED_MEDIA', status: 415, extra: { field: 'file' } });
    expect(await leftovers()).toEqual([]);
  });

  it('should answer 413 naming url for an image over the image limit, and record nothing', async () => {
    const { service, created } = setup(PHOTO, { imageLimit: 1_000 });

    const error = await errorOf(service.storeFromUrl('org-1', { url: 'https://cdn.example.com/photo.jpg' }));

    expect(error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413, extra: { field: 'url' } });
    expect(created).toEqual([]);
    expect(await leftovers()).toEqual([]);
  });

  it.each([
    ['no url', {}],
    ['a url that is not text', { url: 42 }],
    ['an empty url', { url: ' ' }],
  ])('should refuse %s with a 400 naming url, without downloading', async (_label, body) => {
    const { service, downloads } = setup(PHOTO);

    const error = await errorOf(service.storeFromUrl('org-1', body));

    expect(error).toMatchObject({ code: 'VALIDATION', extra: { field: 'url' } });
    expect(downloads.download).not.toHaveBeenCalled();
  });
});
