export * from './logger';
export * from './parse-env.util';
export * from './sandbox.config';
