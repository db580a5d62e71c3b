import { PLY_CORE_VERSION, registeredErrorCodes } from '@ply/core';
import { type ApiRole } from '../store/api-token-repository.js';
import { CREATE_ACCOUNT_BODY, UPDATE_ACCOUNT_BODY } from './accounts.routes.js';
import { CREATE_CONNECTOR_BODY, UPDATE_CONNECTOR_BODY } from './connectors.routes.js';
import { RUN_ACTION_BODY } from './modules.routes.js';
import { DRY_RUN_BODY } from './playbooks.routes.js';
import * as z from 'zod';
import { WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, WEBHOOK_TOKEN_HEADER } from './webhook-secrets.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One documented route. `path` uses OpenAPI's `{param}` form, relative to the server root. */
export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  /** Role needed; undefined for routes with their own authentication (webhooks) or none. */
  role?: ApiRole;
  /** A JSON body (its schema), a playbook document (JSON or YAML), or any JSON (a trigger event). */
  body?: z.ZodType | 'playbook' | 'event';
  query?: Record<string, string>;
  success: number;
}

const API = '/api/v1';

/** Every route of the runtime server under /api/v1 and /hooks. A test checks this list against the app. */
export const ROUTES: readonly RouteDoc[] = [
  { method: 'get', path: `${API}/openapi.json`, summary: 'This OpenAPI document', tag: 'meta', success: 200 },
  { method: 'get', path: `${API}/health`, summary: 'Liveness, version, role, runs in flight and, in a cluster, the queue (waiting, active) and whether this process takes runs', tag: 'meta', success: 200 },
  { method: 'get', path: `${API}/metrics`, summary: 'Prometheus text metrics: runs in flight, executions by status, queue depth by state', tag: 'meta', role: 'viewer', success: 200 },
  { method: 'get', path: `${API}/triggers`, summary: 'Supervised schedule and module triggers (by playbook id): state, restarts, last heartbeat, last error, held', tag: 'triggers', role: 'viewer', success: 200 },
  { method: 'get', path: `${API}/triggers/{id}`, summary: 'The trigger of a playbook (schedule or module): running, backoff or stopped', tag: 'triggers', role: 'viewer', success: 200 },
  { method: 'post', path: `${API}/triggers/{id}/start`, summary: 'Run the trigger again after a stop (its playbook must be enabled)', tag: 'triggers', role: 'admin', success: 200 },
  { method: 'post', path: `${API}/triggers/{id}/stop`, summary: 'Stop the trigger and hold it stopped until started again or until the server restarts; the playbook stays enabled', tag: 'triggers', role: 'admin', success: 200 },
  { method: 'get', path: `${API}/connectors`, summary: 'Connector instances with their status (running, stopped, crashed; restarts, heartbeat, last error, events pushed, checkpoint); secrets as { set: true }', tag: 'connectors', role: 'viewer', success: 200 },
  { method: 'post', path: `${API}/connectors`, summary: 'Configure a connector instance (secret arguments and intake key are write-only)', tag: 'connectors', role: 'admin', body: CREATE_CONNECTOR_BODY, success: 201 },
  { method: 'get', path: `${API}/connectors/{id}`, summary: 'A connector instance with its status', tag: 'connectors', role: 'viewer', success: 200 },
  { method: 'patch', path: `${API}/connectors/{id}`, summary: 'Update a connector instance (restarted with the new configuration when it runs)', tag: 'connectors', role: 'admin', body: UPDATE_CONNECTOR_BODY, success: 200 },
  { method: 'delete', path: `${API}/connectors/{id}`, summary: 'Stop and delete a connector instance with its checkpoint', tag: 'connectors', role: 'admin', success: 204 },
  { method: 'post', path: `${API}/connectors/{id}/start`, summary: 'Enable the instance and wait until the supervisor runs it', tag: 'connectors', role: 'admin', success: 200 },
  { method: 'post', path: `${API}/connectors/{id}/stop`, summary: 'Disable the instance and wait until it stopped (its checkpoint is kept)', tag: 'connectors', role: 'admin', success: 200 },
  { method: 'get', path: `${API}/modules`, summary: 'Known modules (workspace and installed) and modules that failed to load', tag: 'modules', role: 'viewer', success: 200 },
  { method: 'get', path: `${API}/modules/{slug}`, summary: 'A module: configuration schema and its actions, triggers, connectors', tag: 'modules', role: 'viewer', query: { version: 'semver range' }, success: 200 },
  { method: 'get', path: `${API}/modules/{slug}/{kind}/{item}`, summary: 'An action, trigger or connector (kind: actions, triggers, connectors) with its argument and result schemas', tag: 'modules', role: 'viewer', query: { version: 'semver range' }, success: 200 },
  { method: 'post', path: `${API}/modules/{slug}/actions/{action}/run`, summary: 'Run an action once, with a named account', tag: 'modules', role: 'operator', body: RUN_ACTION_BODY, success: 200 },
  { method: 'get', path: `${API}/accounts`, summary: 'Accounts (module configurations); secrets show as { set: true }', tag: 'accounts', role: 'viewer', query: { module: 'module slug' }, success: 200 },
  { method: 'post', path: `${API}/accounts`, summary: 'Create an account (secrets are write-only)', tag: 'accounts', role: 'admin', body: CREATE_ACCOUNT_BODY, success: 201 },
  { method: 'get', path: `${API}/accounts/{id}`, summary: 'An account', tag: 'accounts', role: 'viewer', success: 200 },
  { method: 'patch', path: `${API}/accounts/{id}`, summary: 'Update an account', tag: 'accounts', role: 'admin', body: UPDATE_ACCOUNT_BODY, success: 200 },
  { method: 'delete', path: `${API}/accounts/{id}`, summary: 'Delete an account', tag: 'accounts', role: 'admin', success: 204 },
  { method: 'get', path: `${API}/playbooks`, summary: 'Playbooks', tag: 'playbooks', role: 'viewer', success: 200 },
  { method: 'post', path: `${API}/playbooks`, summary: 'Create a playbook from JSON or YAML (disabled unless ?enable=true)', tag: 'playbooks', role: 'admin', body: 'playbook', query: { enable: 'true to enable it at once' }, success: 201 },
  { method: 'post', path: `${API}/playbooks/validate`, summary: 'Validate a playbook (JSON or YAML) without storing it', tag: 'playbooks', role: 'viewer', body: 'playbook', success: 200 },
  { method: 'post', path: `${API}/playbooks/dry-run`, summary: "Render every node of a playbook with a sample trigger event: templates evaluated, nothing called or recorded; results of earlier nodes are not known unless given", tag: 'playbooks', role: 'viewer', body: DRY_RUN_BODY, success: 200 },
  { method: 'get', path: `${API}/playbooks/{id}`, summary: 'A playbook', tag: 'playbooks', role: 'viewer', success: 200 },
  { method: 'put', path: `${API}/playbooks/{id}`, summary: 'Replace the document of a playbook (new version)', tag: 'playbooks', role: 'admin', body: 'playbook', success: 200 },
  { method: 'delete', path: `${API}/playbooks/{id}`, summary: 'Delete a playbook and its executions', tag: 'playbooks', role: 'admin', success: 204 },
  { method: 'post', path: `${API}/playbooks/{id}/enable`, summary: 'Validate and enable a playbook', tag: 'playbooks', role: 'admin', success: 200 },
  { method: 'post', path: `${API}/playbooks/{id}/disable`, summary: 'Disable a playbook', tag: 'playbooks', role: 'admin', success: 200 },
  { method: 'post', path: `${API}/playbooks/{id}/run`, summary: 'Start a run with the body as trigger event; answers the execution id', tag: 'playbooks', role: 'operator', body: 'event', query: { force: 'true to run a disabled playbook' }, success: 202 },
  { method: 'get', path: `${API}/playbooks/{id}/versions`, summary: 'Kept versions of a playbook (each create, update and restore keeps one), newest first', tag: 'playbooks', role: 'viewer', query: { limit: '1 to 1000 (default 100)' }, success: 200 },
  { method: 'get', path: `${API}/playbooks/{id}/versions/{version}`, summary: 'One kept version of a playbook with its document', tag: 'playbooks', role: 'viewer', success: 200 },
  { method: 'post', path: `${API}/playbooks/{id}/versions/{version}/restore`, summary: 'Make a kept version current again (saved as a new version; an enabled playbook must stay valid)', tag: 'playbooks', role: 'admin', success: 200 },
  { method: 'get', path: `${API}/playbooks/{id}/webhook`, summary: "The playbook's webhook path, token and signature header", tag: 'playbooks', role: 'admin', success: 200 },
  { method: 'post', path: `${API}/accounts/{id}/check`, summary: "Check an account's credentials with its module's validation request: result accepted, refused (with the reason) or no-check", tag: 'accounts', role: 'operator', success: 200 },
  { method: 'post', path: `${API}/playbooks/{id}/webhook/rotate`, summary: "A new webhook token for the playbook (the old one is refused from now on)", tag: 'playbooks', role: 'admin', success: 200 },
  { method: 'get', path: `${API}/executions`, summary: 'Executions, newest first', tag: 'executions', role: 'viewer', query: { playbook: 'playbook id', status: 'queued, running, succeeded, failed or interrupted', limit: '1 to 1000 (default 50)', before: 'execution id (next page)' }, success: 200 },
  { method: 'get', path: `${API}/executions/{id}`, summary: 'An execution with its node records', tag: 'executions', role: 'viewer', success: 200 },
  { method: 'post', path: `${API}/executions/{id}/rerun`, summary: 'Start the playbook again with the recorded (masked) trigger event', tag: 'executions', role: 'operator', success: 202 },
  { method: 'post', path: '/hooks/{id}', summary: `Webhook trigger: starts the playbook; authenticated by ${WEBHOOK_TOKEN_HEADER} or ${WEBHOOK_SIGNATURE_HEADER} (over the raw body, with ${WEBHOOK_TIMESTAMP_HEADER} against replays)`, tag: 'webhooks', body: 'event', success: 202 },
];

