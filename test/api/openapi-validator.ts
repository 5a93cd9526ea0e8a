// Checks real responses against the OpenAPI document the server publishes at /api/openapi.json, so that the
// documentation cannot drift from what the API sends. OpenAPI 3.1 schemas are JSON Schema 2020-12.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { openStore, type Store } from '../../src/store/store.js';
import { buildTestApp } from '../support/app.js';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;

export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
  components?: { schemas?: Record<string, unknown> };
}

export interface CheckedResponse {
  method: string;
  url: string;
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

function templateRegex(template: string): RegExp {
  const parts = template.split(/(\{[^}]+\})/).map((part) => {
    if (part === '{*}') return '(.+)';
    if (/^\{[^}]+\}$/.test(part)) return '([^/]+)';
    return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('')}$`);
}

/** Static paths win over parametric ones, as in the router. */
export function matchPath(doc: OpenApiDocument, url: string): string | null {
  const path = url.split('?')[0]!;
  const candidates = Object.keys(doc.paths).filter((t) => templateRegex(t).test(path));
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0) || b.length - a.length);
  return candidates[0] ?? null;
}

export function createOpenApiValidator(doc: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: 'openapi' });

  /** Returns the problems with one response; an empty list means it matches its documented schema. */
  return function problemsOf(res: CheckedResponse): string[] {
    const template = matchPath(doc, res.url);
    if (!template) return [`${res.url}: no path in the OpenAPI document matches`];
    const method = res.method.toLowerCase();
    const operation = doc.paths[template]?.[method];
    if (!operation) return [`${method.toUpperCase()} ${template} is not documented`];
    const status = String(res.statusCode);
    const response = operation.responses?.[status] ?? operation.responses?.default;
    if (!response) return [`${method.toUpperCase()} ${template} does not document status ${status}`];
    // 204 No Content has no body to check; one that does carry a body is not a 204.
    if (res.statusCode === 204) return res.body === '' ? [] : [`${res.url} 204: has a body`];
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
    if (!response.content?.[type]?.schema)
      return [`${method.toUpperCase()} ${template} ${status} documents no ${type} body`];
    const pointer = [
      'paths',
      template,
      method,
      'responses',
      operation.responses?.[status] ? status : 'default',
      'content',
      type,
      'schema',
    ]
      .map(escapePointer)
      .join('/');
    const validate = ajv.getSchema(`openapi#/${pointer}`);
    if (!validate) return [`cannot compile the schema at ${pointer}`];
    if (validate(JSON.parse(res.body))) return [];
    return (validate.errors ?? []).map((e) => `${res.url} ${status}: ${e.instancePath || '(root)'} ${e.message}`);
  };
}

/** Fetches the live document from the app. */
export async function openApiValidatorFor(app: FastifyInstance) {
  const doc = (await app.inject('/api/openapi.json')).json() as OpenApiDocument;
  return { doc, problemsOf: createOpenApiValidator(doc) };
}

/** Injects a request, fails with the list of problems when the answer is not as documented, else returns it. */
export async function injectDocumented(
  app: FastifyInstance,
  problemsOf: (r: CheckedResponse) => string[],
  opts: { url: string; method?: 'GET' | 'HEAD'; headers?: Record<string, string> },
) {
  const method = opts.method ?? 'GET';
  const res = await app.inject({ method, url: opts.url, headers: opts.headers });
  const problems = problemsOf({
    method,
    url: opts.url,
    statusCode: res.statusCode,
    headers: res.headers,
    body: res.body,
  });
  if (problems.length > 0) throw new Error(`Response does not match the OpenAPI document:\n  ${problems.join('\n  ')}`);
  return res;
}

/**
 * The real app over an in-memory SQLite store filled by `seed`, for tests whose every answer must match the
 * app's own OpenAPI document. Call inside a `describe`: it registers its beforeAll/afterAll; read `app` and use
 * `get` from the returned object inside tests.
 */
export function documentedApp(opts: { seed: (store: Store) => Promise<void>; env?: Record<string, string> }) {
  const fixture = {
    app: undefined as unknown as FastifyInstance,
    get: (url: string) => injectDocumented(fixture.app, problemsOf, { url }),
  };
  let store: Store | undefined;
  let problemsOf: (r: CheckedResponse) => string[] = () => [];
  beforeAll(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    await opts.seed(store);
    ({ app: fixture.app } = await buildTestApp({ store, env: opts.env }));
    ({ problemsOf } = await openApiValidatorFor(fixture.app));
  });
  afterAll(async () => {
    await fixture.app?.close();
    await store?.close();
  });
  return fixture;
}
