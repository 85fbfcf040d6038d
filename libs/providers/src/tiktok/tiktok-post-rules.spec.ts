import type { MediaRef } from '@herald/domain';
import type { TikTokCreatorInfo } from './tiktok-creator-info';
import { validateTikTokPost } from './tiktok-post-rules';

const clip: MediaRef = { path: 'https://media.example.com/clip.mp4', kind: 'video', durationMs: 200_000 };
const jpeg: MediaRef = { path: 'https://media.example.com/a.jpg', kind: 'image' };

const privateCreator: TikTokCreatorInfo = {
  privacyLevelOptions: ['FOLLOWER_OF_CREATOR', 'MUTUAL_FOLLOW_FRIENDS', 'SELF_ONLY'],
  commentDisabled: true,
  duetDisabled: true,
  stitchDisabled: true,
  maxVideoPostDurationSec: 180,
};

describe(validateTikTokPost.name, () => {
  it('should accept a plain MP4 post with Postiz defaults when no creator info is given', () => {
    expect(validateTikTokPost({ content: 'Hello', media: [clip], settings: {} })).toEqual([]);
  });

  it('should name each field that breaks TikTok\'s rules', () => {
    const issues = validateTikTokPost({
      content: 'Photos',
      media: [jpeg, { path: 'https://media.example.com/b.png', kind: 'image' }],
      settings: { privacy_level: 'PUBLIC', duet: 'yes', autoAddMusic: 'maybe', content_posting_method: 'LATER', title: 'x'.repeat(91) },
    });

    expect(issues.map((issue) => issue.field)).toEqual([
      'settings.privacy_level',
      'settings.autoAddMusic',
      'settings.content_posting_method',
      'settings.duet',
      'image[1].path',
      'settings.title',
    ]);
  });

  it('should apply the creator\'s visibilities and longest video when creator info is given', () => {
    const issues = validateTikTokPost({ content: 'Hello', media: [clip], settings: { privacy_level: 'PUBLIC_TO_EVERYONE' } }, privateCreator);

    expect(issues).toEqual([
      {
        field: 'settings.privacy_level',
        message: 'PUBLIC_TO_EVERYONE is not available for this TikTok account; choose one of: Followers (FOLLOWER_OF_CREATOR), Friends (MUTUAL_FOLLOW_FRIENDS), Only me (SELF_ONLY)',
      },
      { field: 'image[0]', message: 'lasts 200.0 s; this TikTok account allows videos of at most 180 seconds' },
    ]);
  });

  it('should ignore the visibility of inbox posts, and refuse branded content shown to "Only me"', () => {
    const inbox = validateTikTokPost({ content: '', media: [jpeg], settings: { content_posting_method: 'UPLOAD' } }, privateCreator);
    const branded = validateTikTokPost({ content: '', media: [jpeg], settings: { privacy_level: 'SELF_ONLY', brand_content_toggle: true } });

    expect(inbox).toEqual([]);
    expect(branded).toEqual([{ field: 'settings.privacy_level', message: 'branded content cannot be posted with visibility "Only me" (SELF_ONLY)' }]);
  });
});
