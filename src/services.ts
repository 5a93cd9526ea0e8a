import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Logger, pino } from 'pino';
import { createSubmissionLookup } from './community/arxiv-lookup.js';
import type { SubmissionLookup } from './community/arxiv-lookup-queue.js';
import type { SubmissionCalendar } from './community/submissions.usecases.js';
import type { Config } from './config/config.js';
import { withPublicUrl } from './config/public-url.js';
import { demoSubmissionCalendar } from './demo/demo-clock.js';
import { providerIdOf, providerOptionsOf } from './embeddings/provider-options.js';
import { createQueryEmbedder, NO_MODEL_REASON, type QueryEmbedder } from './embeddings/query-embedder.js';
import { type MailMode, mailFileDirOf, mailModeOf } from './mail/mail-mode.js';
import { createFileMailer, createMailer, type Mailer } from './mail/mailer.js';
import { createMetrics, type Metrics } from './operations/metrics.js';
import { openSearchIndex, type SearchIndex } from './search/index.js';
import { openStore, type Store } from './store/store.js';

export interface Services {
  config: Config;
  logger: Logger;
  store: Store;
  /** Key for signing sessions and links: the configured one, or one generated once into the data directory. */
  secret: string;
  /** Outgoing mail (account mails, digests): SMTP, .eml files, or only the log (see mailMode). */
  mailer: Mailer;
  /** Which transport `mailer` is: pages say "we sent you a link" only when it is not `none`. */
  mailMode: MailMode;
  /** arXiv API lookups for paper submission (fails fast; see community/arxiv-lookup.ts). */
  arxivLookup: SubmissionLookup;
  /** The dates submission counts by: arXiv's, and the load day for the demo's unlisted papers (demo/demo-clock.ts). */
  submissionCalendar: SubmissionCalendar;
  /** The derived keyword/semantic search index (a local file; rebuildable from the store at any time). */
  search: SearchIndex;
  /** Query embeddings for semantic/hybrid search (loads the model on first use; keyword-only when none is configured). */
  embeddings: QueryEmbedder;
  /** This process's Prometheus metrics (served on /metrics, see docs/operations.md). */
  metrics: Metrics;
  close(): Promise<void>;
}

export function createLogger(config: Config, destination: 'stdout' | 'stderr' = 'stderr'): Logger {
  return pino({ level: config.log.level }, pino.destination(destination === 'stdout' ? 1 : 2));
}

/** Wires the whole application once; the CLI, the server and the tests all build the same set. */
export async function buildServices(opts: {
  config: Config;
  logger?: Logger;
  store?: Store;
  migrate?: boolean;
  mailer?: Mailer;
  /** Defaults to <data>/search.db; tests pass ':memory:'. */
  searchIndexPath?: string;
}): Promise<Services> {
  const mailMode = mailModeOf(opts.config);
  // Everything below reads one resolved configuration: the public URL from the listen address when unset (see
  // config/public-url.ts), and no e-mail verification gate when the site sends no mail (nobody could pass it).
  const resolved = withPublicUrl(opts.config);
  const config: Config =
    mailMode === 'none' && resolved.community.requireVerifiedEmail
      ? { ...resolved, community: { ...resolved.community, requireVerifiedEmail: false } }
      : resolved;
  const logger = opts.logger ?? createLogger(config);
  const store =
    opts.store ??
    (await openStore({
      databaseUrl: config.database.url,
      dataDir: config.data,
      migrate: opts.migrate ?? true,
      trending: config.trending,
    }));
  const mailer =
    opts.mailer ??
    (mailMode === 'file'
      ? createFileMailer({ dir: mailFileDirOf(config), from: config.mail.from, logger })
      : createMailer({ smtpUrl: mailMode === 'smtp' ? config.mail.smtpUrl : '', from: config.mail.from, logger }));
  const embedderOptions = providerOptionsOf(config);
  if (!embedderOptions && config.search.defaultMode !== 'keyword') {
    logger.warn(`search.defaultMode is ${config.search.defaultMode} but ${NO_MODEL_REASON}`);
  }
  const search = openSearchIndex({
    path: opts.searchIndexPath ?? path.join(config.data, 'search.db'),
    vectors: {
      model: embedderOptions ? providerIdOf(embedderOptions) : null,
      index: config.search.vectorIndex,
      hnswMinVectors: config.search.hnswMinVectors,
    },
    fusion: { method: config.search.fusion, semanticWeight: config.search.semanticWeight },
    rerank: {
      mode: config.search.rerank,
      modelFile: config.search.rerankModel || undefined,
      warn: (message) => logger.warn(message),
    },
    warn: (message) => logger.warn(message),
  });
  const embeddings = createQueryEmbedder({ options: embedderOptions, logger });
  const metrics = createMetrics({ store, search });
  return {
    config,
    logger,
    store,
    secret: config.secret || loadOrCreateSecret(config.data),
    mailer,
    mailMode,
    arxivLookup: createSubmissionLookup(config, { onAttempt: metrics.arxivAttempts('submission') }),
    submissionCalendar: demoSubmissionCalendar(store),
    search,
    embeddings,
    metrics,
    close: async () => {
      mailer.close();
      await embeddings.close();
      search.close();
      await store.close();
    },
  };
}

function loadOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
