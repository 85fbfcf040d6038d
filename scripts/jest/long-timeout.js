// Integration and end-to-end tests wait for real timers, networks and processes; Jest's default
// 5 s per test is too short for them (Jest's testTimeout option is global, not per project).
jest.setTimeout(120_000);
