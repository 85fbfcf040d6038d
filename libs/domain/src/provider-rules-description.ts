import { PROVIDER_RULES, type ProviderRules } from './provider-rules';
import { PROVIDER_DISPLAY_NAMES, type ProviderId } from './provider.types';

// What PROVIDER_RULES cannot say as numbers: the mixes and kinds each network checks
// (networkMediaIssues in provider-rules.ts, libs/providers' publish plans).
const NOTES: Record<ProviderId, string> = {
  facebook: 'A video goes on its own; up to 10 photos make one feed post; settings.url makes a text post a link post.',
  instagram:
    'Images must be between 4:5 and 1.91:1; one video is a reel (3 s to 15 min); 2 to 10 items make a carousel ' +
    '(videos of 3 to 60 s); post_type "story" posts exactly one image or video as a story, without a caption.',
  'instagram-standalone':
    'Images must be between 4:5 and 1.91:1; one video is a reel (3 s to 15 min); 2 to 10 items make a carousel ' +
    '(videos of 3 to 60 s); post_type "story" posts exactly one image or video as a story, without a caption.',
  tiktok:
    'A video goes on its own; photos are downloaded by TikTok itself, so they must come from a URL prefix verified ' +
    'for the app; privacy_level must be one the account offers.',
};

const FORMAT_NAMES: Record<string, string> = { '.jpg': 'JPEG', '.jpeg': 'JPEG' };

/** ['.jpg', '.jpeg', '.png'] → 'JPEG or PNG'. */
function formats(extensions: readonly string[]): string {
  const names = [...new Set(extensions.map((e) => FORMAT_NAMES[e] ?? e.slice(1).toUpperCase()))];
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

function mediaCount(rules: ProviderRules): string {
  if (rules.minMedia === 0) return `text alone or up to ${rules.maxMedia} images or videos`;
  return `${rules.minMedia} to ${rules.maxMedia} images or videos`;
}

/**
 * The network's media rules in a sentence or two, as Postiz's `rules` gives them to clients and
 * agents, e.g. "TikTok takes 1 to 35 images or videos per post (images as JPEG or WEBP, videos as MP4). …".
 */
export function describeProviderRules(provider: ProviderId): string {
  const rules = PROVIDER_RULES[provider];
  const kinds = `images as ${formats(rules.imageExtensions)}, videos as ${formats(rules.videoExtensions)}`;
  const hashtags = rules.maxHashtags === undefined ? '' : ` At most ${rules.maxHashtags} hashtags.`;
  return `${PROVIDER_DISPLAY_NAMES[provider]} takes ${mediaCount(rules)} per post (${kinds}). ${NOTES[provider]}${hashtags}`;
}
