import type { MediaRef } from './media.types';
import { validatePostContent } from './provider-rules';

const image = (width?: number, height?: number, path = 'https://cdn.example.com/a.jpg'): MediaRef => ({
  path,
  kind: 'image',
  ...(width && { width }),
  ...(height && { height }),
});
const video = (durationMs?: number): MediaRef => ({
  path: 'https://cdn.example.com/v.mp4',
  kind: 'video',
  mimeType: 'video/mp4',
  ...(durationMs !== undefined && { durationMs }),
});
const fields = (issues: Array<{ field: string }>) => issues.map((i) => i.field);

describe(validatePostContent.name, () => {
  it('should accept an Instagram image between 4:5 and 1.91:1', () => {
    expect(validatePostContent('instagram', { content: 'hi', media: [image(1080, 1350)] })).toEqual([]);
    expect(validatePostContent('instagram', { content: 'hi', media: [image(1910, 1000)] })).toEqual([]);
  });

  it('should refuse an Instagram image outside 4:5 to 1.91:1, naming its size', () => {
    const issues = validatePostContent('instagram', { content: 'hi', media: [image(1000, 2000)] });
    expect(fields(issues)).toEqual(['image[0]']);
    expect(issues[0]!.message).toMatch(/1000×2000.*4:5 and 1\.91:1/);
  });

  it('should not apply the feed aspect ratio to a story', () => {
    expect(validatePostContent('instagram', { content: '', media: [image(1080, 1920)], settings: { post_type: 'story' } })).toEqual([]);
  });

  it('should refuse a reel longer than 15 minutes and a story video longer than 60 s', () => {
    expect(fields(validatePostContent('instagram', { content: 'x', media: [video(901_000)] }))).toEqual(['image[0]']);
    expect(validatePostContent('instagram', { content: 'x', media: [video(600_000)] })).toEqual([]);
    expect(fields(validatePostContent('instagram', { content: '', media: [video(61_000)], settings: { post_type: 'story' } }))).toEqual([
      'image[0]',
    ]);
  });

  it('should refuse an Instagram carousel of 11 items and a story of 2', () => {
    const eleven = Array.from({ length: 11 }, () => image(1080, 1080));
    expect(fields(validatePostContent('instagram', { content: 'x', media: eleven }))).toEqual(['image']);
    expect(fields(validatePostContent('instagram', { content: 'x', media: [image(), image()], settings: { post_type: 'story' } }))).toEqual([
      'image',
    ]);
  });

  it('should refuse a PNG for Instagram and for TikTok, but take it for Facebook', () => {
    const png = image(800, 800, 'https://cdn.example.com/a.png');
    expect(validatePostContent('instagram', { content: 'x', media: [png] })[0]!.message).toMatch(/JPG, JPEG only/);
    expect(validatePostContent('tiktok', { content: 'x', media: [png] })[0]!.message).toMatch(/JPG, JPEG, WEBP only/);
    expect(validatePostContent('facebook', { content: 'x', media: [png] })).toEqual([]);
  });

  it('should refuse a MOV or WebM video for TikTok: MP4 only', () => {
    const mov: MediaRef = { path: 'https://cdn.example.com/v.mov', kind: 'video' };
    const webm: MediaRef = { path: 'https://cdn.example.com/v.webm', kind: 'video', mimeType: 'video/webm' };
    expect(validatePostContent('tiktok', { content: 'x', media: [mov] })[0]!.message).toMatch(/MP4 only/);
    expect(validatePostContent('tiktok', { content: 'x', media: [webm] })[0]!.message).toMatch(/MP4 only/);
  });

  it('should refuse a video mixed with photos on Facebook and TikTok', () => {
    expect(fields(validatePostContent('facebook', { content: 'x', media: [video(), image()] }))).toEqual(['image']);
    expect(fields(validatePostContent('tiktok', { content: 'x', media: [video(), image()] }))).toContain('image');
  });

  it('should count caption length in UTF-16 units, as the networks do', () => {
    const emoji = '😀'.repeat(1101); // 2202 UTF-16 units
    expect(fields(validatePostContent('instagram', { content: emoji, media: [image()] }))).toEqual(['content']);
  });
});
