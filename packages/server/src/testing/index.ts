// `switchboard/testing`: Switchboard inside a test's own process, and a fresh world per test.
export { createSwitchboard, type Switchboard, type SwitchboardOptions } from './create-switchboard.ts';
export type { ConnectAppOptions, Credentials, World, WorldOptions } from './create-world.ts';
export type { Login } from './world-parts.ts';
export type { ClockReading, TestClock } from './test-clock.ts';
export type { Permission } from '../connect/permissions.ts';
