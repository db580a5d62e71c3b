import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Moves the folder a trigger event refers to (`ctx.emit(event, { directory })`) to be the data
 * folder of the run it starts, so the run's actions read the event's files by their relative
 * paths (`{{ trigger.file_path }}`), as Sekoia's `send_event(directory=..., remove_directory=True)`
 * hands them over. A rename on one file system, else a copy then removal.
 */
export async function moveEventFiles(from: string, runDataDir: string): Promise<void> {
  await mkdir(dirname(runDataDir), { recursive: true, mode: 0o700 });
  try {
    await rename(from, runDataDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, runDataDir, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}