function requestBody(body: RouteDoc['body']) {
  if (body === undefined) return undefined;
  if (body === 'playbook') {
    const schema = { type: 'string', description: 'The playbook document (see docs/playbooks.md)' };
    return { required: true, content: { 'application/json': { schema: { type: 'object' } }, 'application/yaml': { schema } } };
  }
  if (body === 'event') return { content: { 'application/json': { schema: { description: 'The trigger event (any JSON; default {})' } } } };
  // The request bodies' own zod schemas, as the manifests are made: what the API checks is what it documents.
  return { required: true, content: { 'application/json': { schema: z.toJSONSchema(body, { target: 'openapi-3.0', io: 'input' }) } } };
}

const errorResponse = { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };

/** The OpenAPI 3.0 document of the runtime API, built from {@link ROUTES}. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const parameters = [
      ...[...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } })),
      ...Object.entries(route.query ?? {}).map(([name, description]) => ({ name, in: 'query', required: false, description, schema: { type: 'string' } })),
    ];
    const body = requestBody(route.body);
    (paths[route.path] ??= {})[route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(route.role ? { 'x-ply-role': route.role, security: [{ bearer: [] }] } : { security: [] }),
      ...(parameters.length ? { parameters } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: { [String(route.success)]: { description: 'Success' }, '4XX': errorResponse, '5XX': errorResponse },
    };
  }
  return {
    openapi: '3.0.3',
    info: { title: 'Ply runtime API', version: PLY_CORE_VERSION, description: 'Roles: admin (install, configure) > operator (run) > viewer (read). See docs/runtime.md.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token from `ply token create`' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: registeredErrorCodes().map((spec) => spec.code).sort() }, message: { type: 'string' }, details: { type: 'object' } },
            },
          },
        },
      },
    },
    paths,
  };
}
