import { PlyError } from '@ply/core/errors';
import type { InstallOutcome } from '@ply/installer';
import { createInstaller, type RegistryOption } from '../installer-factory.js';
import { progressOf } from '../progress.js';
import { recordInCluster } from './cluster-record.js';
import { printJson, type Output } from '../output.js';

/** A borderless table; cli-table3 is loaded by the commands that print one, not by `ply install`. */
const plainTable = async (head: string[]) => {
  const { default: Table } = await import('cli-table3');
  return new Table({ head, style: { head: [], border: [] } });
};

/** `ply search <text>`: npm's search API of the registry. */
export async function searchCommand(output: Output, text: string, options: RegistryOption & { size?: string }): Promise<void> {
  const hits = await createInstaller(output, options).search(text, options.size ? Number(options.size) : 20);
  if (output.json) return printJson(output, { results: hits });
  if (hits.length === 0) return output.out(`nothing matches "${text}"`);
  const table = await plainTable(['package', 'version', 'description']);
  for (const hit of hits) table.push([hit.name, hit.version, hit.description ?? '']);
  output.out(table.toString());
}

/** `ply info <name>`: versions, dist-tags and which versions this core can install. */
export async function infoCommand(output: Output, name: string, options: RegistryOption): Promise<void> {
  const { packument, compatible } = await createInstaller(output, options).info(name);
  const versions = Object.values(packument.versions).map((v) => ({
    version: v.version,
    engines: v.engines?.['ply'] ?? '*',
    installable: compatible.includes(v.version),
    published: packument.time?.[v.version],
    signed: Boolean(v.dist.signatures?.length),
  }));
  if (output.json) return printJson(output, { name: packument.name, description: packument.description, distTags: packument['dist-tags'], versions });
  output.out(`${packument.name}${packument.description ? `: ${packument.description}` : ''}`);
  output.out(`dist-tags: ${Object.entries(packument['dist-tags']).map(([tag, v]) => `${tag}=${v}`).join(', ')}`);
  const table = await plainTable(['version', 'engines.ply', 'installable here', 'signed', 'published']);
  for (const v of versions) table.push([v.version, v.engines, v.installable ? 'yes' : 'no', v.signed ? 'yes' : 'no', v.published ?? '']);
  output.out(table.toString());
}

function printOutcome(output: Output, outcome: InstallOutcome): void {
  const from = outcome.previous ? ` (was ${outcome.previous})` : '';
  const verb = { installed: 'installed', 'already-installed': 'already installed:', activated: 'activated', 'up-to-date': 'up to date:', refused: 'NOT upgraded (breaking changes, --safe):' }[outcome.status];
  output.out(`${verb} ${outcome.name} ${outcome.slug}@${outcome.version}${from}`);
  for (const change of outcome.breaking) output.out(`  breaking: ${outcome.slug}.${change.action}: ${change.message}`);
}

/** `ply install <name>[@range] | ./file.tgz`. */
export async function installCommand(output: Output, specs: string[], options: RegistryOption): Promise<void> {
  const installer = createInstaller(output, options);
  const outcomes: InstallOutcome[] = [];
  const progress = progressOf(output, 'install', specs.length);
  for (const spec of specs) {
    progress.next(spec);
    outcomes.push(await installer.install(spec));
  }
  progress.stop();
  await recordInCluster(output, installer, outcomes.map((outcome) => outcome.slug));
  if (output.json) return printJson(output, { installed: outcomes });
  for (const outcome of outcomes) printOutcome(output, outcome);
}

/** `ply upgrade [name] [--safe]`: a refused upgrade ends in PLY_UPGRADE_BREAKING (with every outcome in its details). */
export async function upgradeCommand(output: Output, name: string | undefined, options: RegistryOption & { safe?: boolean }): Promise<void> {
  const lister = createInstaller(output, options);
  const targets = name ? [name] : lister.list().map((module) => module.slug);
  const progress = progressOf(output, 'upgrade', targets.length);
  // With a bar for several modules, the per-download percentages would write over it.
  const installer = targets.length > 1 ? createInstaller(output, { ...options, quietDownloads: true }) : lister;
  const outcomes: InstallOutcome[] = [];
  for (const target of targets) {
    progress.next(target);
    outcomes.push(...(await installer.upgrade(target, { safe: options.safe ?? false })));
  }
  progress.stop();
  const refused = outcomes.filter((outcome) => outcome.status === 'refused');
  await recordInCluster(output, installer, outcomes.filter((outcome) => outcome.status === 'installed' || outcome.status === 'activated').map((outcome) => outcome.slug));
  if (!output.json) {
    if (outcomes.length === 0) output.out('no modules installed');
    for (const outcome of outcomes) printOutcome(output, outcome);
  }
  if (refused.length > 0) {
    const names = refused.map((o) => `${o.slug}@${o.version}`).join(', ');
    throw new PlyError('PLY_UPGRADE_BREAKING', `--safe refused ${names}: the new version breaks callers of its actions`, { details: { upgrades: outcomes } });
  }
  if (output.json) printJson(output, { upgrades: outcomes });
}

/** `ply list`: installed modules, their versions and the active one. */
export async function listCommand(output: Output): Promise<void> {
  const modules = createInstaller(output).list();
  if (output.json) return printJson(output, { modules });
  if (modules.length === 0) return output.out('no modules installed (ply install <name>)');
  const table = await plainTable(['module', 'package', 'active', 'installed versions']);
  for (const module of modules) table.push([module.slug, module.name ?? '', module.active ?? '', module.versions.join(', ')]);
  output.out(table.toString());
}

/** `ply rollback <name>`: re-activates the previous installed version. */
export async function rollbackCommand(output: Output, name: string): Promise<void> {
  const installer = createInstaller(output);
  const result = installer.rollback(name);
  await recordInCluster(output, installer, [result.slug]);
  if (output.json) return printJson(output, result);
  output.out(`rolled back ${result.slug} from ${result.from} to ${result.to}`);
}

/** `ply uninstall <name>[@version]`. */
export async function uninstallCommand(output: Output, spec: string): Promise<void> {
  const at = spec.indexOf('@', 1);
  const installer = createInstaller(output);
  const result = installer.uninstall(at === -1 ? spec : spec.slice(0, at), at === -1 ? undefined : spec.slice(at + 1));
  await recordInCluster(output, installer, [result.slug]);
  if (output.json) return printJson(output, result);
  output.out(`removed ${result.slug} ${result.removed.join(', ')}${result.active ? ` (active now ${result.active})` : ''}`);
}
