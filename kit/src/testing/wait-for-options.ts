/**
 * Options for `vi.waitFor` when a test waits for a condition reached through real I/O (servers,
 * SQLite, timers of the code under test): a deadline generous enough for a loaded CI machine, and
 * a short poll so a met condition is seen at once. Use it instead of sleeping before an assertion.
 */
export const WAIT_FOR = Object.freeze({ timeout: 5_000, interval: 5 });
