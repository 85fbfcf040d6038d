// Console output of the start and test commands: short, and clear about what to do.
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

export const log = {
  step: (text) => console.log(`${paint('36', '›')} ${text}`),
  ok: (text) => console.log(`${paint('32', '✓')} ${text}`),
  warn: (text) => console.warn(`${paint('33', '!')} ${text}`),
  fail: (text) => console.error(`${paint('31', '✗')} ${text}`),
  bold: (text) => paint('1', text),
};

/** An error whose message tells the user what is missing and how to get it. */
export class SetupError extends Error {}
