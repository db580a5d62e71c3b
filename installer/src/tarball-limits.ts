/** Bounds applied to every package tarball before anything reaches the disk. */
export interface TarballLimits {
  /** Size of the gzipped tarball as downloaded. */
  maxCompressedBytes: number;
  /** Size of one file once extracted. */
  maxFileBytes: number;
  /** Sum of all extracted files (also bounds gunzip output, against decompression bombs). */
  maxTotalBytes: number;
  /** Number of entries (files and folders). */
  maxEntries: number;
}

/** Defaults sized for a plugin: a bundled ESM file plus JSON manifests and docs. */
export const DEFAULT_TARBALL_LIMITS: TarballLimits = {
  maxCompressedBytes: 20 * 1024 * 1024,
  maxFileBytes: 16 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxEntries: 2_000,
};
