/** "800 ms", "12 s", "90 s", "3 min", "2 h 5 min", "4 days": how long, for a sentence. */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1_000) return `${Math.round(abs)} ms`;
  // Seconds up to 2 min: "90 s", not a rounded "2 min".
  if (abs < 120_000) return `${Math.round(abs / 1_000)} s`;
  if (abs < 3_600_000) return `${Math.round(abs / 60_000)} min`;
  if (abs < 48 * 3_600_000) {
    const hours = Math.floor(abs / 3_600_000);
    const minutes = Math.round((abs % 3_600_000) / 60_000);
    return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  }
  return `${Math.round(abs / 86_400_000)} days`;
}
