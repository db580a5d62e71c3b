// Frozen copy of Ply's nunjucks-based TemplateEngine (core/src/templating before @ply/jinja), bundled
// from core/dist at commit 7d033cb. A benchmark baseline only: never imported by the product.
import { createRequire as __baselineRequire } from "node:module"; const require = __baselineRequire(import.meta.url);

// core/dist/errors/error-catalogue.js
var ERROR_CATALOGUE = {
  PLY_INVALID_INPUT: { user: true, title: "Invalid input" },
  PLY_MANIFEST_INVALID: { user: true, title: "Invalid module manifest" },
  PLY_MANIFEST_DRIFT: { user: true, title: "Committed manifest files differ from the plugin definition" },
  PLY_SCHEMA_INVALID: { user: true, title: "JSON Schema does not compile" },
  PLY_ENGINE_MISMATCH: { user: true, title: "Module requires another Ply version" },
  PLY_MODULE_NOT_FOUND: { user: true, title: "Module not found" },
  PLY_ACTION_NOT_FOUND: { user: true, title: "Action not found" },
  PLY_ACTION_AMBIGUOUS: { user: true, title: "Action reference is ambiguous" },
  PLY_NO_IMPLEMENTATION: { user: true, title: "Module item has no implementation (metadata only)" },
  PLY_PLUGIN_LOAD_FAILED: { user: false, title: "Plugin code could not be loaded" },
  PLY_ARGUMENTS_INVALID: { user: true, title: "Arguments do not match the action schema" },
  PLY_CONFIGURATION_INVALID: { user: true, title: "Module configuration is invalid" },
  PLY_TEMPLATE_SYNTAX: { user: true, title: "Template syntax error" },
  PLY_TEMPLATE_FORBIDDEN: { user: true, title: "Template uses a forbidden construct" },
  PLY_TEMPLATE_ERROR: { user: true, title: "Template could not be rendered" },
  PLY_FILE_REFERENCE_INVALID: { user: true, title: "File reference is invalid" },
  PLY_ACTION_TIMEOUT: { user: false, title: "Action timed out" },
  PLY_ACTION_CANCELLED: { user: false, title: "Action was cancelled" },
  PLY_ACTION_CRASHED: { user: false, title: "Action raised an error" },
  PLY_RESULTS_INVALID: { user: false, title: "Action results do not match the results schema" },
  PLY_VENDOR_HTTP_ERROR: { user: false, title: "Vendor API answered with an error" },
  PLY_NETWORK_ERROR: { user: false, title: "Network error talking to the vendor API" },
  PLY_HTTP_TIMEOUT: { user: false, title: "Vendor API did not answer in time" },
  PLY_VENDOR_JOB_FAILED: { user: false, title: "A job run by the vendor (e.g. an event search) ended in failure" },
  PLY_VENDOR_JOB_TIMEOUT: { user: false, title: "A job run by the vendor did not finish within its wait limit" },
  PLY_PLAYBOOK_INVALID: { user: true, title: "Playbook is invalid" },
  PLY_PLAYBOOK_NOT_FOUND: { user: true, title: "Playbook not found" },
  PLY_PLAYBOOK_DISABLED: { user: true, title: "Playbook is disabled" },
  PLY_PLAYBOOK_RATE_LIMITED: { user: false, title: "Playbook run rate limit reached" },
  PLY_FOREACH_ITEMS_INVALID: { user: true, title: "Foreach items are not a list" },
  PLY_ACCOUNT_NOT_FOUND: { user: true, title: "Account not found" },
  PLY_ACCOUNT_EXISTS: { user: true, title: "An account with this name already exists for the module" },
  PLY_EXECUTION_NOT_FOUND: { user: true, title: "Execution not found" },
  PLY_TRIGGER_NOT_FOUND: { user: true, title: "No supervised trigger (schedule or module) with this playbook id" },
  PLY_CONNECTOR_NOT_FOUND: { user: true, title: "Connector instance not found" },
  PLY_SECRET_KEY_INVALID: { user: true, title: "Secret key is missing, malformed or does not decrypt the stored secrets" },
  PLY_STORE_ERROR: { user: false, title: "Store (database) error" },
  PLY_HOME_LOCKED: { user: true, title: "Another ply serve is running on this $PLY_HOME" },
  PLY_PACKAGE_REJECTED: { user: true, title: "Package tarball refused (unsafe entry, size limit or invalid module)" },
  PLY_INTEGRITY_MISMATCH: { user: false, title: "Downloaded package does not match its integrity hash" },
  PLY_SIGNATURE_INVALID: { user: false, title: "Package signature is missing, invalid or by an untrusted key" },
  PLY_REGISTRY_ERROR: { user: false, title: "Registry unreachable or answered with an error" },
  PLY_UPGRADE_BREAKING: { user: true, title: "Upgrade changes action arguments in a way that breaks callers" },
  PLY_UNAUTHENTICATED: { user: true, title: "Missing or invalid credentials (API token, webhook token or signature)" },
  PLY_FORBIDDEN: { user: true, title: "The API token lacks the role this request needs" },
  PLY_ROUTE_NOT_FOUND: { user: true, title: "No such HTTP route" },
  PLY_PAYLOAD_TOO_LARGE: { user: true, title: "Request body is too large" },
  PLY_INTERNAL: { user: false, title: "Internal error" }
};

// core/dist/errors/ply-error.js
var PlyError = class extends Error {
  name = "PlyError";
  code;
  userError;
  details;
  constructor(code, message, options = {}) {
    super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
    this.code = code;
    this.userError = ERROR_CATALOGUE[code].user;
    this.details = options.details ?? {};
  }
  /** The issues list carried in `details.issues`, if any. */
  get issues() {
    const issues = this.details["issues"];
    return Array.isArray(issues) ? issues : [];
  }
  toJSON() {
    return { code: this.code, message: this.message, userError: this.userError, details: this.details };
  }
};
function isPlyError(value) {
  return value instanceof PlyError;
}

// core/dist/templating/forbidden-names.js
var FORBIDDEN_NAMES = /* @__PURE__ */ new Set([
  "constructor",
  "__proto__",
  "prototype",
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__"
]);
function isForbiddenName(name) {
  return FORBIDDEN_NAMES.has(name);
}
function isForbiddenTemplateName(name) {
  return isForbiddenName(name) || name.startsWith("__");
}

