import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type TypeScript from 'typescript';
import { PlyError } from '@ply/core';
import type { AuthorToolchain } from './author-toolchain.js';

/** What a type-check or an emit reported, one line per diagnostic (`file:line:col: message`). */
export interface CompileOutcome {
  diagnostics: string[];
  emitted: string[];
}

/** Reads a tsconfig, with the toolchain's types added where the plugin has not installed its own. */
function parseConfig(ts: typeof TypeScript, dir: string, file: string, toolchain: AuthorToolchain): TypeScript.ParsedCommandLine {
  const problems: string[] = [];
  const host: TypeScript.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => void problems.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
  };
  const own = (name: string) => existsSync(join(dir, 'node_modules', name));
  const overrides: TypeScript.CompilerOptions = {
    typeRoots: [join(dir, 'node_modules/@types'), ...(own('@types/node') ? [] : [toolchain.typesRoot])],
    ...(own('vitest') ? {} : { paths: { vitest: [toolchain.vitestTypes] } }),
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(file, overrides, host);
  if (!parsed || problems.length > 0) throw new PlyError('PLY_INVALID_INPUT', `${file}: ${problems.join('; ') || 'cannot be read'}`);
  if (parsed.errors.length > 0) throw new PlyError('PLY_INVALID_INPUT', `${file}: ${parsed.errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
  return parsed;
}

function formatDiagnostic(ts: typeof TypeScript, dir: string, diagnostic: TypeScript.Diagnostic): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${relative(dir, diagnostic.file.fileName)}:${line + 1}:${character + 1}: TS${diagnostic.code}: ${message}`;
}

/**
 * Type-checks a plugin, sources and tests (its `tsconfig.json`), then, with `emit`, compiles its
 * sources to `dist/` (its `tsconfig.build.json`), as `tsc` would. Fails with PLY_TYPECHECK_FAILED
 * listing every error; nothing is emitted when the check fails.
 */
export function compilePlugin(dir: string, toolchain: AuthorToolchain, options: { emit: boolean }): CompileOutcome {
  const ts = toolchain.typescript;
  const checkConfig = ['tsconfig.json', 'tsconfig.build.json'].map((name) => join(dir, name)).find((file) => existsSync(file));
  if (!checkConfig) throw new PlyError('PLY_INVALID_INPUT', `${dir} has no tsconfig.json`);
  const check = parseConfig(ts, dir, checkConfig, toolchain);
  const program = ts.createProgram({ rootNames: check.fileNames, options: { ...check.options, noEmit: true } });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => formatDiagnostic(ts, dir, diagnostic));
  if (diagnostics.length > 0) {
    throw new PlyError('PLY_TYPECHECK_FAILED', `${dir}: ${diagnostics.length} type error${diagnostics.length === 1 ? '' : 's'}:\n${diagnostics.join('\n')}`, { details: { diagnostics } });
  }
  const emitted: string[] = [];
  const buildConfig = join(dir, 'tsconfig.build.json');
  if (options.emit && existsSync(buildConfig)) {
    const build = parseConfig(ts, dir, buildConfig, toolchain);
    // The checked program's source files are reused: only the emit is new work.
    const emitter = ts.createProgram({ rootNames: build.fileNames, options: build.options, oldProgram: program });
    const result = emitter.emit(undefined, (file, text) => {
      ts.sys.writeFile(file, text);
      emitted.push(relative(dir, file));
    });
    const failures = result.diagnostics.map((diagnostic) => formatDiagnostic(ts, dir, diagnostic));
    if (failures.length > 0) throw new PlyError('PLY_TYPECHECK_FAILED', `${dir}: cannot emit:\n${failures.join('\n')}`, { details: { diagnostics: failures } });
  }
  return { diagnostics, emitted: emitted.sort() };
}
