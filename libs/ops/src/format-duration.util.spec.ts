import { formatDuration } from './format-duration.util';

describe(formatDuration.name, () => {
  it.each([
    [450, '450 ms'],
    [12_400, '12 s'],
    [90_000, '90 s'],
    [150_000, '3 min'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
    [3_600_000, '1 h'],
    [4 * 86_400_000, '4 days'],
  ])('should say %d ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
