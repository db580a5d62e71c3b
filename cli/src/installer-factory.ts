// Subpath imports: installing must not pay for loading the whole kernel (executor, store, templating).
import { ModuleInstaller, type InstallProgress } from '@ply/installer';
import { settingsFromEnvironment } from '@ply/core/settings';
import { PLY_CORE_VERSION } from '@ply/core/version';
import type { Output } from './output.js';

/** Options shared by the commands that talk to a registry. */
export interface RegistryOption {
  registry?: string;
}

/** Progress on a terminal only (never in `--json` output or when stderr is piped). */
function progressPrinter(output: Output): ((progress: InstallProgress) => void) | undefined {
  if (output.json || !process.stderr.isTTY) return undefined;
  return (progress) => {
    const amount = progress.total ? `${Math.floor(((progress.received ?? 0) * 100) / progress.total)}%` : `${Math.round((progress.received ?? 0) / 1024)} KiB`;
    process.stderr.write(progress.phase === 'download' ? `\rdownloading ${progress.name} ${amount}   ` : `\rextracting ${progress.name}            \n`);
  };
}

/** The installer for `$PLY_HOME`, with `--registry` or else `PLY_REGISTRY`. */
export function createInstaller(output: Output, options: RegistryOption & { quietDownloads?: boolean } = {}): ModuleInstaller {
  const registry = options.registry ?? process.env['PLY_REGISTRY'];
  const onProgress = options.quietDownloads ? undefined : progressPrinter(output);
  return new ModuleInstaller({
    home: settingsFromEnvironment().home,
    coreVersion: PLY_CORE_VERSION,
    ...(registry ? { registry } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
}
