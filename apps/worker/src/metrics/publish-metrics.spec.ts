import { Registry } from 'prom-client';
import { parsePrometheusText, sampleValue } from '@herald/testing';
import { LATENESS_BUCKETS_SECONDS, PublishMetrics, latenessSeconds } from './publish-metrics';

describe(PublishMetrics.name, () => {
  async function scrape(registry: Registry) {
    return parsePrometheusText(await registry.metrics());
  }

  it('should expose a published series for every network from the start, at zero', async () => {
    const registry = new Registry();
    new PublishMetrics(registry);

    const samples = await scrape(registry);

    for (const network of ['facebook', 'instagram', 'tiktok']) {
      expect(sampleValue(samples, 'herald_publish_outcomes_total', { network, outcome: 'published' })).toBe(0);
      expect(sampleValue(samples, 'herald_publish_lateness_seconds_count', { network })).toBe(0);
    }
  });

  it('should label a failure with its network and Herald code, in both failure counters', async () => {
    const registry = new Registry();
    const metrics = new PublishMetrics(registry);

    metrics.failed('instagram', 'RATE_LIMITED');
    metrics.failed('instagram', 'RATE_LIMITED');
    const samples = await scrape(registry);

    expect(sampleValue(samples, 'herald_publish_outcomes_total', { network: 'instagram', outcome: 'failed', error_code: 'RATE_LIMITED' })).toBe(2);
    expect(sampleValue(samples, 'herald_workflow_failures_total', { network: 'instagram', error_code: 'RATE_LIMITED' })).toBe(2);
  });

  it('should put a post published 90 s late in the 120 s bucket and not the 60 s one', async () => {
    const registry = new Registry();
    const metrics = new PublishMetrics(registry);

    metrics.published('facebook', new Date('2026-12-24T09:00:00Z'), new Date('2026-12-24T09:01:30Z'));
    const samples = await scrape(registry);

    expect(sampleValue(samples, 'herald_publish_lateness_seconds_bucket', { network: 'facebook', le: '60' })).toBe(0);
    expect(sampleValue(samples, 'herald_publish_lateness_seconds_bucket', { network: 'facebook', le: '120' })).toBe(1);
    expect(sampleValue(samples, 'herald_publish_lateness_seconds_sum', { network: 'facebook' })).toBe(90);
  });

  it('should have buckets from a tenth of a second to an hour', () => {
    expect(LATENESS_BUCKETS_SECONDS[0]).toBe(0.1);
    expect(LATENESS_BUCKETS_SECONDS[LATENESS_BUCKETS_SECONDS.length - 1]).toBe(3600);
  });
});

describe(latenessSeconds.name, () => {
  it('should count a post claimed a moment before its time as on time, not early', () => {
    expect(latenessSeconds(new Date('2026-12-24T09:00:00Z'), new Date('2026-12-24T08:59:58.500Z'))).toBe(0);
    expect(latenessSeconds(new Date('2026-12-24T09:00:00Z'), new Date('2026-12-24T09:00:00.250Z'))).toBe(0.25);
  });
});
