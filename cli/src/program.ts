import { Command, CommanderError } from 'commander';
import { PLY_CORE_VERSION } from '@ply/core';
import { describeCommand } from './commands/describe.command.js';
import { manifestCommand } from './commands/manifest.command.js';
import { modulesCommand } from './commands/modules.command.js';
import { runCommand, type RunOptions } from './commands/run.command.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { consoleOutput, printError } from './output.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Builds the `ply` program; every action reports errors through one handler. */
export function buildProgram(): Command {
  const program = new Command('ply')
    .description('Ply: a plugin runtime for security-automation playbooks')
    .version(PLY_CORE_VERSION, '-V, --version')
    .option('--json', 'print machine-readable JSON')
    .showHelpAfterError()
    .exitOverride();
  const json = () => Boolean(program.opts()['json']);

  program
    .command('modules')
    .description('list modules found in the workspace plugins and in $PLY_HOME/modules')
    .action(() => modulesCommand(consoleOutput(json())));

  program
    .command('describe')
    .argument('<reference>', '<module> or <module>.<action>')
    .description("show a module's configuration and items, or an action's arguments and results")
    .action((reference: string) => describeCommand(consoleOutput(json()), reference));

  program
    .command('run')
    .argument('<action>', '<module>.<action> (or an action uuid)')
    .description('run one action and print its results')
    .option('--arg <key=value>', 'an argument (repeatable; JSON values unless the schema says string)', collect, [])
    .option('--args-file <file>', 'arguments as a JSON object')
    .option('--config <key=value>', 'a module configuration value (repeatable)', collect, [])
    .option('--config-file <file>', 'module configuration as a JSON object')
    .option('--context-file <file>', 'render arguments as Jinja templates against this JSON object')
    .option('--timeout <ms>', 'timeout of the run in milliseconds')
    .option('--module-version <range>', 'semver range of the module version')
    .action((reference: string, options: RunOptions) => runCommand(consoleOutput(json()), reference, options));

  const manifest = program.command('manifest').description('for plugin authors: module JSON generated from the zod definitions');
  manifest
    .command('build')
    .argument('[dir]', 'plugin package (default: the current one, or every workspace plugin)')
    .description('write manifest.json and the item files')
    .action((dir: string | undefined) => manifestCommand(consoleOutput(json()), 'build', dir));
  manifest
    .command('check')
    .argument('[dir]', 'plugin package (default: the current one, or every workspace plugin)')
    .description('fail when the committed JSON differs from the definitions')
    .action((dir: string | undefined) => manifestCommand(consoleOutput(json()), 'check', dir));
  return program;
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
