import type { z } from 'zod';
import type { PlyError } from '../errors/ply-error.js';
import type { ActionContext } from './context.js';
import type { HttpRequestOptions, QueryValue } from './http.js';

/**
 * Where an argument of a REST action goes, as Sekoia's `"in"` marker says (`.meta({ in: 'query' })`);
 * `none` for an argument the declaration itself reads and never sends (a `max_pages` bound).
 */
export type ArgumentLocation = 'path' | 'query' | 'header' | 'body' | 'form' | 'none';

/** One request about to be sent: what an auth scheme may add headers or query parameters to. */
export interface OutgoingRequest {
  method: NonNullable<HttpRequestOptions['method']>;
  url: URL;
  headers: Record<string, string>;
}

/**
 * How a module authenticates its REST calls. Every value comes from the module configuration
 * (typed: `Config` is the configuration's output type), so an account change takes effect at once.
 */
export type AuthScheme<Config> =
  | { type: 'bearer'; token: (config: Config) => string }
  /** An API key in a header (`X-Key: <key>`), with an optional prefix (`Token <key>`). */
  | { type: 'header'; name: string; value: (config: Config) => string; prefix?: string }
  /** An API key in the query string (`?key=<key>`). */
  | { type: 'query'; name: string; value: (config: Config) => string }
  | { type: 'basic'; username: (config: Config) => string; password: (config: Config) => string }
  | OAuth2ClientCredentials<Config>
  /** Anything else: change the request in place (sign it, add several headers). */
  | { type: 'custom'; apply: (request: OutgoingRequest, ctx: ActionContext<Config>) => void | Promise<void> };

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): a token fetched from `tokenUrl`, cached per module
 * configuration and fetched again shortly before it expires (or after the API answered 401).
 */
export interface OAuth2ClientCredentials<Config> {
  type: 'oauth2-client-credentials';
  tokenUrl: (config: Config) => string;
  clientId: (config: Config) => string;
  clientSecret: (config: Config) => string;
  scope?: (config: Config) => string | undefined;
  /** Extra form fields of the token request (`audience`, `resource`...). */
  extra?: (config: Config) => Record<string, string>;
  /**
   * `body` (default): client id and secret as form fields; `basic`: as an HTTP Basic header, each
   * form-encoded first (RFC 6749 §2.3.1); `basic-raw`: as an HTTP Basic header of the values as
   * they are, for token endpoints that do not decode them (WatchGuard Cloud).
   */
  clientAuthentication?: 'body' | 'basic' | 'basic-raw';
  /** Fetch a new token this long before the old one expires (default 60 s). */
  refreshBeforeMs?: number;
}

/** A value read from a response body: a dotted path (`data.items`, `@odata.nextLink`) or a function. */
export type BodyReader<T> = string | ((body: unknown) => T);

/** What every paging strategy shares. */
interface PagingBase<Args> {
  /** Where the items of a page are in its body (default: the body itself, when it is a list). */
  items?: BodyReader<unknown[]>;
  /** At most this many pages (a number, or from the arguments: `(args) => args.max_pages`). Default 10. */
  maxPages?: number | ((args: Args) => number | undefined);
  /** Stop early: after this page, when it says so (besides the strategy's own end). */
  stop?: (page: { index: number; items: unknown[]; body: unknown; collected: number }) => boolean;
  /**
   * `concat` (default): the first page's body with the items of every page at the items path.
   * `{ file: 'result_path' }`: every item written, page after page, to one JSON file of the run
   * (the results hold its path under that key, and `count`): large searches never sit in memory.
   * `{ fold }`: the vendor's own aggregation of pages (sums, maxima, concatenated lists): `fold`
   * gets what was collected so far (undefined before the first page) and the next page's body.
   */
  collect?: 'concat' | { file: string } | { fold: (collected: unknown, page: { body: unknown; index: number }) => unknown };
  /**
   * A page after the first failed (a vendor refusal, a network error, a malformed answer): end
   * with the pages collected so far, as this returns them, instead of failing the run (a vendor
   * whose quota runs out mid-way still gave what it gave). Without it the run fails.
   */
  partial?: (collected: unknown, error: PlyError) => unknown;
}

/**
 * How a REST action pages: by page number, by offset and limit, by a cursor from the body, by the
 * `Link: <...>; rel="next"` header (RFC 8288), or by a next-page URL in the body.
 */
export type Paging<Args> =
  | (PagingBase<Args> & {
      kind: 'page';
      param: string;
      /** The first page's number (default 1), or from the arguments (`(args) => args.first_page`). */
      start?: number | ((args: Args) => number | undefined);
      sizeParam?: string;
      size?: number;
    })
  | (PagingBase<Args> & { kind: 'offset'; offsetParam: string; limitParam: string; limit: number })
  | (PagingBase<Args> & { kind: 'cursor'; param: string; next: BodyReader<string | undefined> })
  | (PagingBase<Args> & { kind: 'link' })
  | (PagingBase<Args> & { kind: 'next-url'; next: BodyReader<string | undefined> });

