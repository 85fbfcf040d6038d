import { composerFieldOf } from './form-field.util';

describe('composerFieldOf', () => {
  it.each([
    ['date', 'when'],
    ['posts[0].value[0].content', 'content'],
    ['posts[1].value[0].image[0].path', 'media'],
    ['posts[0].integration.id', 'channels'],
    ['posts', 'channels'],
    ['settings.privacy_level', 'form'],
    [undefined, 'form'],
  ])('should show an error about %s next to %s', (field, expected) => {
    expect(composerFieldOf(field)).toBe(expected);
  });
});
