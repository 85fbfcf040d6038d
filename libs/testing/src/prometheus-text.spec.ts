import { parsePrometheusText, sampleValue } from './prometheus-text';

describe(parsePrometheusText.name, () => {
  const text = [
    '# HELP herald_publish_outcomes_total Posts whose publication ended.',
    '# TYPE herald_publish_outcomes_total counter',
    'herald_publish_outcomes_total{network="facebook",outcome="published"} 3',
    'herald_publish_outcomes_total{network="facebook",outcome="failed",error_code="RATE_LIMITED"} 1',
    'herald_publish_lateness_seconds_bucket{le="+Inf",network="facebook"} 3',
    'herald_posts{state="QUEUE"} 12 1764800000000',
    'odd_label{text="a \\"quoted\\" \\\\ path\\nnext",x="1,2"} 1.5e3',
    'no_labels NaN',
    'prom_client_nan{quantile="0.5"} Nan',
    '',
  ].join('\n');

  it('should read names, labels and values, skipping comments', () => {
    const samples = parsePrometheusText(text);

    expect(samples).toHaveLength(7);
    expect(samples[0]).toEqual({ name: 'herald_publish_outcomes_total', labels: { network: 'facebook', outcome: 'published' }, value: 3 });
    expect(samples[2]).toEqual({ name: 'herald_publish_lateness_seconds_bucket', labels: { le: '+Inf', network: 'facebook' }, value: 3 });
    expect(samples[3]!.value).toBe(12);
  });

  it('should unescape quotes, backslashes and newlines in label values and keep commas inside them', () => {
    const [odd] = parsePrometheusText(text).filter((s) => s.name === 'odd_label');

    expect(odd).toEqual({ name: 'odd_label', labels: { text: 'a "quoted" \\ path\nnext', x: '1,2' }, value: 1500 });
  });

  it('should find the one sample with the given labels, and refuse an ambiguous question', () => {
    const samples = parsePrometheusText(text);

    expect(sampleValue(samples, 'herald_publish_outcomes_total', { outcome: 'published' })).toBe(3);
    expect(sampleValue(samples, 'herald_posts', { state: 'ERROR' })).toBeUndefined();
    expect(Number.isNaN(sampleValue(samples, 'no_labels'))).toBe(true);
    expect(Number.isNaN(sampleValue(samples, 'prom_client_nan'))).toBe(true);
    expect(() => sampleValue(samples, 'herald_publish_outcomes_total', { network: 'facebook' })).toThrow(/2 samples/);
  });
});
