import { Command, CommanderError } from 'commander';
import { PLY_CORE_VERSION } from '@ply/core/version';
import type { ImportOptions } from './commands/import.command.js';
import type { BuildOptions } from './commands/build.command.js';
import type { DocsOptions } from './commands/docs.command.js';
import type { PluginNewOptions } from './commands/plugin-new.command.js';
import type { RunOptions } from './commands/run.command.js';
import type { ServeOptions } from './commands/serve.command.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { consoleOutput, printError } from './output.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Builds the `ply` program; every action reports errors through one handler. */
export function buildProgram(): Command {
  const program = new Command('ply')
    .description('Ply: a plugin runtime for security-automation playbooks')
    .version(PLY_CORE_VERSION, '-V, --version')
    .option('--json', 'print machine-readable JSON')
    .option('--no-workspace', "ignore the plugins of the Ply checkout (same as PLY_WORKSPACE=off): only $PLY_HOME's modules")
    .showHelpAfterError()
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  ply modules                                    what is installed, and which version runs
  ply describe mattermost.post_message           an action's arguments and results
  ply run mattermost.post_message --arg message="ALxyz123 needs a look" --config hook_url=https://chat.example.org/hooks/xxx
  ply serve                                      the runtime, its web console and API on http://127.0.0.1:8400/
  ply install @ply/plugin-mattermost             from the registry named by PLY_REGISTRY
  ply plugin new acme-edr                        scaffold a plugin

Exit codes: 0 ok, 2 usage, 3 not found, 4 invalid module, 5 invalid input, 6 vendor or network error,
7 timeout, 8 plugin failure, 9 manifest drift, 10 untrusted package, 11 breaking upgrade refused.
Docs: README.md and docs/ of the Ply repository.`,
    );
  program.hook('preAction', () => {
    if (program.opts()['workspace'] === false) process.env['PLY_WORKSPACE'] = 'off';
  });
  const json = () => Boolean(program.opts()['json']);

  program
    .command('modules')
    .helpGroup('Modules and actions:')
    .description('list modules found in the workspace plugins and in $PLY_HOME/modules')
    .action(() => import('./commands/modules.command.js').then((m) => m.modulesCommand(consoleOutput(json()))));

  program
    .command('describe')
    .helpGroup('Modules and actions:')
    .argument('<reference>', '<module> or <module>.<action>')
    .description("show a module's configuration and items, or an action's arguments and results")
    .action((reference: string) => import('./commands/describe.command.js').then((m) => m.describeCommand(consoleOutput(json()), reference)));

  program
    .command('run')
    .helpGroup('Modules and actions:')
    .argument('<action>', '<module>.<action> (or an action uuid)')
    .description('run one action and print its results')
    .option('--arg <key=value>', 'an argument (repeatable; JSON values unless the schema says string)', collect, [])
    .option('--args-file <file>', 'arguments as a JSON object')
    .option('--config <key=value>', 'a module configuration value (repeatable)', collect, [])
    .option('--config-file <file>', 'module configuration as a JSON object')
    .option('--context-file <file>', 'render arguments as Jinja templates against this JSON object')
    .option('--timeout <ms>', 'timeout of the run in milliseconds')
    .option('--module-version <range>', 'semver range of the module version')
    .action((reference: string, options: RunOptions) => import('./commands/run.command.js').then((m) => m.runCommand(consoleOutput(json()), reference, options)));

  program
    .command('build')
    .helpGroup('Plugin authors:')
    .argument('[dir]', 'plugin package (default: the current folder)')
    .option('--check', 'write nothing: fail on a type error or when module/*.json differs from the definitions (CI)')
    .description("for plugin authors: type-check sources and tests with Ply's TypeScript, compile src/ to dist/, write module/*.json")
    .action((dir: string | undefined, options: BuildOptions) => import('./commands/build.command.js').then((m) => m.buildCommand(consoleOutput(json()), dir, options)));
  program
    .command('test')
    .helpGroup('Plugin authors:')
    .argument('[dir]', 'plugin package (default: the current folder)')
    .argument('[filters...]', 'only test files whose path contains one of these')
    .description("for plugin authors: run the plugin's tests once with Ply's vitest")
    .action((dir: string | undefined, filters: string[]) => import('./commands/build.command.js').then((m) => m.testCommand(consoleOutput(json()), dir, filters)));
  const manifest = program.command('manifest').description('for plugin authors: module JSON generated from the zod definitions').helpGroup('Plugin authors:');
  manifest
    .command('build')
    .argument('[dir]', 'plugin package (default: the current one, or every workspace plugin)')
    .description('write manifest.json and the item files')
    .action((dir: string | undefined) => import('./commands/manifest.command.js').then((m) => m.manifestCommand(consoleOutput(json()), 'build', dir)));
  manifest
    .command('check')
    .argument('[dir]', 'plugin package (default: the current one, or every workspace plugin)')
    .description('fail when the committed JSON differs from the definitions')
    .action((dir: string | undefined) => import('./commands/manifest.command.js').then((m) => m.manifestCommand(consoleOutput(json()), 'check', dir)));
  program
    .command('readme')
    .helpGroup('Plugin authors:')
    .argument('[dir]', 'plugin package (default: the current folder)')
    .option('--check', 'fail when the table differs instead of writing it')
    .description("write the items table of a plugin's README.md from its module JSON")
    .action((dir: string | undefined, options: { check?: boolean }) => import('./commands/readme.command.js').then((m) => m.readmeCommand(consoleOutput(json()), dir, options)));
  addMarketplaceCommands(program, json);
  addRuntimeCommands(program, json);
  program
    .command('lint')
    .helpGroup('Plugin authors:')
    .argument('[path]', 'plugin package, module folder, or a folder of them (default: the current folder)')
    .description('check module folders: uuids, slugs, versions, secrets, schemas, code bound to JSON')
    .action((path: string | undefined) => import('./commands/lint.command.js').then((m) => m.lintCommand(consoleOutput(json()), path)));
  program
    .command('import')
    .helpGroup('Modules and actions:')
    .argument('<folder...>', 'module folders in Sekoia.io format, or folders holding them')
    .description('register module folders as metadata only in $PLY_HOME/modules (listed, described, documented; never run)')
    .option('--force', 'replace a version already imported')
    .action((folders: string[], options: ImportOptions) => import('./commands/import.command.js').then((m) => m.importCommand(consoleOutput(json()), folders, options)));
  program
    .command('docs')
    .helpGroup('Plugin authors:')
    .argument('[folders...]', 'also document these plugin packages or module folders')
    .description('write the Actions Library (Markdown and HTML) of every known module')
    .option('--out <dir>', 'output folder', 'actions-library')
    .action((folders: string[], options: DocsOptions) => import('./commands/docs.command.js').then((m) => m.docsCommand(consoleOutput(json()), folders, options)));
  program
    .command('plugin')
    .helpGroup('Plugin authors:')
    .description('for plugin authors')
    .command('new')
    .argument('<slug>', 'module slug of the new plugin (lower case, e.g. acme-edr)')
    .option('--dir <dir>', 'target folder (default: plugins/<slug> in a Ply checkout, else ./<slug>)')
    .option('--name <name>', 'display name (default: from the slug)')
    .option('--package <name>', 'npm package name (default: @ply/plugin-<slug>)')
    .description('scaffold a plugin package: one example action, its test against a fake vendor, README, CHANGELOG')
    .action((slug: string, options: PluginNewOptions) => import('./commands/plugin-new.command.js').then((m) => m.pluginNewCommand(consoleOutput(json()), slug, options)));
  return program;
}

/** `ply serve` and `ply token`: the runtime server and its API tokens. */
function addRuntimeCommands(program: Command, json: () => boolean): void {
  program
    .command('serve')
    .helpGroup('Runtime server:')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '8400')
    .option('--registry <url>', 'marketplace registry of the web console (default: $PLY_REGISTRY)')
    .option('--role <role>', 'all (accept and run), api (accept webhooks and API calls), worker (run queued playbooks); api and worker need $PLY_REDIS_URL and $PLY_DATABASE_URL', 'all')
    .description('run the runtime: web console (/), HTTP API (/api/v1), webhooks (/hooks), trigger supervisor; first start creates an admin token and a demo playbook')
    .action((options: ServeOptions) => import('./commands/serve.command.js').then((m) => m.serveCommand(consoleOutput(json()), options)));
  program
    .command('worker')
    .helpGroup('Runtime server:')
    .option('--host <host>', 'interface of the health and metrics endpoints', '127.0.0.1')
    .option('--port <port>', 'port of the health and metrics endpoints (0: any free port)', '8401')
    .description('run queued playbooks of a cluster (ply serve --role worker): needs $PLY_REDIS_URL and $PLY_DATABASE_URL')
    .action((options: ServeOptions) => import('./commands/serve.command.js').then((m) => m.serveCommand(consoleOutput(json()), { ...options, role: 'worker' })));
  const token = program.command('token').description('API tokens of the runtime server (roles: admin, operator, viewer)').helpGroup('Runtime server:');
  token
    .command('create')
    .argument('<name>', 'a name for the token (letters, digits, . @ _ -)')
    .option('--role <role>', 'admin (install, configure), operator (run) or viewer (read)', 'viewer')
    .description('create an API token and print it on the last line (only its hash is stored)')
    .action((name: string, options: { role?: string }) => import('./commands/token.command.js').then((m) => m.tokenCreateCommand(consoleOutput(json()), name, options)));
  token
    .command('list')
    .description('list API tokens (names and roles, never the tokens)')
    .action(() => import('./commands/token.command.js').then((m) => m.tokenListCommand(consoleOutput(json()))));
  token
    .command('revoke')
    .argument('<name>', 'token name')
    .description('revoke an API token')
    .action((name: string) => import('./commands/token.command.js').then((m) => m.tokenRevokeCommand(consoleOutput(json()), name)));
  program
    .command('secret-key')
    .helpGroup('Runtime server:')
    .description('the store\'s secret key')
    .command('rotate')
    .requiredOption('--new-key-file <file>', 'the new key (created, 32 random bytes, mode 0600, when the file does not exist)')
    .option('--new-webhook-tokens', 'also change every playbook\'s webhook token (when the old key may have leaked)')
    .description('seal every secret and record again under a new key (stop ply serve first); webhook tokens stay unless --new-webhook-tokens')
    .action((options: { newKeyFile: string; newWebhookTokens?: boolean }) => import('./commands/secret-key.command.js').then((m) => m.secretKeyRotateCommand(consoleOutput(json()), options)));
}

/** `ply pack`, `publish`, `registry`, and the installer commands (search, info, install, list, upgrade, rollback, uninstall). */
function addMarketplaceCommands(program: Command, json: () => boolean): void {
  const registryOption = ['--registry <url>', 'registry URL (default: $PLY_REGISTRY)'] as const;
  program
    .command('pack')
    .helpGroup('Plugin authors:')
    .argument('[dir]', 'plugin package (default: the current folder)')
    .option('--out-dir <dir>', 'where to write the .tgz (default: the current folder)')
    .description('bundle a plugin (one ESM file, @ply/core external) with its module JSON into a .tgz')
    .action((dir: string | undefined, options: { outDir?: string }) => import('./commands/pack.command.js').then((m) => m.packCommand(consoleOutput(json()), dir, options)));
  program
    .command('publish')
    .helpGroup('Plugin authors:')
    .argument('[target]', 'a .tgz made by ply pack, or a plugin folder to pack (default: the current folder)')
    .option(...registryOption)
    .option('--token <token>', 'publish token (default: $PLY_REGISTRY_TOKEN)')
    .option('--tag <tag>', 'dist-tag to set', 'latest')
    .description('publish a plugin tarball to a registry')
    .action((target: string | undefined, options: { registry?: string; token?: string; tag?: string }) => import('./commands/pack.command.js').then((m) => m.publishCommand(consoleOutput(json()), target, options)));
  addRegistryCommands(program, json);
  program
    .command('search')
    .helpGroup('Marketplace:')
    .argument('<text>', 'words to look for')
    .option(...registryOption)
    .option('--size <n>', 'at most this many results', '20')
    .description('search the registry')
    .action((text: string, options: { registry?: string; size?: string }) => import('./commands/marketplace.command.js').then((m) => m.searchCommand(consoleOutput(json()), text, options)));
  program
    .command('info')
    .helpGroup('Marketplace:')
    .argument('<name>', 'package name')
    .option(...registryOption)
    .description('show the versions of a package and which ones this Ply can install')
    .action((name: string, options: { registry?: string }) => import('./commands/marketplace.command.js').then((m) => m.infoCommand(consoleOutput(json()), name, options)));
  program
    .command('install')
    .helpGroup('Marketplace:')
    .argument('<specs...>', 'name, name@range, or ./file.tgz')
    .option(...registryOption)
    .option('--replace <package>', 'replace the installed package that holds the same module slug (refused otherwise)')
    .description('install modules into $PLY_HOME/modules (verified, atomic)')
    .action((specs: string[], options: { registry?: string; replace?: string }) => import('./commands/marketplace.command.js').then((m) => m.installCommand(consoleOutput(json()), specs, options)));
  program
    .command('list')
    .helpGroup('Marketplace:')
    .description('list installed modules and their active versions')
    .action(() => import('./commands/marketplace.command.js').then((m) => m.listCommand(consoleOutput(json()))));
  program
    .command('upgrade')
    .helpGroup('Marketplace:')
    .argument('[name]', 'module slug or package name (default: every installed module)')
    .option(...registryOption)
    .option('--safe', 'refuse an upgrade that breaks callers of an action')
    .description('upgrade to the highest compatible version, reporting breaking argument changes')
    .action((name: string | undefined, options: { registry?: string; safe?: boolean }) => import('./commands/marketplace.command.js').then((m) => m.upgradeCommand(consoleOutput(json()), name, options)));
  program
    .command('rollback')
    .helpGroup('Marketplace:')
    .argument('<name>', 'module slug or package name')
    .description('re-activate the previous installed version')
    .action((name: string) => import('./commands/marketplace.command.js').then((m) => m.rollbackCommand(consoleOutput(json()), name)));
  program
    .command('uninstall')
    .helpGroup('Marketplace:')
    .argument('<name>', 'module slug or package name, optionally @version')
    .description('remove an installed module (or one version of it)')
    .action((name: string) => import('./commands/marketplace.command.js').then((m) => m.uninstallCommand(consoleOutput(json()), name)));
}

/** `ply registry serve|user|org|token`: the marketplace server and its accounts. */
function addRegistryCommands(program: Command, json: () => boolean): void {
  const storageOption = ['--storage <dir>', 'registry storage (default: $PLY_HOME/registry)'] as const;
  const accounts = () => import('./commands/registry-accounts.command.js');
  const registry = program.command('registry').description('run the marketplace registry and manage its users, organisations and tokens').helpGroup('Marketplace:');
  registry
    .command('serve')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0: any free port)', '4873')
    .option('--storage <dir>', 'packages, keys and accounts (default: $PLY_HOME/registry)')
    .option('--no-seed', 'do not offer @ply/core, @ply/kit, zod and hono (what `ply plugin new` packages install)')
    .description('serve the registry (npm protocol subset + module browsing) until interrupted; logs to stderr at $PLY_LOG_LEVEL')
    .action((options: { host?: string; port?: string; storage?: string; seed?: boolean }) => import('./commands/registry.command.js').then((m) => m.registryServeCommand(consoleOutput(json()), options)));

  const user = registry.command('user').description('registry users: they own packages and log in with `npm login`');
  user
    .command('add')
    .argument('<name>', 'user name (lower case; also the scope @<name>)')
    .option('--email <address>', 'shown by `npm owner ls`')
    .option('--password-stdin', 'read the password from stdin instead of asking on the terminal')
    .option(...storageOption)
    .description('create a user with a password (stored as a scrypt hash)')
    .action((name: string, options: { email?: string; passwordStdin?: boolean; storage?: string }) => accounts().then((m) => m.registryUserAddCommand(consoleOutput(json()), name, options)));
  user
    .command('passwd')
    .argument('<name>', 'user name')
    .option('--password-stdin', 'read the password from stdin instead of asking on the terminal')
    .option(...storageOption)
    .description("set a user's password")
    .action((name: string, options: { passwordStdin?: boolean; storage?: string }) => accounts().then((m) => m.registryUserPasswdCommand(consoleOutput(json()), name, options)));
  user
    .command('list')
    .option(...storageOption)
    .description('list users (never their passwords)')
    .action((options: { storage?: string }) => accounts().then((m) => m.registryUserListCommand(consoleOutput(json()), options)));

  const org = registry.command('org').description('organisations: each owns the scope @<name>, which only its members publish into');
  org
    .command('create')
    .argument('<name>', 'organisation name (also the scope @<name>)')
    .option('--member <user>', 'a member (repeatable)', collect, [])
    .option(...storageOption)
    .description('create an organisation')
    .action((name: string, options: { member: string[]; storage?: string }) => accounts().then((m) => m.registryOrgCreateCommand(consoleOutput(json()), name, options)));
  for (const change of ['add', 'remove'] as const) {
    org
      .command(change)
      .argument('<org>', 'organisation')
      .argument('<user>', 'user')
      .option(...storageOption)
      .description(change === 'add' ? 'add a member' : 'remove a member (they can no longer publish into the scope)')
      .action((name: string, member: string, options: { storage?: string }) => accounts().then((m) => m.registryOrgMemberCommand(consoleOutput(json()), change, name, member, options)));
  }
  org
    .command('list')
    .option(...storageOption)
    .description('list organisations and their members')
    .action((options: { storage?: string }) => accounts().then((m) => m.registryOrgListCommand(consoleOutput(json()), options)));

  const token = registry.command('token').description("tokens of registry users (stored hashed; `npm login` also makes one)");
  token
    .command('create')
    .requiredOption('--user <name>', 'the user the token acts as')
    .option('--role <role>', 'read (whoami and reads only) or publish (publish, tags, owners)', 'read')
    .option('--package <name>', 'only write to this package')
    .option('--scope <@scope>', 'only write to packages of this scope')
    .option(...storageOption)
    .description('create a token and print it on the last line (shown once)')
    .action((options: { user?: string; role?: string; package?: string; scope?: string; storage?: string }) => accounts().then((m) => m.registryTokenCreateCommand(consoleOutput(json()), options)));
  token
    .command('list')
    .option('--user <name>', 'only the tokens of this user')
    .option(...storageOption)
    .description('list tokens: id, user, role, restriction (never the tokens)')
    .action((options: { user?: string; storage?: string }) => accounts().then((m) => m.registryTokenListCommand(consoleOutput(json()), options)));
  token
    .command('revoke')
    .argument('<id>', 'token id, as `ply registry token list` shows it')
    .option(...storageOption)
    .description('revoke a token (refused from the next request on, also while the registry runs)')
    .action((id: string, options: { storage?: string }) => accounts().then((m) => m.registryTokenRevokeCommand(consoleOutput(json()), id, options)));
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = printError(consoleOutput(argv.includes('--json')), error);
    return exitCodeOf(failure.code);
  }
}
