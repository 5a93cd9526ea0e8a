// Keywords for a demo that was just loaded. They are weighed by the search index's document frequencies, which
// exist only once the follower has indexed the demo, and the `keywords` job's first cron run may be ten minutes
// away: a newcomer's first look would show cards without keywords. So, right after the first catch-up, the same
// use case the job runs is run once (the job's checkpoint then makes its next run a no-op).
import type { Logger } from 'pino';
import { refreshKeywords } from '../keywords/keywords.usecases.js';
import type { SearchIndex } from '../search/index.js';
import type { Store } from '../store/store.js';

export async function deriveDemoKeywords(opts: {
  store: Store;
  index: SearchIndex;
  catchUp: () => Promise<void>;
  logger: Logger;
}): Promise<void> {
  try {
    await opts.catchUp();
    const result = await refreshKeywords({ store: opts.store, index: opts.index });
    opts.logger.info({ papers: result.written }, 'demo keywords extracted');
  } catch (err) {
    // Not fatal: the keywords job retries on its schedule.
    opts.logger.warn({ err }, 'demo keywords not extracted; the keywords job will');
  }
}
