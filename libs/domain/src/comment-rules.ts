import type { ProviderId } from './provider.types';

/**
 * Thread items go out as comments on the published post. Only networks with a comment API take
 * them; TikTok's Content Posting API has none. Comments carry text only (Herald sends no
 * attachments). Lengths in UTF-16 code units, as the networks count them.
 */
export const COMMENT_RULES: Partial<Record<ProviderId, { maxLength: number; maxComments: number }>> = {
  facebook: { maxLength: 8000, maxComments: 20 },
  instagram: { maxLength: 2200, maxComments: 20 },
  'instagram-standalone': { maxLength: 2200, maxComments: 20 },
};

/** The longest delay before a thread item: a week. */
export const MAX_THREAD_DELAY_MINUTES = 7 * 24 * 60;

export function validateThreadItem(provider: ProviderId, text: string, delayMinutes: number): { field: string; message: string } | undefined {
  const rules = COMMENT_RULES[provider];
  if (!rules) return { field: 'content', message: 'this network takes no comments: send a single item' };
  if (text.trim() === '') return { field: 'content', message: 'is empty' };
  if (text.length > rules.maxLength) return { field: 'content', message: `is ${text.length} characters long; a comment may have ${rules.maxLength}` };
  if (!Number.isInteger(delayMinutes) || delayMinutes < 0 || delayMinutes > MAX_THREAD_DELAY_MINUTES) {
    return { field: 'delay', message: `must be a whole number of minutes from 0 to ${MAX_THREAD_DELAY_MINUTES}` };
  }
  return undefined;
}
