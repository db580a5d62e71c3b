import { JinjaForbiddenError, JinjaUndefinedError } from '../errors/jinja-error.js';
import { JinjaUndefined } from './undefined-value.js';

/** Raises what Jinja2 raises when an Undefined is used for more than printing or testing. */
export function failUndefined(value: JinjaUndefined): never {
  if (value.forbidden) throw new JinjaForbiddenError(value.reason);
  throw new JinjaUndefinedError(value.reason);
}

/** Raises for an Undefined operand; returns the value otherwise. */
export function defined<T>(value: T): Exclude<T, JinjaUndefined> {
  if (value instanceof JinjaUndefined) failUndefined(value);
  return value as Exclude<T, JinjaUndefined>;
}
