import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlyError } from '../src/errors/ply-error.js';
import { loadModuleFolder } from '../src/manifest/module-loader.js';
import { SchemaCompiler } from '../src/manifest/schema-compiler.js';

const MANIFEST = { uuid: 'a1b2c3d4-0000-4000-8000-000000000001', slug: 'demo', name: 'Demo', description: 'd', version: '1.2.3', categories: ['Generic'], configuration: {} };
const ACTION = { uuid: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Act', slug: 'act', description: 'd', docker_parameters: 'act', arguments: { type: 'object' }, results: {} };

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ply-loader-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}

function loadError(dir: string, coreVersion = '0.1.0'): PlyError {
  try {
    loadModuleFolder(dir, { coreVersion });
  } catch (error) {
    expect(error).toBeInstanceOf(PlyError);
    return error as PlyError;
  }
  throw new Error('expected the folder to be refused');
}

describe('loadModuleFolder', () => {
  it('loads a folder from JSON alone', () => {
    const module = loadModuleFolder(folder({ 'manifest.json': MANIFEST, 'action_act.json': ACTION }), { coreVersion: '0.1.0' });
    expect(module.manifest.slug).toBe('demo');
    expect(module.items.map((i) => [i.kind, i.slug, i.docker])).toEqual([['action', 'act', 'act']]);
    expect(module.entry).toBeUndefined();
  });

  it('names file, line and column of invalid JSON', () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': '{\n  "uuid": "x",\n  oops\n}' });
    const error = loadError(dir);
    expect(error.code).toBe('PLY_MANIFEST_INVALID');
    expect(error.message).toContain(join(dir, 'action_act.json'));
    expect(error.message).toContain('invalid JSON at line 3, column 3');
  });

  it('names the JSON pointer of a missing uuid and of a missing slug', () => {
    const { uuid: _u, slug: _s, ...withoutIds } = MANIFEST;
    const error = loadError(folder({ 'manifest.json': withoutIds }));
    expect(error.issues.map((i) => i.pointer).sort()).toEqual(['/slug', '/uuid']);
    expect(error.issues[0]!.file).toMatch(/manifest\.json$/);
  });

  it('names a missing docker_parameters in an item file', () => {
    const { docker_parameters: _d, ...broken } = ACTION;
    const error = loadError(folder({ 'manifest.json': MANIFEST, 'action_act.json': broken }));
    expect(error.issues).toEqual([expect.objectContaining({ pointer: '/docker_parameters', file: expect.stringMatching(/action_act\.json$/) })]);
  });

  it('refuses an invalid engines.ply range and flags an unsatisfied one', () => {
    expect(loadError(folder({ 'manifest.json': { ...MANIFEST, engines: { ply: 'not a range!' } } })).issues[0]!.pointer).toBe('/engines/ply');
    const module = loadModuleFolder(folder({ 'manifest.json': { ...MANIFEST, engines: { ply: '^2.0.0' } } }), { coreVersion: '0.1.0' });
    expect(module.engineMismatch).toBe('module demo@1.2.3 requires Ply ^2.0.0, this core is 0.1.0');
  });

  it('compiles schemas lazily and names a schema that does not compile', () => {
    const module = loadModuleFolder(folder({ 'manifest.json': MANIFEST, 'action_act.json': { ...ACTION, arguments: { type: 'object', properties: { a: { type: 'strng' } } } } }), { coreVersion: '0.1.0' });
    const item = module.items[0]!;
    let error: unknown;
    try {
      new SchemaCompiler().validator(item.arguments, { file: item.file, pointer: '/arguments' });
    } catch (e) {
      error = e;
    }
    expect((error as PlyError).code).toBe('PLY_SCHEMA_INVALID');
    expect((error as PlyError).message).toContain('action_act.json:/arguments: schema does not compile');
  });

  it("with lazySchemas, reads an item's schemas and raw file on first use, as the file holds them", () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': { ...ACTION, arguments: { type: 'object', properties: { text: { type: 'string' } } }, extra: 1 } });
    const [item] = loadModuleFolder(dir, { coreVersion: '0.1.0', lazySchemas: true }).items;
    expect(item!.arguments).toEqual({ type: 'object', properties: { text: { type: 'string' } } });
    expect(item!.results).toEqual({});
    expect(item!.raw).toMatchObject({ extra: 1, docker_parameters: 'act' });
    // The same objects on every read (schema validators are cached by schema object).
    expect(item!.arguments).toBe(item!.arguments);
    expect({ ...item! }.arguments).toBe(item!.arguments);
  });

  it('with lazySchemas, names the item file when it became invalid after its module was loaded', () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': ACTION });
    const [item] = loadModuleFolder(dir, { coreVersion: '0.1.0', lazySchemas: true }).items;
    writeFileSync(join(dir, 'action_act.json'), JSON.stringify({ ...ACTION, arguments: 'not a schema' }));
    let error: unknown;
    try {
      void item!.arguments;
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlyError);
    expect((error as PlyError).code).toBe('PLY_MANIFEST_INVALID');
    expect((error as PlyError).message).toContain(`${join(dir, 'action_act.json')}:/arguments`);
  });

  it('with lazyItems, reads no item file at load: the items are what the folder holds at their first read', () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': ACTION });
    const module = loadModuleFolder(dir, { coreVersion: '0.1.0', lazyItems: true });
    // Changed after the load, before the first read: the first read sees the change.
    writeFileSync(join(dir, 'action_act.json'), JSON.stringify({ ...ACTION, name: 'Renamed' }));
    expect(module.items.map((i) => [i.kind, i.slug, i.name])).toEqual([['action', 'act', 'Renamed']]);
    expect(module.itemsError).toBeUndefined();
    // Read once: later changes are not seen.
    writeFileSync(join(dir, 'action_act.json'), JSON.stringify({ ...ACTION, name: 'Again' }));
    expect(module.items[0]!.name).toBe('Renamed');
  });

  it('with lazyItems, an invalid item file gives no items and an error naming the file, pointer and reason', () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': ACTION, 'action_bad.json': { ...ACTION, uuid: 'a1b2c3d4-0000-4000-8000-000000000003', docker_parameters: '' } });
    const module = loadModuleFolder(dir, { coreVersion: '0.1.0', lazyItems: true });
    expect(module.manifest.slug).toBe('demo');
    expect(module.items).toEqual([]);
    expect(module.itemsError).toBeInstanceOf(PlyError);
    expect(module.itemsError!.code).toBe('PLY_MANIFEST_INVALID');
    expect(module.itemsError!.message).toBe(`${join(dir, 'action_bad.json')}:/docker_parameters: must be a non-empty string`);
  });

  it('with lazyItems, still refuses an invalid manifest.json at load', () => {
    const dir = folder({ 'manifest.json': { ...MANIFEST, version: '' }, 'action_act.json': ACTION });
    let error: unknown;
    try {
      loadModuleFolder(dir, { coreVersion: '0.1.0', lazyItems: true });
    } catch (caught) {
      error = caught;
    }
    expect((error as PlyError).code).toBe('PLY_MANIFEST_INVALID');
    expect((error as PlyError).message).toContain(`${join(dir, 'manifest.json')}:/version`);
  });

  it('with lazyItems, warns of duplicate items when the items are read', () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': ACTION, 'action_again.json': { ...ACTION, slug: 'again', docker_parameters: 'again' } });
    const module = loadModuleFolder(dir, { coreVersion: '0.1.0', lazyItems: true });
    expect(module.warnings).toEqual([]);
    expect(module.items).toHaveLength(2);
    expect(module.warnings.map((w) => [w.pointer, w.message])).toEqual([['/uuid', 'duplicates action_act.json (same uuid among actions)']]);
  });

  it('without lazySchemas, keeps the schemas of the load (the folder may be gone after)', () => {
    const dir = folder({ 'manifest.json': MANIFEST, 'action_act.json': ACTION });
    const [item] = loadModuleFolder(dir, { coreVersion: '0.1.0' }).items;
    rmSync(dir, { recursive: true, force: true });
    expect(item!.arguments).toEqual({ type: 'object' });
    expect(item!.raw).toMatchObject({ docker_parameters: 'act' });
  });
});

