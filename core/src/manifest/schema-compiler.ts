import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { JsonSchema } from '../contracts/manifest.js';
import { PlyError, type PlyIssue } from '../errors/ply-error.js';
import { sanitiseSchema } from './schema-sanitiser.js';

const addFormats = formats.default;

/** Validates data in place (defaults applied); returns the problems found, empty when valid. */
export type SchemaValidator = (data: unknown) => PlyIssue[];

/** Where a schema comes from, for error messages. */
export interface SchemaLocation {
  file: string;
  pointer: string;
}

const ACCEPT_ALL: SchemaValidator = () => [];
const ANNOTATIONS = new Set(['$schema', '$schema~', 'title', 'description', 'secrets', '$id', 'examples', 'example']);

function makeAjv<T extends Ajv>(AjvClass: new (options: Options) => T, validateSchema: boolean): T {
  const ajv = new AjvClass({ strict: false, allErrors: true, useDefaults: true, logger: false, validateFormats: true, validateSchema });
  addFormats(ajv);
  // OpenAPI number formats found in Sekoia manifests.
  for (const name of ['int32', 'int64', 'float', 'double']) ajv.addFormat(name, { type: 'number', validate: () => true });
  return ajv;
}

function issueOf(error: ErrorObject): PlyIssue {
  const at = error.instancePath;
  if (error.keyword === 'required') {
    const property = (error.params as { missingProperty: string }).missingProperty;
    return { pointer: `${at}/${property}`, message: `required property "${property}" is missing` };
  }
  if (error.keyword === 'additionalProperties') {
    const property = (error.params as { additionalProperty: string }).additionalProperty;
    return { pointer: `${at}/${property}`, message: `property "${property}" is not allowed` };
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
    return { pointer: at || '/', message: `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}` };
  }
  return { pointer: at || '/', message: error.message ?? error.keyword };
}

/**
 * Compiles manifest JSON Schemas with Ajv, lazily and once per schema object: draft-07 by
 * default, 2020-12 when the schema says so; non-standard keywords are ignored.
 */
export interface SchemaCompilerOptions {
  /**
   * Also validate each schema against its draft's meta-schema (default false). Without it Ajv
   * still refuses unknown types and keyword values of the wrong type when it compiles; the
   * meta-schema adds finer checks (an integer where a number is given, ...) and costs about
   * 30 ms to compile in every process, so the runtime skips it and `ply lint` asks for it.
   */
  metaValidation?: boolean;
}

export class SchemaCompiler {
  // Made on first compile: most processes compile few schemas, and 2020-12 ones are rare.
  private draft7: Ajv | undefined;
  private draft2020: Ajv2020 | undefined;
  private readonly cache = new WeakMap<JsonSchema, SchemaValidator>();

  constructor(private readonly options: SchemaCompilerOptions = {}) {}

  validator(schema: JsonSchema, location: SchemaLocation): SchemaValidator {
    let validator = this.cache.get(schema);
    if (!validator) {
      validator = this.compile(schema, location);
      this.cache.set(schema, validator);
    }
    return validator;
  }

  /** Changes the sanitiser would make to a schema (tolerated defects, for `ply lint`). */
  defects(schema: JsonSchema): Array<{ pointer: string; message: string }> {
    return sanitiseSchema(schema).changes;
  }

  private compile(schema: JsonSchema, location: SchemaLocation): SchemaValidator {
    if (Object.keys(schema).every((key) => ANNOTATIONS.has(key))) return ACCEPT_ALL;
    const { schema: clean } = sanitiseSchema(schema);
    const is2020 = typeof schema['$schema'] === 'string' && schema['$schema'].includes('2020-12');
    let validate: ValidateFunction;
    try {
      const meta = this.options.metaValidation ?? false;
      validate = is2020 ? (this.draft2020 ??= makeAjv(Ajv2020, meta)).compile(clean) : (this.draft7 ??= makeAjv(Ajv, meta)).compile(clean);
    } catch (error) {
      const reason = (error as Error).message;
      throw new PlyError('PLY_SCHEMA_INVALID', `${location.file}:${location.pointer}: schema does not compile: ${reason}`, {
        cause: error,
        details: { issues: [{ file: location.file, pointer: location.pointer, message: reason }] },
      });
    }
    return (data) => (validate(data) ? [] : (validate.errors ?? []).map(issueOf));
  }
}
