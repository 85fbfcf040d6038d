// Postiz's composer sends HTML (<p>, <br>, <strong>…); the networks take plain text. Block
// elements become line breaks so paragraphs survive, inline markup is dropped.
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  '#39': "'",
};

export function toPlainText(content: string): string {
  if (!/[<&]/.test(content)) return content;
  const withBreaks = content
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|blockquote)>\s*/gi, '\n')
    .replace(/<li[^>]*>/gi, '- ');
  const stripped = withBreaks.replace(/<[^>]+>/g, '');
  const decoded = stripped.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+|#39);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#') && lower !== '#39') return String.fromCodePoint(parseInt(lower.slice(1), 10));
    return ENTITIES[lower] ?? whole;
  });
  return decoded.replace(/\n{3,}/g, '\n\n').trim();
}