/** Shapes a response body into the action's results: pick keys, rename them, wrap the whole. */
export interface ResultMapping {
  /** Only these keys of the body (applied first). */
  pick?: readonly string[];
  /** `{ vendorName: resultName }` (applied after `pick`). */
  rename?: Readonly<Record<string, string>>;
  /** The whole body under this key (applied last): `[...]` becomes `{ items: [...] }`. */
  wrap?: string;
}

/** The HTTP side of a module's REST actions, declared once on the module. */
export interface ModuleHttp<Config> {
  /** The API root the actions' paths are relative to (a trailing slash is added). */
  baseUrl: (config: Config) => string;
  auth?: AuthScheme<Config>;
  /** Headers of every request (`accept` defaults to `application/json`), or a function of the configuration (an API key header besides an OAuth token). */
  headers?: Readonly<Record<string, string>> | ((config: Config) => Readonly<Record<string, string>>);
  /** The vendor's own explanation in an error body, when the kit's reading of it is not enough. */
  errorMessage?: (body: unknown, status: number) => string | undefined;
  /**
   * The vendor's request rate per account (`{ maxRequests: 1, perMs: 1000 }` for one a second),
   * waited for before each request of a REST action or `module.request`; `undefined` for none.
   */
  rateLimit?: (config: Config) => { maxRequests: number; perMs: number } | undefined;
  /** TLS of the account's server (an appliance's own certificate): `{ verify: false }` or `{ ca }` (see `HttpRequestOptions.tls`). */
  tls?: (config: Config) => { verify?: boolean; ca?: string } | undefined;
}

/** Declares one REST call: the request and where each argument goes, the paging, the results. */
export interface RestActionDeclaration<Args extends z.ZodObject, Results extends z.ZodType> {
  uuid: string;
  slug: string;
  name: string;
  description: string;
  docker_parameters: string;
  group?: string;
  method: NonNullable<HttpRequestOptions['method']>;
  /** Relative to the module's base URL; `{name}` is filled from the argument `name` (URL-encoded). */
  path: string;
  /**
   * Arguments; each property's `.meta({ in })` says where it goes (default: path if named in `path`, else query for
   * GET/HEAD/DELETE, JSON body otherwise; `name` renames it on the wire; `explode: false` sends a list in the query as
   * one comma-separated value, OpenAPI's form style, instead of repeating the key).
   */
  arguments: Args;
  /**
   * Rewrites the validated arguments before they are placed (lower-case a domain the vendor only
   * matches in lower case); paging, mapping and messages then see the rewritten arguments.
   */
  prepare?: (args: z.output<Args>) => z.output<Args>;
  results: Results;
  /** A POST or PATCH that may be repeated without a second effect (retried on 5xx like a GET). */
  idempotent?: boolean;
  /** Per-attempt timeout of each request. */
  timeoutMs?: number;
  paging?: Paging<z.output<Args>>;
  /**
   * Builds the JSON body from the arguments, for a body that is not one key per argument (a record
   * whose fields are themselves an argument). Path, query and header arguments are still placed.
   */
  body?: (args: z.output<Args>) => Record<string, unknown>;
  /** Shapes the (collected) body into the results. */
  map?: ResultMapping | ((body: unknown, args: z.output<Args>) => unknown);
  /** What a 404 means, for the error message (`host ${args.ip}`); default: the method and path. */
  notFound?: (args: z.output<Args>) => string;
  /**
   * An answer with this status is a result, not an error (`{}` for an empty body): a 404 that means "none".
   * (A DELETE answered 404 after a retry is always a success: the first attempt deleted it.)
   */
  acceptStatus?: readonly number[];
  /** Named outcomes (Sekoia's `outputs`), written to the item's JSON; as an action's `outputs`. */
  outputs?: Readonly<Record<string, string>>;
  /** Which of `outputs` the results select (reported in each run's result, where a condition node reads it). */
  selectOutputs?: (results: z.output<Results>, args: z.output<Args>) => string | readonly string[];
}

/**
 * One call of a module's REST API made by hand-written code (a two-step action, a trigger that
 * polls): the module's base URL, headers, auth, TLS and refusals, as its REST actions have them.
 */
export interface ModuleRequest {
  method?: NonNullable<HttpRequestOptions['method']>;
  /**
   * Relative to the module's base URL (`users/${id}`: encode what comes from arguments), or an
   * absolute URL the vendor gave (a next-page link), which must be on the base URL's origin.
   */
  path: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** A JSON body. */
  json?: unknown;
  /** Repeating the call has no second effect (retried on 5xx like a GET). */
  idempotent?: boolean;
  timeoutMs?: number;
  /** What a 404 means, for the error message (`user jdoe`); default: the method and path. */
  notFound?: string;
  /** An answer with this status is returned, not thrown (`{}` for an empty body). */
  acceptStatus?: readonly number[];
  /** An `Authorization` value sent instead of the module's auth: a delegated token for this one call. */
  authorization?: string;
  /** `json` (default; an empty body gives `undefined`) or `bytes`: the body as a `Uint8Array` (a file download). */
  responseType?: 'json' | 'bytes';
}

/** A module's answer to a {@link ModuleRequest}: the status, the JSON body (undefined when empty) and the headers. */
export interface ModuleResponse {
  status: number;
  body: unknown;
  headers: Headers;
}
