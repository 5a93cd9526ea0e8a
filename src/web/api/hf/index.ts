// Hugging Face–compatible endpoints: tools written for huggingface.co/api/daily_papers and /api/papers/{id}
// work when pointed at this site. /api/papers/search is a static path, so it wins over /api/papers/*.
import type { FastifyInstance } from 'fastify';
import type { SearchIndex } from '../../../search/index.js';
import type { Store } from '../../../store/store.js';
import { hfDailyPapersRoutes } from './daily-papers.routes.js';
import { hfPapersRoutes } from './hf-papers.routes.js';
import { hfSearchRoutes } from './hf-search.routes.js';

export { hfSchemas } from './hf.schemas.js';

export async function hfRoutes(app: FastifyInstance, opts: { store: Store; search: SearchIndex; origin: string }) {
  await app.register(hfDailyPapersRoutes, opts);
  await app.register(hfPapersRoutes, opts);
  await app.register(hfSearchRoutes, opts);
}
export { hfWriteRoutes } from './hf-writes.routes.js';
