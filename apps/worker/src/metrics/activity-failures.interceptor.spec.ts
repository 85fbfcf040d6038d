import { ApplicationFailure, CancelledFailure } from '@temporalio/activity';
import { MockActivityEnvironment, defaultActivityInfo } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { Registry } from 'prom-client';
import { PUBLISH_FAILURE_TYPE } from '@herald/contracts';
import { ACTIVITY_FAILURES_METRIC, activityErrorType, activityFailuresInterceptor } from './activity-failures.interceptor';

describe(activityErrorType.name, () => {
  it('should name a classified publish failure by its Herald code', () => {
    const failure = ApplicationFailure.create({ type: PUBLISH_FAILURE_TYPE, message: 'slow down', details: [{ code: 'RATE_LIMITED' }] });

    expect(activityErrorType(failure)).toBe('RATE_LIMITED');
  });

  it('should name other failures by their type or class, never by their message', () => {
    expect(activityErrorType(ApplicationFailure.nonRetryable('Post 42 is gone', 'PostValidationError'))).toBe('PostValidationError');
    expect(activityErrorType(ApplicationFailure.create({ message: 'untyped' }))).toBe('ApplicationFailure');
    expect(activityErrorType(new TypeError('x is undefined'))).toBe('TypeError');
    expect(activityErrorType('a string')).toBe('unknown');
  });
});

describe(activityFailuresInterceptor.name, () => {
  function setUp() {
    const registry = new Registry();
    const env = new MockActivityEnvironment(
      { ...defaultActivityInfo, activityType: 'commitPublish', taskQueue: 'herald-publish-facebook' },
      // The SDK logs each failed attempt itself; not in this test's output.
      { interceptors: [activityFailuresInterceptor(registry)], logger: new DefaultLogger('ERROR', () => undefined) },
    );
    const counted = async () => (await registry.getSingleMetric(ACTIVITY_FAILURES_METRIC)!.get()).values;
    return { env, counted };
  }

  it('should count a failed attempt by activity, task queue and error type, and rethrow it untouched', async () => {
    const { env, counted } = setUp();
    const failure = ApplicationFailure.create({ type: PUBLISH_FAILURE_TYPE, message: 'checkpoint', details: [{ code: 'IDENTITY_CHECKPOINT' }] });

    await expect(env.run(async () => Promise.reject(failure))).rejects.toBe(failure);
    await expect(env.run(async () => Promise.reject(failure))).rejects.toBe(failure);

    expect(await counted()).toEqual([
      {
        labels: { activity: 'commitPublish', task_queue: 'herald-publish-facebook', error_type: 'IDENTITY_CHECKPOINT' },
        value: 2,
      },
    ]);
  });

  it('should count neither a success nor a cancellation', async () => {
    const { env, counted } = setUp();

    await env.run(async () => 'ok');
    await expect(env.run(async () => Promise.reject(new CancelledFailure('CANCELLED')))).rejects.toBeInstanceOf(CancelledFailure);

    expect(await counted()).toEqual([]);
  });
});
