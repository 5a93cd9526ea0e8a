// Hugging Face–compatible endpoints: tools written for huggingface.co/api/daily_papers and /api/papers/{id}
// work when pointed at this site. /api/papers/search is a static path, so it wins over /api/papers/*.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { hfDailyPapersRoutes } from './daily-papers.routes.js';
import { hfPapersRoutes } from './hf-papers.routes.js';
import { hfSearchRoutes } from './hf-search.routes.js';

export { hfSchemas } from './hf.schemas.js';

export async function hfRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { services, origin } = opts;
  await app.register(hfDailyPapersRoutes, { services, origin });
  await app.register(hfPapersRoutes, { services, origin });
  await app.register(hfSearchRoutes, { store: services.store, search: services.search, origin });
}
export { hfWriteRoutes } from './hf-writes.routes.js';
