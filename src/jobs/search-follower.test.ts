import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/support/app.js';
import { seedListed } from '../../test/support/seed.js';
import { storeFactories } from '../../test/support/stores.js';
import {
  type FakeEmbeddingsServer,
  startFakeEmbeddingsServer,
} from '../embeddings/fake-embeddings-server.test-utils.js';
import type { Services } from '../services.js';
import type { Store } from '../store/store.js';
import { embedPendingPapers } from './embed.usecases.js';
import { startSearchFollower } from './search-follower.js';

const PAPERS = [
  { arxivId: '2405.30001', title: 'Cars that drive themselves', abstract: 'Autonomous cars on city roads.' },
  { arxivId: '2405.30002', title: 'Enzyme kinetics at scale', abstract: 'Catalysis rates of enzymes.' },
  { arxivId: '2405.30003', title: 'Vehicle routing heuristics', abstract: 'Routing delivery vehicles.' },
];

// Two app processes on one store: each has its own search index (here in memory), as on separate hosts.
describe.each(storeFactories)('vectors shared by several app processes on $dialect', (factory) => {
  let store: Store;
  let server: FakeEmbeddingsServer;
  let processes: Array<{ app: FastifyInstance; services: Services }>;
  const model = () => processes[0]!.services.search.semanticModel!;
  const semanticIds = async (app: FastifyInstance) =>
    (
      await app.inject({
        url: '/api/v1/search?q=motorcar&mode=semantic&limit=2',
        headers: { accept: 'application/json' },
      })
    )
      .json()
      .items.map((i: { paper: { id: string } }) => i.paper.id)
      .sort();

  beforeEach(async (ctx) => {
    server = await startFakeEmbeddingsServer();
    store = await factory.open(ctx.task.name);
    await seedListed(
      store,
      PAPERS.map((paper) => ({ day: '2024-05-01', paper })),
    );
    const env = {
      DAILYPAPERS_EMBEDDINGS_PROVIDER: 'http',
      DAILYPAPERS_EMBEDDINGS_HTTP_URL: server.baseUrl,
      DAILYPAPERS_EMBEDDINGS_HTTP_MODEL: 'toy',
    };
    processes = [await buildTestApp({ store, env }), await buildTestApp({ store, env })];
  });
  afterEach(async () => {
    for (const p of processes) await p.app.close();
    await store.close();
    await server.close();
  });

  it('one process embeds; the other process’s follower copies the vectors from the store', async () => {
    const [a, b] = processes as [(typeof processes)[0], (typeof processes)[0]];
    const run = await embedPendingPapers({ config: a.services.config, index: a.services.search, store });
    expect(run).toMatchObject({ embedded: 3, copied: 0 });
    expect(await store.vectors.count(model())).toBe(3);
    expect(b.services.search.embeddingStatus({ model: model() })).toEqual({ embedded: 0, total: 3 });

    const follower = startSearchFollower({
      store,
      index: b.services.search,
      logger: pino({ level: 'silent' }),
      intervalMs: 60_000,
    });
    await follower.catchUp();
    await follower.stop();
    expect(b.services.search.embeddingStatus({ model: model() })).toEqual({ embedded: 3, total: 3 });
    expect(await semanticIds(b.app)).toEqual(['2405.30001', '2405.30003']);
    expect(await semanticIds(b.app)).toEqual(await semanticIds(a.app));
  });

  it('a second embedding run elsewhere copies what the store has instead of embedding it again', async () => {
    const [a, b] = processes as [(typeof processes)[0], (typeof processes)[0]];
    await embedPendingPapers({ config: a.services.config, index: a.services.search, store });
    const requests = server.requests.length;
    const run = await embedPendingPapers({ config: b.services.config, index: b.services.search, store });
    expect(run).toMatchObject({ embedded: 0, copied: 3 });
    expect(server.requests.length).toBe(requests);
    expect(b.services.search.embeddingStatus({ model: model() })).toEqual({ embedded: 3, total: 3 });
  });
});
