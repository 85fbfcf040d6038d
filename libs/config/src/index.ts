export * from './api.config';
export * from './logger';
export * from './parse-env.util';
export * from './provider-settings';
export * from './sandbox.config';
export * from './worker.config';
