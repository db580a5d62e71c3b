export { Environment, type EnvironmentOptions } from './environment.js';
export { Template, type MarkedResult, type RenderOptions, type TemplateData } from './template.js';
export {
  JinjaError,
  JinjaForbiddenError,
  JinjaLimitError,
  JinjaRuntimeError,
  JinjaSyntaxError,
  JinjaUndefinedError,
  isJinjaError,
  type JinjaErrorCode,
  type JinjaLimit,
  type TemplatePosition,
} from './errors/jinja-error.js';
export { DEFAULT_LIMITS, type RenderLimits } from './runtime/render-limits.js';
export type { SecretMatcher } from './runtime/taint-tracker.js';
export type { FilterFunction, TestFunction } from './runtime/vocabulary.js';
export type { CallArguments } from './runtime/call-arguments.js';
export type { RenderState } from './runtime/render-state.js';
export { parseJsonData, toPlainJson } from './values/json-data.js';
export { PyFloat } from './values/py-float.js';
export { pyStr, pyRepr } from './values/python-repr.js';
