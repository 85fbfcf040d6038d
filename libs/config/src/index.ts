export * from './api.config';
export * from './doctor.config';
export * from './logger';
export * from './parse-env.util';
export * from './provider-settings';
export { publishTimingFrom } from './shared.schema';
export * from './sandbox.config';
export * from './worker.config';
export * from './temporal-channel';
