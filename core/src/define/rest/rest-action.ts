import type { z } from 'zod';
import type { ActionDefinition } from '../../contracts/action.js';
import type { ActionContext } from '../../contracts/context.js';
import type { QueryValue } from '../../contracts/http.js';
import type { RestActionDeclaration } from '../../contracts/rest.js';
import { PlyError } from '../../errors/ply-error.js';
import { ArgumentPlacement, type PlacedArguments } from './argument-placement.js';
import { collectedBody } from './page-collector.js';
import type { Page, PageRequest } from './paging.js';
import { mapResult } from './result-mapping.js';
import { endpointUrl, sendRestCall, type RestAnswer, type RestModule } from './rest-request.js';

type Args<A extends z.ZodObject> = z.output<A>;

/**
 * Builds the action of a REST declaration: its `run` places the arguments (path, query, headers,
 * body), authenticates, sends through the run's HTTP client (timeouts, retries that respect
 * idempotency, rate limit, redaction), pages, maps the body and reports refusals clearly.
 */
export function restAction<A extends z.ZodObject, R extends z.ZodType, Config>(module: RestModule<Config>, declaration: RestActionDeclaration<A, R>): ActionDefinition<A, R, Config> & { docker_parameters: string } {
  let placement: ArgumentPlacement | undefined;
  const http = module.http;
  if (!http) throw new PlyError('PLY_MANIFEST_INVALID', `${declaration.slug}: a REST action needs the module's \`http\` (its base URL and auth)`);

  const linkPaging = declaration.paging?.kind === 'link';
  /** Sends the call of one page (the only one, without paging). */
  const answerOf = (ctx: ActionContext<Config>, args: Args<A>, placed: PlacedArguments, next: PageRequest | undefined): Promise<RestAnswer> =>
    sendRestCall(module, http, ctx, {
      method: declaration.method,
      url: next && 'url' in next ? next.url : endpointUrl(http.baseUrl(ctx.config), placed.path, next?.query ? { ...placed.query, ...(next.query as Record<string, QueryValue>) } : placed.query),
      headers: placed.headers,
      body: placed.body,
      idempotent: declaration.idempotent,
      timeoutMs: declaration.timeoutMs,
      notFound: declaration.notFound?.(args) ?? `${declaration.method} ${placed.path}`,
      acceptStatus: declaration.acceptStatus,
    });
  const mapped = (body: unknown, args: Args<A>): z.input<R> => (typeof declaration.map === 'function' ? declaration.map(body, args) : declaration.map ? mapResult(body, declaration.map) : body) as z.input<R>;

  // Promise chains rather than async functions: each layer costs every call a promise and a microtask turn more.
  const run = (ctx: ActionContext<Config>, given: Args<A>): Promise<z.input<R>> => {
    try {
      placement ??= new ArgumentPlacement(declaration);
      const args = declaration.prepare ? declaration.prepare(given) : given;
      if (http.tls?.(ctx.config)?.verify === false) ctx.log.warn('TLS certificate verification is off for this account: any certificate is accepted', { action: declaration.slug });
      const placed = placement.place(declaration.path, args as Record<string, unknown>);
      if (declaration.body) placed.body = { json: declaration.body(args) };
      if (!declaration.paging) return answerOf(ctx, args, placed, undefined).then((answer) => mapped(answer.body ?? {}, args));
      const page = async (next: PageRequest | undefined): Promise<Page> => {
        const answer = await answerOf(ctx, args, placed, next);
        // Only `link` paging reads a response header: the others never make the answer build its Headers.
        return { body: answer.body, link: linkPaging && answer.status >= 200 && answer.status < 300 ? answer.response.headers.get('link') : null, url: answer.url };
      };
      return collectedBody(ctx, declaration.slug, declaration.paging, args, page).then((body) => mapped(body, args));
    } catch (error) {
      return Promise.reject(error);
    }
  };

  return Object.freeze({
    kind: 'action' as const,
    uuid: declaration.uuid,
    slug: declaration.slug,
    name: declaration.name,
    description: declaration.description,
    docker_parameters: declaration.docker_parameters,
    ...(declaration.group ? { group: declaration.group } : {}),
    ...(declaration.outputs ? { outputs: declaration.outputs } : {}),
    ...(declaration.selectOutputs ? { selectOutputs: declaration.selectOutputs } : {}),
    arguments: declaration.arguments,
    results: declaration.results,
    run,
  });
}
