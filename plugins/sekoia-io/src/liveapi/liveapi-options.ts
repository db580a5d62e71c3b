/** Keep-alive and reconnection of the LiveAPI WebSocket. */
export interface LiveApiOptions {
  /** Interval of WebSocket pings (the reference's `ping_interval`). */
  pingIntervalMs: number;
  /** A ping unanswered this long drops the connection (the reference's `ping_timeout`). */
  pongTimeoutMs: number;
  /** First wait before reconnecting; doubles per consecutive failure, with jitter. */
  reconnectBaseMs: number;
  /** Upper bound of one wait. */
  reconnectMaxMs: number;
}

/** The reference pings every 20 s with a 5 s timeout; Ply reconnects after 0.5 s doubling to 60 s. */
export const REFERENCE_LIVEAPI_OPTIONS: Readonly<LiveApiOptions> = Object.freeze({
  pingIntervalMs: 20_000,
  pongTimeoutMs: 5_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 60_000,
});
