export * from './app-process';
export * from './free-port';
export * from './herald-stack';
export * from './sandbox-admin';
export * from './test-env';
export * from './test-organization';
export * from './wait-until';
export * from './test-namespace';