// core/dist/templating/plain-data.js
function isPlainObject(value) {
  if (typeof value !== "object" || value === null)
    return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function readMember(target, key) {
  if (typeof key === "string") {
    if (isForbiddenName(key))
      throw new PlyError("PLY_TEMPLATE_FORBIDDEN", `access to "${key}" is forbidden`);
  } else if (typeof key !== "number") {
    return void 0;
  }
  if (typeof target === "string") {
    if (key === "length")
      return target.length;
    const index = toIndex(key, target.length);
    return index === void 0 ? void 0 : target[index];
  }
  if (Array.isArray(target)) {
    const index = toIndex(key, target.length);
    return index === void 0 ? key === "length" ? target.length : void 0 : ownData(target, index);
  }
  if (isPlainObject(target))
    return ownData(target, String(key));
  return void 0;
}
function toIndex(key, length) {
  const n = typeof key === "number" ? key : /^-?[0-9]+$/.test(key) ? Number(key) : Number.NaN;
  if (!Number.isInteger(n))
    return void 0;
  const index = n < 0 ? length + n : n;
  return index >= 0 && index < length ? index : void 0;
}
function ownData(target, key) {
  const descriptor = Object.getOwnPropertyDescriptor(target, key);
  if (descriptor === void 0 || !("value" in descriptor))
    return void 0;
  return typeof descriptor.value === "function" ? void 0 : descriptor.value;
}
function copyData(value) {
  if (typeof value === "function")
    return void 0;
  if (Array.isArray(value))
    return value.map((item) => copyData(item));
  if (isPlainObject(value)) {
    const copy = {};
    for (const key of Object.keys(value)) {
      const item = ownData(value, key);
      if (item !== void 0)
        Object.defineProperty(copy, key, { value: copyData(item), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}

// core/dist/templating/filter-support.js
function filterError(filter, problem) {
  return new PlyError("PLY_TEMPLATE_ERROR", `filter "${filter}": ${problem}`);
}
function isKeywordArguments(value) {
  return isPlainObject(value) && Object.hasOwn(value, "__keywords");
}
function jinjaFilter(name, params, body) {
  return (value, ...args) => {
    const keywords = isKeywordArguments(args.at(-1)) ? args.pop() : void 0;
    if (args.length > params.length)
      throw filterError(name, `takes at most ${params.length} argument(s), got ${args.length}`);
    if (keywords !== void 0) {
      for (const key of Object.keys(keywords)) {
        if (key !== "__keywords" && !params.includes(key))
          throw filterError(name, `has no argument named "${key}"`);
      }
    }
    const bound = params.map((param, i) => i < args.length ? args[i] : keywords === void 0 ? void 0 : ownData(keywords, param));
    return body(value, ...bound);
  };
}
function toText(value) {
  if (value === void 0 || value === null)
    return "";
  if (typeof value === "string")
    return value;
  if (typeof value === "object")
    return JSON.stringify(value) ?? "";
  return String(value);
}
function attributeGetter(attribute) {
  if (attribute === void 0 || attribute === null)
    return (item) => item;
  const parts = typeof attribute === "number" ? [attribute] : String(attribute).split(".");
  return (item) => parts.reduce((target, part) => readMember(target, part), item);
}
function iterate(filter, value) {
  if (value === void 0)
    return [];
  if (Array.isArray(value))
    return [...value];
  if (typeof value === "string")
    return Array.from(value);
  if (isPlainObject(value))
    return Object.keys(value);
  throw filterError(filter, `cannot iterate over ${describeType(value)}`);
}
function describeType(value) {
  if (value === null)
    return "none";
  if (Array.isArray(value))
    return "a list";
  if (isPlainObject(value))
    return "a mapping";
  return `a ${typeof value}`;
}
function compareValues(a, b, caseSensitive) {
  let x = a;
  let y = b;
  if (!caseSensitive) {
    if (typeof x === "string")
      x = x.toLowerCase();
    if (typeof y === "string")
      y = y.toLowerCase();
  }
  if (typeof x === "number" && typeof y === "number")
    return x - y;
  if (typeof x === typeof y && (typeof x === "string" || typeof x === "boolean")) {
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const tx = describeType(x);
  const ty = describeType(y);
  if (tx !== ty)
    return tx < ty ? -1 : 1;
  const sx = toText(x);
  const sy = toText(y);
  return sx < sy ? -1 : sx > sy ? 1 : 0;
}

// core/dist/templating/filters.js
function createFilters(predicates) {
  const filters = /* @__PURE__ */ Object.create(null);
  const add = (name, params, body) => {
    filters[name] = jinjaFilter(name, params, body);
  };
  const predicate = (filter, name) => {
    const test = typeof name === "string" && Object.hasOwn(predicates, name) ? predicates[name] : void 0;
    if (test === void 0)
      throw filterError(filter, `unknown test ${JSON.stringify(name)}`);
    return test;
  };
  const toJson = (value, indent) => JSON.stringify(value ?? null, null, typeof indent === "number" ? indent : void 0);
  add("tojson", ["indent"], toJson);
  add("dump", ["indent"], toJson);
  add("fromjson", [], (value) => {
    try {
      return JSON.parse(toText(value));
    } catch (error) {
      throw filterError("fromjson", `input is not valid JSON (${error.message})`);
    }
  });
  const defaultFilter = (value, fallback, boolean) => (boolean === true ? !value : value === void 0) ? fallback ?? "" : value;
  add("default", ["default_value", "boolean"], defaultFilter);
  add("d", ["default_value", "boolean"], defaultFilter);
  const length = (value) => {
    if (typeof value === "string" || Array.isArray(value))
      return value.length;
    if (isPlainObject(value))
      return Object.keys(value).length;
    return 0;
  };
  add("length", [], length);
  add("count", [], length);
  add("string", [], (value) => toText(value));
  add("lower", [], (value) => toText(value).toLowerCase());
  add("upper", [], (value) => toText(value).toUpperCase());
  add("capitalize", [], (value) => capitalize(toText(value)));
  add("title", [], (value) => toText(value).split(/([-\s({[<]+)/).map(capitalize).join(""));
  add("trim", ["chars"], (value, chars) => {
    const text = toText(value);
    if (chars === void 0 || chars === null)
      return text.trim();
    const set = toText(chars);
    let start = 0;
    let end = text.length;
    while (start < end && set.includes(text[start]))
      start += 1;
    while (end > start && set.includes(text[end - 1]))
      end -= 1;
    return text.slice(start, end);
  });
  add("replace", ["old", "new", "count"], (value, old, replacement, count) => {
    const text = toText(value);
    const from = toText(old);
    const to = toText(replacement);
    const limit = typeof count === "number" && count >= 0 ? count : Number.POSITIVE_INFINITY;
    if (from === "")
      return limit === Number.POSITIVE_INFINITY ? to + Array.from(text).join(to) + to : text;
    const parts = text.split(from);
    if (parts.length - 1 <= limit)
      return parts.join(to);
    return parts.slice(0, limit + 1).join(to) + from + parts.slice(limit + 1).join(from);
  });
  add("truncate", ["length", "killwords", "end", "leeway"], (value, length2, killwords, end, leeway) => {
    const text = toText(value);
    const max = typeof length2 === "number" ? length2 : 255;
    const tail = end === void 0 || end === null ? "..." : toText(end);
    const slack = typeof leeway === "number" ? leeway : 5;
    if (text.length <= max + slack)
      return text;
    const cut = text.slice(0, Math.max(0, max - tail.length));
    if (killwords === true)
      return cut + tail;
    const space = cut.lastIndexOf(" ");
    return (space === -1 ? cut : cut.slice(0, space)) + tail;
  });
  add("urlencode", [], (value) => {
    if (typeof value === "string")
      return encodeURIComponent(value).replace(/%2F/g, "/");
    const pairs = Array.isArray(value) ? value : isPlainObject(value) ? Object.entries(value) : void 0;
    if (pairs === void 0)
      return encodeURIComponent(toText(value));
    const quote = (part) => encodeURIComponent(toText(part)).replace(/%20/g, "+");
    return pairs.map((pair) => Array.isArray(pair) ? `${quote(pair[0])}=${quote(pair[1])}` : quote(pair)).join("&");
  });
  add("b64encode", [], (value) => Buffer.from(toText(value), "utf8").toString("base64"));
  add("b64decode", [], (value) => {
    const text = toText(value).replace(/\s+/g, "");
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text))
      throw filterError("b64decode", "input is not base64");
    return Buffer.from(text, "base64").toString("utf8");
  });
  filters["format"] = (value, ...args) => formatPercent(toText(value), args);
  add("safe", [], (value) => value);
  const escape = (value) => toText(value).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" })[c] ?? c);
  add("escape", [], escape);
  add("e", [], escape);
  add("int", ["default", "base"], (value, fallback, base) => toInt(value, fallback ?? 0, typeof base === "number" ? base : 10));
  add("float", ["default"], (value, fallback) => toFloat(value, fallback ?? 0));
  add("abs", [], (value) => {
    if (typeof value !== "number")
      throw filterError("abs", `expected a number, got ${describeType(value)}`);
    return Math.abs(value);
  });
  add("round", ["precision", "method"], (value, precision, method) => {
    if (typeof value !== "number")
      throw filterError("round", `expected a number, got ${describeType(value)}`);
    const factor = 10 ** (typeof precision === "number" ? precision : 0);
    const scaled = value * factor;
    const rounded = method === "ceil" ? Math.ceil(scaled) : method === "floor" ? Math.floor(scaled) : Math.sign(scaled) * Math.round(Math.abs(scaled));
    return rounded / factor;
  });
  add("first", [], (value) => Array.isArray(value) || typeof value === "string" ? value[0] : void 0);
  add("last", [], (value) => Array.isArray(value) || typeof value === "string" ? value[value.length - 1] : void 0);
  add("list", [], (value) => iterate("list", value));
  add("reverse", [], (value) => {
    if (typeof value === "string")
      return Array.from(value).reverse().join("");
    return iterate("reverse", value).reverse();
  });
  add("join", ["d", "attribute"], (value, separator, attribute) => {
    const get = attributeGetter(attribute);
    return iterate("join", value).map((item) => toText(get(item))).join(toText(separator));
  });
  add("sort", ["reverse", "case_sensitive", "attribute"], (value, reverse, caseSensitive, attribute) => {
    const get = attributeGetter(attribute);
    const sign = reverse === true ? -1 : 1;
    return iterate("sort", value).sort((a, b) => sign * compareValues(get(a), get(b), caseSensitive === true));
  });
  add("unique", ["case_sensitive", "attribute"], (value, caseSensitive, attribute) => {
    const get = attributeGetter(attribute);
    const seen = /* @__PURE__ */ new Set();
    return iterate("unique", value).filter((item) => {
      const key = get(item);
      const identity = typeof key === "string" && caseSensitive !== true ? `s:${key.toLowerCase()}` : `${typeof key}:${toText(key)}`;
      if (seen.has(identity))
        return false;
      seen.add(identity);
      return true;
    });
  });
  const extreme = (name, sign) => (value, caseSensitive, attribute) => {
    const get = attributeGetter(attribute);
    return iterate(name, value).reduce((best, item) => best === void 0 || sign * compareValues(get(item), get(best), caseSensitive === true) > 0 ? item : best, void 0);
  };
  add("min", ["case_sensitive", "attribute"], extreme("min", -1));
  add("max", ["case_sensitive", "attribute"], extreme("max", 1));
  add("sum", ["attribute", "start"], (value, attribute, start) => {
    const get = attributeGetter(attribute);
    return iterate("sum", value).reduce((total, item) => total + Number(get(item)), typeof start === "number" ? start : 0);
  });
  add("items", [], (value) => isPlainObject(value) ? Object.entries(value) : []);
  add("dictsort", ["case_sensitive", "by", "reverse"], (value, caseSensitive, by, reverse) => {
    if (!isPlainObject(value))
      throw filterError("dictsort", `expected a mapping, got ${describeType(value)}`);
    const index = by === "value" ? 1 : 0;
    const sign = reverse === true ? -1 : 1;
    return Object.entries(value).sort((a, b) => sign * compareValues(a[index], b[index], caseSensitive === true));
  });
  const selecting = (name, keep) => (value, test, ...args) => {
    const check = predicate(name, test ?? "truthy");
    return iterate(name, value).filter((item) => check(item, ...args) === keep);
  };
  filters["select"] = selecting("select", true);
  filters["reject"] = selecting("reject", false);
  const selectingAttr = (name, keep) => (value, attribute, test, ...args) => {
    const get = attributeGetter(attribute);
    const check = predicate(name, test ?? "truthy");
    return iterate(name, value).filter((item) => check(get(item), ...args) === keep);
  };
  filters["selectattr"] = selectingAttr("selectattr", true);
  filters["rejectattr"] = selectingAttr("rejectattr", false);
  filters["map"] = (value, ...args) => {
    const last = args.at(-1);
    if (isPlainObject(last) && Object.hasOwn(last, "__keywords") && Object.hasOwn(last, "attribute")) {
      const get = attributeGetter(last["attribute"]);
      const fallback = last["default"];
      return iterate("map", value).map((item) => get(item) ?? fallback);
    }
    const [name, ...rest] = args;
    const filter = typeof name === "string" && !name.startsWith("__") && Object.hasOwn(filters, name) ? filters[name] : void 0;
    if (filter === void 0)
      throw filterError("map", `unknown filter ${JSON.stringify(name)}`);
    return iterate("map", value).map((item) => filter(item, ...rest));
  };
  return filters;
}
function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}
function toInt(value, fallback, base) {
  if (typeof value === "number")
    return Number.isFinite(value) ? Math.trunc(value) : fallback;
  if (typeof value === "boolean")
    return value ? 1 : 0;
  if (typeof value !== "string")
    return fallback;
  const text = value.trim().replace(/_/g, "");
  if (base === 10) {
    if (/^[-+]?[0-9]+$/.test(text))
      return Number.parseInt(text, 10);
    const float = toFloat(text, void 0);
    return typeof float === "number" && Number.isFinite(float) ? Math.trunc(float) : fallback;
  }
  const digits = text.replace(/^([-+]?)0[xob]/i, "$1");
  const parsed = Number.parseInt(digits, base);
  return Number.isNaN(parsed) ? fallback : parsed;
}
function toFloat(value, fallback) {
  if (typeof value === "number")
    return value;
  if (typeof value === "boolean")
    return value ? 1 : 0;
  if (typeof value !== "string" || value.trim() === "")
    return fallback;
  const parsed = Number(value.trim());
  return Number.isNaN(parsed) ? fallback : parsed;
}
function formatPercent(pattern, args) {
  let next = 0;
  return pattern.replace(/%(\.([0-9]+))?([sdifr%])/g, (_match, _precisionGroup, precision, kind) => {
    if (kind === "%")
      return "%";
    if (next >= args.length)
      throw filterError("format", "not enough arguments for the format string");
    const arg = args[next++];
    switch (kind) {
      case "d":
      case "i":
        return String(Math.trunc(Number(arg)));
      case "f":
        return Number(arg).toFixed(precision === void 0 ? 6 : Number(precision));
      case "r":
        return JSON.stringify(arg) ?? "undefined";
      default:
        return toText(arg);
    }
  });
}

// core/dist/lazy-require.js
import { createRequire } from "node:module";
var requireHere = createRequire(import.meta.url);
function lazyRequire(id) {
  let loaded;
  return () => loaded ??= requireHere(id);
}

// core/dist/templating/nunjucks-internals.js
var loadNunjucks = lazyRequire("nunjucks");
var nunjucksInternals = () => loadNunjucks();
function isNunjucksNode(value) {
  return value instanceof nunjucksInternals().nodes.Node;
}

// core/dist/templating/predicates.js
var isNumber = (v) => typeof v === "number";
var isSequence = (v) => Array.isArray(v) || typeof v === "string";
function createPredicates() {
  const tests = /* @__PURE__ */ Object.create(null);
  Object.assign(tests, {
    defined: (v) => v !== void 0,
    undefined: (v) => v === void 0,
    none: (v) => v === null,
    null: (v) => v === null,
    true: (v) => v === true,
    false: (v) => v === false,
    boolean: (v) => typeof v === "boolean",
    number: isNumber,
    integer: (v) => Number.isInteger(v),
    float: (v) => isNumber(v) && !Number.isInteger(v),
    string: (v) => typeof v === "string",
    mapping: (v) => isPlainObject(v),
    sequence: isSequence,
    iterable: (v) => isSequence(v) || isPlainObject(v),
    callable: () => false,
    escaped: () => false,
    lower: (v) => typeof v === "string" && v === v.toLowerCase(),
    upper: (v) => typeof v === "string" && v === v.toUpperCase(),
    even: (v) => isNumber(v) && v % 2 === 0,
    odd: (v) => isNumber(v) && Math.abs(v % 2) === 1,
    divisibleby: (v, n) => isNumber(v) && isNumber(n) && v % n === 0,
    truthy: (v) => Boolean(v),
    falsy: (v) => !v,
    eq: (a, b) => a === b,
    equalto: (a, b) => a === b,
    sameas: (a, b) => a === b,
    ne: (a, b) => a !== b,
    lt: (a, b) => a < b,
    lessthan: (a, b) => a < b,
    le: (a, b) => a <= b,
    gt: (a, b) => a > b,
    greaterthan: (a, b) => a > b,
    ge: (a, b) => a >= b,
    in: (v, container) => containsMember(container, v)
  });
  return tests;
}
function containsMember(container, item) {
  if (typeof container === "string")
    return typeof item === "string" && container.includes(item);
  if (Array.isArray(container))
    return container.includes(item);
  if (isPlainObject(container))
    return (typeof item === "string" || typeof item === "number") && Object.hasOwn(container, item);
  return false;
}

// core/dist/templating/safe-runtime.js
var INSTALLED = /* @__PURE__ */ Symbol.for("ply.templating.safeRuntime");
function installSafeRuntime() {
  const runtime = nunjucksInternals().runtime;
  if (Object.hasOwn(runtime, INSTALLED))
    return;
  runtime.memberLookup = safeMemberLookup;
  runtime.contextOrFrameLookup = safeContextOrFrameLookup;
  runtime.callWrap = refuseCall;
  runtime.inOperator = (key, container) => containsMember(container, key);
  Object.defineProperty(runtime, INSTALLED, { value: true });
}
function safeMemberLookup(target, key) {
  return readMember(target, key);
}
function safeContextOrFrameLookup(context, frame, name) {
  if (isForbiddenName(name))
    throw new PlyError("PLY_TEMPLATE_FORBIDDEN", `access to "${name}" is forbidden`);
  const local = frame.lookup(name);
  if (local !== void 0)
    return typeof local === "function" ? void 0 : local;
  const variables = context.ctx;
  return typeof variables === "object" && variables !== null ? ownData(variables, name) : void 0;
}
function refuseCall(_callee, name) {
  throw new PlyError("PLY_TEMPLATE_FORBIDDEN", `calling "${name}" is not allowed`);
}

// core/dist/templating/safe-environment.js
function createSafeEnvironment(filters, tests) {
  installSafeRuntime();
  const env = new (loadNunjucks()).Environment([], { autoescape: false, throwOnUndefined: false, dev: true });
  const internals = env;
  internals.globals = /* @__PURE__ */ Object.create(null);
  internals.filters = filters;
  internals.tests = tests;
  internals.asyncFilters = [];
  internals.extensions = /* @__PURE__ */ Object.create(null);
  internals.extensionsList = [];
  internals.getFilter = (name) => {
    const filter = Object.hasOwn(filters, name) ? filters[name] : void 0;
    if (filter === void 0)
      throw new PlyError("PLY_TEMPLATE_FORBIDDEN", `unknown filter "${name}"`);
    return filter;
  };
  internals.getTest = (name) => {
    const test = Object.hasOwn(tests, name) ? tests[name] : void 0;
    if (test === void 0)
      throw new PlyError("PLY_TEMPLATE_FORBIDDEN", `unknown test "${name}"`);
    return test;
  };
  internals.getTemplate = () => {
    throw new PlyError("PLY_TEMPLATE_FORBIDDEN", "templates cannot load other templates");
  };
  return env;
}

// core/dist/templating/template-errors.js
var EXCERPT_WIDTH = 80;
function templateExcerpt(template, position) {
  if (position === void 0)
    return JSON.stringify(shorten(template, 0));
  const line = (template.split("\n")[position.line - 1] ?? "").replace(/\r$/, "");
  return JSON.stringify(shorten(line, Math.max(0, position.column - 1)));
}
function shorten(text, focus) {
  if (text.length <= EXCERPT_WIDTH)
    return text;
  const start = Math.max(0, Math.min(focus - EXCERPT_WIDTH / 2, text.length - EXCERPT_WIDTH));
  const end = start + EXCERPT_WIDTH;
  return `${start > 0 ? "\u2026" : ""}${text.slice(start, end)}${end < text.length ? "\u2026" : ""}`;
}
function templateError(code, problem, template, position, cause) {
  const where = position === void 0 ? "" : ` at line ${position.line}, column ${position.column}`;
  const excerpt = templateExcerpt(template, position);
  const details = { problem, excerpt };
  if (position !== void 0)
    Object.assign(details, position);
  return new PlyError(code, `${problem}${where} in template ${excerpt}`, { cause, details });
}
function atPointer(error, pointer) {
  if (pointer === "" || error.details["pointer"] !== void 0)
    return error;
  return new PlyError(error.code, `${error.message} (value at ${pointer})`, {
    cause: error.cause,
    details: { ...error.details, pointer }
  });
}

// core/dist/templating/sekoia-syntax.js
var WHITESPACE = " \n	\r\xA0";
var DELIMITERS = "()[]{}%*-+~/#,:|.<>=!";
var KEYWORDS = /* @__PURE__ */ new Set(["and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "null"]);
var RAW_TAG = /^-?\s*(raw|verbatim)\s*-?$/;
function rewriteSekoiaSyntax(template) {
  return new Scanner(template).run();
}
var Scanner = class {
  src;
  out = "";
  index = 0;
  anchors = [];
  constructor(src) {
    this.src = src;
  }
  run() {
    const { src } = this;
    while (this.index < src.length) {
      const found = nextTagStart(src, this.index);
      const next = found === -1 ? src.length : found;
      const strayCommentEnd = src.slice(this.index, next).indexOf("#}");
      if (strayCommentEnd !== -1)
        this.fail('"#}" outside a comment', this.index + strayCommentEnd);
      this.copy(next - this.index);
      if (found === -1)
        break;
      if (src.startsWith("{#", next))
        this.comment();
      else
        this.code();
    }
    return buildResult(src, this.out, this.anchors);
  }
  copy(length) {
    this.out += this.src.slice(this.index, this.index + length);
    this.index += length;
  }
  fail(problem, offset) {
    throw templateError("PLY_TEMPLATE_SYNTAX", problem, this.src, positionOf(this.src, offset));
  }
  comment() {
    const end = this.src.indexOf("#}", this.index + 2);
    if (end === -1)
      this.fail('unclosed comment "{#" (expected "#}")', this.index);
    this.copy(end + 2 - this.index);
  }
  /** Scans one `{{ ... }}` or `{% ... %}` tag; nunjucks ends either kind at `}}` or `%}`. */
  code() {
    const { src } = this;
    const opener = this.index;
    const opening = src.slice(opener, opener + 2);
    this.copy(src[opener + 2] === "-" ? 3 : 2);
    const bodyStart = this.index;
    let previous = "other";
    for (; ; ) {
      if (this.index >= src.length) {
        this.fail(`unclosed "${opening}" (expected "${opening === "{{" ? "}}" : "%}"}")`, opener);
      }
      const c = src[this.index];
      if (c === '"' || c === "'") {
        this.string(c);
        previous = "other";
      } else if (WHITESPACE.includes(c)) {
        this.copy(1);
        previous = "other";
      } else if (/^-?(%\}|\}\})/.test(src.slice(this.index, this.index + 3))) {
        const bodyEnd = this.index;
        this.copy(src[this.index] === "-" ? 3 : 2);
        if (opening === "{%")
          this.skipRawBody(src.slice(bodyStart, bodyEnd));
        return;
      } else if (c === "r" && src[this.index + 1] === "/") {
        this.regex();
        previous = "other";
      } else if (DELIMITERS.includes(c)) {
        previous = this.delimiter(c, previous);
      } else {
        previous = this.word();
      }
    }
  }
  string(quote) {
    const { src } = this;
    let i = this.index + 1;
    while (i < src.length && src[i] !== quote)
      i += src[i] === "\\" ? 2 : 1;
    if (i >= src.length)
      this.fail(`unterminated string literal (missing closing ${quote})`, this.index);
    this.copy(i + 1 - this.index);
  }
  regex() {
    const { src } = this;
    let i = this.index + 2;
    while (i < src.length && !(src[i] === "/" && src[i - 1] !== "\\"))
      i += 1;
    i += 1;
    while (i < src.length && "gimy".includes(src[i]))
      i += 1;
    this.copy(Math.min(i, src.length) - this.index);
  }
  delimiter(c, previous) {
    if (c === "." && previous === "target") {
      const digits = wordAt(this.src, this.index + 1);
      if (/^[0-9]+$/.test(digits)) {
        this.out += `[${digits}]`;
        this.index += 1 + digits.length;
        this.anchors.push({ out: this.out.length, in: this.index });
        return "target";
      }
    }
    this.copy(1);
    return c === ")" || c === "]" ? "target" : "other";
  }
  word() {
    const { src } = this;
    const word = wordAt(src, this.index);
    if (/^[0-9]+$/.test(word) && src[this.index + word.length] === ".") {
      const fraction = /^[0-9]*/.exec(src.slice(this.index + word.length + 1))?.[0] ?? "";
      this.copy(word.length + 1 + fraction.length);
      return "other";
    }
    this.copy(word.length);
    return /^[0-9]/.test(word) || KEYWORDS.has(word) ? "other" : "target";
  }
  /** After `{% raw %}` nunjucks reads raw text up to the matching `{% endraw %}`; so do we. */
  skipRawBody(tagBody) {
    const tag = RAW_TAG.exec(tagBody.trim())?.[1];
    if (tag === void 0)
      return;
    const block = new RegExp(`([\\s\\S]*?){%\\s*(${tag}|end${tag})\\s*(?=%})%}`, "y");
    let level = 1;
    let cursor = this.index;
    for (; ; ) {
      block.lastIndex = cursor;
      const match = block.exec(this.src);
      if (match === null) {
        this.copy(this.src.length - this.index);
        return;
      }
      level += match[2] === tag ? 1 : -1;
      if (level === 0) {
        this.copy(cursor + match[1].length - this.index);
        return;
      }
      cursor += match[0].length;
    }
  }
};
function nextTagStart(src, from) {
  for (let i = src.indexOf("{", from); i !== -1; i = src.indexOf("{", i + 1)) {
    const c = src[i + 1];
    if (c === "{" || c === "%" || c === "#")
      return i;
  }
  return -1;
}
function wordAt(src, from) {
  let end = from;
  while (end < src.length && !WHITESPACE.includes(src[end]) && !DELIMITERS.includes(src[end])) {
    end += 1;
  }
  return src.slice(from, end);
}
function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}
function offsetOf(text, position) {
  let offset = 0;
  for (let line = 1; line < position.line; line += 1) {
    const next = text.indexOf("\n", offset);
    if (next === -1)
      return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + position.column - 1);
}
function buildResult(original, source, anchors) {
  return {
    original,
    source,
    locate(position) {
      if (anchors.length === 0)
        return position;
      const out = offsetOf(source, position);
      let shift = 0;
      for (const anchor of anchors) {
        if (anchor.out > out)
          break;
        shift = anchor.out - anchor.in;
      }
      return positionOf(original, Math.max(0, Math.min(original.length, out - shift)));
    }
  };
}

// core/dist/templating/template-cache.js
var BoundedCache = class {
  capacity;
  entries = /* @__PURE__ */ new Map();
  constructor(capacity) {
    this.capacity = capacity;
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError("cache capacity must be a positive integer");
  }
  get size() {
    return this.entries.size;
  }
  /** The cached value, marked as most recently used. */
  get(key) {
    if (!this.entries.has(key))
      return void 0;
    const value = this.entries.get(key);
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }
  set(key, value) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true)
        this.entries.delete(oldest.value);
    }
  }
};

// core/dist/templating/template-guard.js
var ALLOWED_NODES = /* @__PURE__ */ new Set([
  "Root",
  "NodeList",
  "Output",
  "TemplateData",
  "Literal",
  "Symbol",
  "Group",
  "Array",
  "Dict",
  "Pair",
  "KeywordArgs",
  "LookupVal",
  "If",
  "InlineIf",
  "For",
  "Filter",
  "Set",
  "Switch",
  "Case",
  "Capture",
  "In",
  "Is",
  "Or",
  "And",
  "Not",
  "Add",
  "Concat",
  "Sub",
  "Mul",
  "Div",
  "FloorDiv",
  "Mod",
  "Pow",
  "Neg",
  "Pos",
  "Compare",
  "CompareOperand"
]);
var REFUSED_NODES = {
  FunCall: "function call",
  Macro: '"{% macro %}"',
  Caller: '"{% call %}"',
  Include: '"{% include %}"',
  Import: '"{% import %}"',
  FromImport: '"{% from ... import %}"',
  Extends: '"{% extends %}"',
  Block: '"{% block %}"',
  Super: '"super()"',
  CallExtension: "extension tag",
  CallExtensionAsync: "extension tag",
  FilterAsync: "asynchronous filter",
  IfAsync: '"{% ifAsync %}"',
  AsyncEach: '"{% asyncEach %}"',
  AsyncAll: '"{% asyncAll %}"'
};
var IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
function parseGuardedTemplate(template, vocabulary) {
  let root;
  try {
    root = nunjucksInternals().parser.parse(template.source);
  } catch (error) {
    throw syntaxError(template, error);
  }
  new Guard(template, vocabulary).visit(root);
  return root;
}
function syntaxError(template, error) {
  const { lineno, colno, message } = error;
  const position = typeof lineno === "number" ? template.locate({ line: lineno, column: typeof colno === "number" ? colno : 1 }) : endOf(template.original);
  return templateError("PLY_TEMPLATE_SYNTAX", String(message ?? error), template.original, position, error);
}
function endOf(text) {
  const lines = text.split("\n");
  return { line: lines.length, column: (lines.at(-1) ?? "").length + 1 };
}
var Guard = class {
  template;
  vocabulary;
  constructor(template, vocabulary) {
    this.template = template;
    this.vocabulary = vocabulary;
  }
  visit(node) {
    const type = node.typename;
    if (!ALLOWED_NODES.has(type)) {
      const what = REFUSED_NODES[type] ?? `"${type}" construct`;
      const detail = type === "FunCall" ? ` "${describe(node)}" (only filters can be applied: "value | filter")` : "";
      this.forbid(node, `${what}${detail} is not allowed`);
    }
    switch (type) {
      case "Symbol":
        return this.checkName(node, node["value"], "name");
      case "Literal":
        return this.checkLiteral(node);
      case "LookupVal":
        return this.checkLookup(node);
      case "Filter":
        return this.checkFilter(node);
      case "Is":
        return this.checkIs(node);
      case "Set":
        node["targets"].forEach((target) => this.checkTarget(target));
        return this.visitFields(node, ["targets"]);
      case "For":
        this.checkLoopTarget(node["name"]);
        return this.visitFields(node, ["name"]);
      default:
        return this.visitFields(node, []);
    }
  }
  visitFields(node, skip) {
    for (const field of node.fields) {
      if (skip.includes(field))
        continue;
      const value = node[field];
      if (isNunjucksNode(value))
        this.visit(value);
      else if (Array.isArray(value)) {
        for (const item of value)
          if (isNunjucksNode(item))
            this.visit(item);
      }
    }
  }
  checkName(node, name, role) {
    if (typeof name !== "string" || !IDENTIFIER.test(name)) {
      this.forbid(node, `${role} ${JSON.stringify(String(name))} is not a valid identifier`);
    }
    if (isForbiddenTemplateName(name))
      this.forbid(node, `${role} "${name}" is forbidden`);
  }
  checkLiteral(node) {
    if (node.typename === "TemplateData")
      return;
    const value = node["value"];
    if (value instanceof RegExp)
      this.forbid(node, `regular expression literal ${String(value)} is not allowed`);
    if (typeof value === "string" && isForbiddenName(value))
      this.forbid(node, `string "${value}" is forbidden`);
    if (value !== null && !["string", "number", "boolean"].includes(typeof value)) {
      this.forbid(node, `literal of type ${typeof value} is not allowed`);
    }
  }
  checkLookup(node) {
    this.visit(node["target"]);
    const key = node["val"];
    if (key.typename === "Literal" && typeof key["value"] === "string" && isForbiddenTemplateName(key["value"])) {
      this.forbid(key, `attribute "${key["value"]}" is forbidden`);
    }
    this.visit(key);
  }
  checkFilter(node) {
    const name = node["name"];
    this.checkName(name, name["value"], "filter");
    const filter = name["value"];
    if (!this.vocabulary.filters.has(filter))
      this.forbid(name, `unknown filter "${filter}"`);
    this.visitFields(node, ["name"]);
  }
  /** `x is test` / `x is test(arg)`: the right side names a registered test, it is not a call. */
  checkIs(node) {
    this.visit(node["left"]);
    const right = node["right"];
    let test = right;
    if (right.typename === "FunCall") {
      test = right["name"];
      this.visit(right["args"]);
    }
    const isName = test.typename === "Symbol";
    const isConstant = test.typename === "Literal" && (test["value"] === null || typeof test["value"] === "boolean");
    if (!isName && !isConstant)
      this.forbid(test, 'the right side of "is" must name a test');
    const name = String(test["value"]);
    if (isName)
      this.checkName(test, name, "test");
    if (!this.vocabulary.tests.has(name))
      this.forbid(test, `unknown test "${name}"`);
  }
  checkTarget(target) {
    if (target.typename !== "Symbol")
      this.forbid(target, 'only names can be assigned with "{% set %}"');
    this.checkName(target, target["value"], "variable");
  }
  checkLoopTarget(name) {
    const node = name;
    const targets = node.typename === "Array" ? node["children"] : [node];
    for (const target of targets) {
      if (target.typename !== "Symbol")
        this.forbid(target, "loop variables must be names");
      this.checkName(target, target["value"], "loop variable");
    }
  }
  forbid(node, problem) {
    const position = typeof node.lineno === "number" && typeof node.colno === "number" ? this.template.locate({ line: node.lineno + 1, column: node.colno + 1 }) : void 0;
    throw templateError("PLY_TEMPLATE_FORBIDDEN", problem, this.template.original, position);
  }
};
function describe(node) {
  if (!isNunjucksNode(node))
    return "\u2026";
  switch (node.typename) {
    case "Symbol":
      return String(node["value"]);
    case "Literal":
      return JSON.stringify(node["value"]) ?? String(node["value"]);
    case "LookupVal": {
      const key = node["val"];
      const isName = isNunjucksNode(key) && key.typename === "Literal" && typeof key["value"] === "string";
      return isName ? `${describe(node["target"])}.${String(key["value"])}` : `${describe(node["target"])}[\u2026]`;
    }
    case "FunCall":
      return `${describe(node["name"])}(\u2026)`;
    case "Group":
    case "Array":
    case "Dict":
      return "(\u2026)";
    default:
      return "\u2026";
  }
}

// core/dist/templating/text-conversion.js
var TEXT_FILTER = "__ply_text";
function convertConcatenation(root) {
  visit(root, "Concat");
}
function convertOutputs(root) {
  visit(root, "Output");
}
function visit(node, type) {
  for (const field of node.fields) {
    const value = node[field];
    if (isNunjucksNode(value))
      visit(value, type);
    else if (Array.isArray(value)) {
      for (const item of value)
        if (isNunjucksNode(item))
          visit(item, type);
    }
  }
  if (node.typename !== type)
    return;
  if (type === "Concat") {
    node["left"] = asText(node["left"]);
    node["right"] = asText(node["right"]);
  } else {
    node["children"] = node["children"].map((child) => child.typename === "TemplateData" ? child : asText(child));
  }
}
function asText(node) {
  const { nodes } = nunjucksInternals();
  const { lineno, colno } = node;
  return new nodes.Filter(lineno, colno, new nodes.Symbol(lineno, colno, TEXT_FILTER), new nodes.NodeList(lineno, colno, [node]));
}

// core/dist/templating/value-capture.js
var CAPTURE_FILTER = "__ply_capture";
function captureSingleExpression(root) {
  let expression;
  for (const output of root["children"]) {
    if (output.typename !== "Output")
      return void 0;
    for (const child of output["children"]) {
      if (child.typename === "TemplateData") {
        if (String(child["value"]).trim() !== "")
          return void 0;
      } else if (expression === void 0) {
        expression = child;
      } else {
        return void 0;
      }
    }
  }
  if (expression === void 0)
    return void 0;
  const { nodes } = nunjucksInternals();
  const { lineno, colno } = expression;
  const filter = new nodes.Filter(lineno, colno, new nodes.Symbol(lineno, colno, CAPTURE_FILTER), new nodes.NodeList(lineno, colno, [expression]));
  return new nodes.Root(0, 0, [new nodes.Output(lineno, colno, [filter])]);
}

// core/dist/templating/template-engine.js
var TEMPLATE_NAME = "ply-template";
var TEMPLATE_MARKERS = ["{{", "{%"];
var TemplateEngine = class {
  makeEnvironment;
  environmentMade;
  vocabulary;
  cache;
  captureSlot;
  constructor(options = {}) {
    const predicates = createPredicates();
    const filters = createFilters(predicates);
    this.vocabulary = { filters: new Set(Object.keys(filters)), tests: new Set(Object.keys(predicates)) };
    filters[TEXT_FILTER] = (value) => toText(value);
    filters[CAPTURE_FILTER] = (value) => {
      if (this.captureSlot !== void 0)
        this.captureSlot.value = value;
      return "";
    };
    this.makeEnvironment = () => createSafeEnvironment(filters, predicates);
    this.cache = new BoundedCache(options.cacheSize ?? 1e3);
  }
  /**
   * Renders `template` to text.
   *
   * @throws PlyError PLY_TEMPLATE_SYNTAX, PLY_TEMPLATE_FORBIDDEN or PLY_TEMPLATE_ERROR.
   */
  renderString(template, context) {
    const entry = this.load(template);
    entry.text ??= this.compile(entry, entry.textRoot);
    return this.run(entry, entry.text, context);
  }
  /**
   * Renders every template string inside `value` (strings containing `{{` or `{%`, in nested
   * arrays and objects; object keys are left alone) and returns a new value. A string that is
   * exactly one `{{ expr }}` becomes the expression's value with its JSON type (list, object,
   * number, boolean; undefined becomes null); any other template string renders to a string.
   *
   * @throws PlyError PLY_TEMPLATE_SYNTAX, PLY_TEMPLATE_FORBIDDEN or PLY_TEMPLATE_ERROR, with
   *   `details.pointer` locating the faulty string inside `value`.
   */
  renderValue(value, context) {
    return this.walk(value, context, "");
  }
  walk(value, context, pointer) {
    if (typeof value === "string") {
      if (!TEMPLATE_MARKERS.some((marker) => value.includes(marker)))
        return value;
      try {
        return this.renderOne(value, context);
      } catch (error) {
        throw isPlyError(error) ? atPointer(error, pointer) : error;
      }
    }
    if (Array.isArray(value))
      return value.map((item, i) => this.walk(item, context, `${pointer}/${i}`));
    if (isPlainObject(value)) {
      const rendered = {};
      for (const [key, item] of Object.entries(value)) {
        const renderedItem = this.walk(item, context, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
        Object.defineProperty(rendered, key, { value: renderedItem, enumerable: true, writable: true, configurable: true });
      }
      return rendered;
    }
    return value;
  }
  renderOne(template, context) {
    const entry = this.load(template);
    if (entry.valueRoot === void 0)
      return this.renderString(template, context);
    entry.value ??= this.compile(entry, entry.valueRoot);
    const outer = this.captureSlot;
    const slot = { value: void 0 };
    this.captureSlot = slot;
    try {
      this.run(entry, entry.value, context);
    } finally {
      this.captureSlot = outer;
    }
    return copyData(slot.value) ?? null;
  }
  load(template) {
    const cached = this.cache.get(template);
    if (cached !== void 0)
      return cached;
    const front = rewriteSekoiaSyntax(template);
    const root = parseGuardedTemplate(front, this.vocabulary);
    convertConcatenation(root);
    const valueRoot = captureSingleExpression(root);
    convertOutputs(root);
    const entry = { front, textRoot: root, valueRoot };
    this.cache.set(template, entry);
    return entry;
  }
  /** Compiles an AST that passed the guard, the way nunjucks' Template._compile does. */
  /** Made with the first template, which is also when nunjucks loads. */
  get environment() {
    return this.environmentMade ??= this.makeEnvironment();
  }
  compile(entry, root) {
    try {
      const compiler = new (nunjucksInternals()).compiler.Compiler(TEMPLATE_NAME, false);
      compiler.compile(root);
      const props = new Function(compiler.getCode())();
      const source = { type: "code", obj: props };
      return new (loadNunjucks()).Template(source, this.environment, TEMPLATE_NAME);
    } catch (error) {
      const { lineno, colno } = error;
      const position = typeof lineno === "number" ? entry.front.locate({ line: lineno, column: colno ?? 1 }) : void 0;
      throw templateError("PLY_TEMPLATE_SYNTAX", messageOf(error), entry.front.original, position, error);
    }
  }
  run(entry, template, context) {
    try {
      return template.render(context);
    } catch (error) {
      const raised = plyCause(error);
      const code = raised?.code === "PLY_TEMPLATE_FORBIDDEN" ? "PLY_TEMPLATE_FORBIDDEN" : "PLY_TEMPLATE_ERROR";
      const problem = raised?.message ?? `could not be rendered: ${messageOf(error)}`;
      throw templateError(code, problem, entry.front.original, void 0, raised ?? error);
    }
  }
};
function plyCause(error) {
  let current = error;
  for (let depth = 0; depth < 10 && current !== void 0 && current !== null; depth += 1) {
    if (isPlyError(current))
      return current;
    current = current.cause;
  }
  return void 0;
}
function messageOf(error) {
  const cause = error.cause;
  if (cause instanceof Error)
    return cause.message;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\([^)]*\)(?: \[Line \d+(?:, Column \d+)?\])?\s*/, "");
}
export {
  TemplateEngine
};
