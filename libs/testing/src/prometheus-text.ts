/** One sample of a Prometheus text exposition: `name{labels} value`. */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the text format Prometheus scrapes (version 0.0.4): comments skipped, label values unescaped. */
export function parsePrometheusText(text: string): MetricSample[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map(parseSample);
}

function parseSample(line: string): MetricSample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (!name) throw new Error(`not a metric sample: ${line}`);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    let i = 1;
    while (rest[i] !== '}') {
      const label = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)="/.exec(rest.slice(i));
      if (!label) throw new Error(`bad labels in: ${line}`);
      i += label[0].length;
      let value = '';
      while (rest[i] !== '"') {
        if (i >= rest.length) throw new Error(`unterminated label value in: ${line}`);
        if (rest[i] === '\\') {
          const escaped = rest[i + 1];
          value += escaped === 'n' ? '\n' : escaped;
          i += 2;
        } else {
          value += rest[i++];
        }
      }
      labels[label[1]!] = value;
      i++;
      if (rest[i] === ',') i++;
    }
    rest = rest.slice(i + 1);
  }
  const [value] = rest.trim().split(/\s+/);
  return { name, labels, value: parseValue(value ?? '') };
}

// Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case; prom-client
// writes "Nan" (event-loop lag percentiles before the first sample).
function parseValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const value = Number(text);
  if (text === '' || Number.isNaN(value)) throw new Error(`not a sample value: ${text}`);
  return value;
}

/**
 * The value of the one sample named `name` whose labels include `labels`; undefined when there
 * is none. Several matching samples are an error: the caller must name enough labels.
 */
export function sampleValue(samples: readonly MetricSample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const matching = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (matching.length > 1) throw new Error(`${matching.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return matching[0]?.value;
}

/** GET a /metrics endpoint and parse it. */
export async function scrapeMetrics(url: string): Promise<MetricSample[]> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return parsePrometheusText(await response.text());
}