describe('SchemaCompiler on schemas from elsewhere', () => {
  it('refuses keyword values of the wrong type, and with meta-validation (ply lint) the finer meta-schema breaches too', () => {
    const at = { file: 'action_x.json', pointer: '/arguments' };
    const codeOf = (compiler: SchemaCompiler, schema: Record<string, unknown>) => {
      try {
        compiler.validator(schema, at);
        return 'compiled';
      } catch (error) {
        return (error as PlyError).code;
      }
    };
    const runtime = new SchemaCompiler();
    const lint = new SchemaCompiler({ metaValidation: true });
    expect(codeOf(runtime, { type: 'object', required: 'a' })).toBe('PLY_SCHEMA_INVALID');
    expect(codeOf(runtime, { type: 'object', properties: { a: { type: 'strng' } } })).toBe('PLY_SCHEMA_INVALID');
    expect(codeOf(runtime, { type: 'string', minLength: 1.5 })).toBe('compiled');
    expect(codeOf(lint, { type: 'string', minLength: 1.5 })).toBe('PLY_SCHEMA_INVALID');
  });

  it('keeps a property named "id" (only a non-string id keyword is dropped)', () => {
    const compiler = new SchemaCompiler();
    const schema = { type: 'object', properties: { id: { type: 'string' } }, additionalProperties: false, required: ['id'] };
    const validate = compiler.validator(schema, { file: 'x.json', pointer: '/results' });
    expect(validate({ id: 'a' })).toEqual([]);
    expect(validate({})[0]!.pointer).toBe('/id');
    expect(compiler.defects(schema)).toEqual([]);
  });

  it('treats a $ref that points nowhere as {} and reports it', () => {
    const schema = { type: 'object', properties: { x: { $ref: '#/components/schemas/missing' } } };
    const compiler = new SchemaCompiler();
    expect(compiler.validator(schema, { file: 'x.json', pointer: '/arguments' })({ x: 42 })).toEqual([]);
    expect(compiler.defects(schema)).toEqual([{ pointer: '/properties/x/$ref', message: '$ref "#/components/schemas/missing" does not resolve; treated as {}' }]);
  });
});
