/**
 * `ply describe x | head -2`: once the reader has gone, writes to stdout fail with EPIPE. That is
 * the reader's choice, not an error of ours: stop writing and end with the exit code so far,
 * quietly, as Unix tools do. Any other stream error still surfaces.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}
