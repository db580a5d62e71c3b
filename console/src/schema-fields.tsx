import type { JsonSchema } from '@ply/core';
import { fieldId, fieldKind, fieldName, itemsOf, propertiesOf, requiredOf, typeOf } from './json-schema-parts.js';
import type { FieldErrors } from './schema-form-values.js';

/** What the form knows about secret fields: which exist, and which already hold a stored value. */
export interface SecretFields {
  keys: ReadonlySet<string>;
  stored: ReadonlySet<string>;
}

interface FieldProps {
  schema: JsonSchema;
  path: string[];
  /** The label shown: the property name. */
  label: string;
  required: boolean;
  value: unknown;
  errors: FieldErrors;
  secrets: SecretFields;
  /** Inside an optional object: the browser must not insist on its required fields. */
  inOptional: boolean;
}

const INPUT_TYPES: Record<string, string> = { uri: 'url', url: 'url', email: 'email', 'idn-email': 'email', date: 'date', time: 'time' };

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join('\n');
  return typeof value === 'object' ? JSON.stringify(value, null, 2) : String(value);
}

function Described(props: { id: string; description?: string; error?: string; extra?: string }) {
  return (
    <>
      {props.description && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.description}
        </p>
      )}
      {props.extra && (
        <p class="hint" id={`${props.id}-extra`}>
          {props.extra}
        </p>
      )}
      {props.error && (
        <p class="error-text" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </>
  );
}

function describedBy(id: string, parts: { description?: string; error?: string; extra?: string }): string | undefined {
  const ids = [parts.description && `${id}-hint`, parts.extra && `${id}-extra`, parts.error && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Field(props: FieldProps) {
  const { schema, path } = props;
  const name = fieldName(path);
  const id = fieldId(path);
  const kind = fieldKind(schema);
  const description = typeof schema['description'] === 'string' ? schema['description'] : undefined;
  const error = props.errors[name];
  const value = props.value ?? schema['default'];
  const title = `${props.label}${props.required ? ' (required)' : ''}`;

  if (kind === 'object') {
    return (
      <fieldset>
        <legend>{title}</legend>
        {description && <p class="hint">{description}</p>}
        {error && <p class="error-text">{error}</p>}
        <SchemaFields schema={schema} prefix={path} values={(value as Record<string, unknown>) ?? {}} errors={props.errors} inOptional={props.inOptional || !props.required} />
      </fieldset>
    );
  }

  const isSecret = props.secrets.keys.has(path.at(-1)!);
  const stored = isSecret && props.secrets.stored.has(path.at(-1)!);
  let extra: string | undefined;
  if (isSecret) extra = stored ? 'Secret: set. Leave empty to keep the stored value.' : 'Secret: not set. It is stored encrypted and never shown again.';
  if (kind === 'list') extra = `One value per line (or separated by commas)${typeOf(itemsOf(schema)) === 'string' ? '' : `; each a ${typeOf(itemsOf(schema))}`}.`;
  if (kind === 'json') extra = 'JSON value.';
  const aria = { 'aria-describedby': describedBy(id, { description, error, extra }), 'aria-invalid': error ? 'true' : undefined };
  const required = props.required && !props.inOptional && !(isSecret && stored);

  if (kind === 'boolean') {
    return (
      <div class="field">
        <label>
          <input type="checkbox" id={id} name={name} value="true" checked={value === true} {...aria} /> {title}
        </label>
        <Described id={id} description={description} error={error} />
      </div>
    );
  }

  let control;
  if (kind === 'enum') {
    const options = schema['enum'] as Array<string | number>;
    control = (
      <select id={id} name={name} required={required} {...aria}>
        {!props.required && <option value="">(not set)</option>}
        {options.map((option) => (
          <option value={String(option)} selected={String(option) === asText(value)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  } else if (kind === 'list' || kind === 'json') {
    control = <textarea id={id} name={name} required={required} {...aria}>{asText(value)}</textarea>;
  } else if (kind === 'number' || kind === 'integer') {
    const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : undefined;
    const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : undefined;
    control = <input type="number" id={id} name={name} step={kind === 'integer' ? '1' : 'any'} min={min} max={max} value={asText(value)} required={required} {...aria} />;
  } else if (isSecret) {
    // A secret is write-only: the value is never sent back to the browser, not even after an error.
    control = <input type="password" id={id} name={name} autocomplete="new-password" required={required} {...aria} />;
  } else {
    const format = typeof schema['format'] === 'string' ? schema['format'] : '';
    const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : undefined;
    control = <input type={INPUT_TYPES[format] ?? 'text'} id={id} name={name} value={asText(value)} maxlength={maxLength} required={required} {...aria} />;
  }
  return (
    <div class="field">
      <label for={id}>{title}</label>
      {control}
      <Described id={id} description={description} error={error} extra={extra} />
    </div>
  );
}

/**
 * Form controls for every property of an object schema: text, url and email inputs, numbers,
 * checkboxes, selects for enums, textareas for lists and JSON, fieldsets for nested objects.
 * Each control has a label, its description and its error tied to it by `aria-describedby`.
 */
export function SchemaFields(props: { schema: JsonSchema; prefix: string[]; values: Record<string, unknown>; errors: FieldErrors; secrets?: SecretFields; inOptional?: boolean }) {
  const required = requiredOf(props.schema);
  const secrets = props.secrets ?? { keys: new Set<string>(), stored: new Set<string>() };
  const properties = propertiesOf(props.schema);
  if (properties.length === 0) return <p class="muted">No fields.</p>;
  return (
    <>
      {properties.map(([key, schema]) => (
        <Field schema={schema} path={[...props.prefix, key]} label={key} required={required.has(key)} value={props.values[key]} errors={props.errors} secrets={secrets} inOptional={props.inOptional ?? false} />
      ))}
    </>
  );
}
