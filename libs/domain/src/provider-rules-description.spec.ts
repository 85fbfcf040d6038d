import { describeProviderRules } from './provider-rules-description';
import { PROVIDER_IDS } from './provider.types';

describe(describeProviderRules.name, () => {
  it('should give TikTok its counts and formats from PROVIDER_RULES', () => {
    expect(describeProviderRules('tiktok')).toBe(
      'TikTok takes 1 to 35 images or videos per post (images as JPEG or WEBP, videos as MP4). A video goes on its own; ' +
        'photos are downloaded by TikTok itself, so they must come from a URL prefix verified for the app; ' +
        'privacy_level must be one the account offers.',
    );
  });

  it('should say that a Facebook post may be text alone, and list its image formats once each', () => {
    const rules = describeProviderRules('facebook');

    expect(rules).toMatch(/^Facebook Page takes text alone or up to 10 images or videos per post \(images as JPEG, PNG, GIF or WEBP, videos as MP4\)\./);
    expect(rules.match(/JPEG/g)).toHaveLength(1);
  });

  it('should name the Instagram story, carousel and aspect-ratio rules and the hashtag limit', () => {
    const rules = describeProviderRules('instagram');

    expect(rules).toMatch(/^Instagram \(Facebook login\) takes 1 to 10 images or videos per post \(images as JPEG, videos as MP4 or MOV\)\./);
    expect(rules).toMatch(/4:5 and 1\.91:1/);
    expect(rules).toMatch(/post_type "story"/);
    expect(rules).toMatch(/At most 30 hashtags\.$/);
  });

  it.each(PROVIDER_IDS)('should describe %s in sentences', (provider) => {
    expect(describeProviderRules(provider)).toMatch(/^[A-Z].+\.$/);
  });
});
