// TikTok sends post ids as JSON numbers above 2^53, which JSON.parse silently rounds
// (7400000000000000001 becomes 7400000000000000000). Integer tokens too long to be exact are
// quoted before parsing, so they arrive as decimal strings; everything else parses as usual.

const NUMBER_TOKEN = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;

/** Quotes the integer literals of a JSON text that a double cannot hold exactly. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let copiedUpTo = 0;
  let at = 0;
  while (at < text.length) {
    const char = text[at]!;
    if (char === '"') {
      at = endOfString(text, at);
      continue;
    }
    if (char !== '-' && (char < '0' || char > '9')) {
      at += 1;
      continue;
    }
    NUMBER_TOKEN.lastIndex = at;
    const match = NUMBER_TOKEN.exec(text);
    if (!match) {
      at += 1;
      continue;
    }
    const token = match[0];
    const isInteger = match[1] === undefined && match[2] === undefined;
    if (isInteger && !Number.isSafeInteger(Number(token))) {
      out += `${text.slice(copiedUpTo, at)}"${token}"`;
      copiedUpTo = at + token.length;
    }
    at += token.length;
  }
  return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
}

/** JSON.parse with long integers kept exact (as strings); the text itself when it is not JSON. */
export function parseJsonExactly(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(quoteUnsafeIntegers(text)) as unknown;
  } catch {
    return text;
  }
}

/** Index just past the closing quote of the string starting at `start`. */
function endOfString(text: string, start: number): number {
  let at = start + 1;
  while (at < text.length) {
    const char = text[at];
    if (char === '\\') at += 2;
    else if (char === '"') return at + 1;
    else at += 1;
  }
  return at;
}
