/** The composer's fields that an API error can be shown next to. */
export type ComposerField = 'channels' | 'content' | 'media' | 'when' | 'form';

/**
 * Where an API 400 belongs, from the field it names: 'date' → the date and time,
 * 'posts[0].value[0].content' → the text, 'posts[1].value[0].image[0].path' → the media,
 * 'posts[0].integration.id' or 'posts' → the channels. Anything else goes above the buttons.
 */
export function composerFieldOf(apiField: string | undefined): ComposerField {
  if (!apiField) return 'form';
  if (apiField === 'date' || apiField === 'timeZone') return 'when';
  if (/\.content$/.test(apiField)) return 'content';
  if (/\.image\b/.test(apiField) || apiField === 'file') return 'media';
  if (apiField === 'posts' || /^posts\[\d+\]\.integration\b/.test(apiField)) return 'channels';
  return 'form';
}
