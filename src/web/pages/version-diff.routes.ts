// GET /papers/{id}/diff?from=v1&to=v2: the word diff of title and abstract between two versions whose text is known
// (papers/versions.usecases.ts). A refusal (bad label, no such version, a text never seen) is the site's error page.
import type { FastifyInstance } from 'fastify';
import { versionInvalid } from '../../papers/versions.errors.js';
import { type VersionDiffQuery, versionDiffQuerySchema } from '../../papers/versions.schemas.js';
import { getVersionComparison } from '../../papers/versions.usecases.js';
import type { Services } from '../../services.js';
import { pageChrome } from '../plugins/chrome.js';
import { validated } from '../validation.js';
import { versionDiffPage } from '../views/version-diff-page.js';
import { sendHtml } from './community-http.js';

export async function versionRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const options = validated(
    { querystring: versionDiffQuerySchema },
    { code: versionInvalid.code, extra: { hide: true } },
  );
  const show = async (
    idText: string,
    query: VersionDiffQuery,
    request: Parameters<typeof pageChrome>[0],
    reply: Parameters<typeof pageChrome>[1],
  ) => {
    const comparison = await getVersionComparison(services.store, { idText, ...query });
    const chrome = await pageChrome(request, reply, services);
    return sendHtml(reply, versionDiffPage({ chrome, comparison }));
  };
  app.get<{ Params: { id: string }; Querystring: VersionDiffQuery }>('/papers/:id/diff', options, (request, reply) =>
    show(request.params.id, request.query, request, reply),
  );
  // Old-style ids ("hep-th/9901001") span two path segments.
  app.get<{ Params: { archive: string; num: string }; Querystring: VersionDiffQuery }>(
    '/papers/:archive/:num/diff',
    options,
    (request, reply) => show(`${request.params.archive}/${request.params.num}`, request.query, request, reply),
  );
}
