/** Pace of the feed triggers. */
export interface FeedOptions {
  /** Wait after a batch smaller than `batch_size_limit` (the end of the feed for now). */
  frequencyMs: number;
  /** Wait after a failed fetch before trying again (once a first fetch worked). */
  errorDelayMs: number;
}

/** The reference waits 300 s once it has read the whole feed. */
export const REFERENCE_FEED_OPTIONS: Readonly<FeedOptions> = Object.freeze({ frequencyMs: 300_000, errorDelayMs: 30_000 });
