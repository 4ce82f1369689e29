/**
 * How long an end-to-end wait may last before it fails, set once for every wait (expect.poll,
 * Playwright actions, the harness's polls). Sized for a busy 2-core machine running a browser: a
 * condition that has not come true in this time is a failure, not a slow machine.
 */
export const WAIT_MS = 30_000;
