import { Cron } from 'croner';
import { z } from 'zod';

// One config tree. Every leaf has a doc line, a schema, a default and an environment name derived from its
// path (`arxiv.oaiUrl` → DAILYPAPERS_ARXIV_OAI_URL); a few well-known names (PORT, DATABASE_URL) are aliases.

export interface Setting<T> {
  doc: string;
  schema: z.ZodType<T>;
  default: T;
  /** Redacted by `config show`; may also be read from `<ENV>_FILE`. */
  secret?: boolean;
  /** Extra environment names, checked after the canonical one. */
  aliases?: string[];
  /**
   * An empty environment variable is this setting's value (`DAILYPAPERS_JOBS_HARVEST_CRON=` disables the job)
   * rather than "not set" (which falls back to the config file and the default).
   */
  emptyIsValue?: boolean;
}

function setting<S extends z.ZodType>(s: Omit<Setting<z.output<S>>, 'schema'> & { schema: S }): Setting<z.output<S>> {
  return s as Setting<z.output<S>>;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
/** A comma-separated list in the environment, a JSON array in the config file. */
function commaList(item: z.ZodString) {
  return z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );
}
const csv = commaList(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must be arXiv category names like cs.CL'));
/** A cron expression (UTC), or empty to disable; checked at start-up so a typo names its setting. */
function cronSetting(doc: string, defaultValue: string): Setting<string> {
  const schema = z
    .string()
    .trim()
    .refine(
      (expr) => expr === '' || isCron(expr),
      'must be a cron expression such as "30 3 * * *", or empty to disable',
    );
  return { doc, schema, default: defaultValue, emptyIsValue: true };
}

function isCron(expr: string): boolean {
  try {
    new Cron(expr, { paused: true, timezone: 'UTC' }).stop();
    return true;
  } catch {
    return false;
  }
}

const bool = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  return v;
}, z.boolean());

export const settings = {
  data: setting({
    doc: 'Data directory: the SQLite database, the search index and checkpoints live here.',
    schema: z.string().min(1),
    default: './data',
  }),
  database: {
    url: setting({
      doc: 'PostgreSQL connection URL (postgres://…). Empty means embedded SQLite in the data directory.',
      schema: z.string().refine((u) => u === '' || /^postgres(ql)?:\/\//.test(u), 'must be empty or a postgres:// URL'),
      default: '',
      secret: true,
      aliases: ['DATABASE_URL'],
    }),
    storeCacheMb: setting({
      doc: "SQLite page cache of the store's connection, in MiB (SQLite only). Hot pages beyond it come from the OS's file cache; see docs/operations.md (memory).",
      schema: z.coerce.number().int().min(1).max(4096),
      default: 8,
    }),
    searchIndexCacheMb: setting({
      doc: "SQLite page cache of this process's search index (search.db), in MiB. See docs/operations.md (memory).",
      schema: z.coerce.number().int().min(1).max(4096),
      default: 16,
    }),
  },
  server: {
    port: setting({ doc: 'HTTP port.', schema: port, default: 3000, aliases: ['PORT'] }),
    host: setting({
      doc: 'Interface to listen on.',
      schema: z.string().min(1),
      default: '127.0.0.1',
      aliases: ['HOST'],
    }),
    publicUrl: setting({
      doc: 'Public base URL of the site, used in mails, feeds, canonical links and the API. Empty: the address `serve` listens on (http://localhost:PORT for loopback and wildcard interfaces, else http://HOST:PORT).',
      schema: z.union([z.literal(''), httpUrl]),
      default: '',
    }),
    trustProxy: setting({ doc: 'Trust X-Forwarded-* headers (behind a reverse proxy).', schema: bool, default: false }),
    headersTimeoutSeconds: setting({
      doc: 'Longest time a client may take to send the request line and headers; slower ones get 408 and are disconnected (slowloris).',
      schema: z.coerce.number().min(0.1).max(3600),
      default: 10,
    }),
    requestTimeoutSeconds: setting({
      doc: 'Longest time a client may take to send a whole request, body included; slower ones get 408 and are disconnected.',
      schema: z.coerce.number().min(0.1).max(3600),
      default: 30,
    }),
    keepAliveTimeoutSeconds: setting({
      doc: 'How long an idle keep-alive connection stays open between requests. Behind a proxy, make it longer than the proxy idle timeout (e.g. 65 behind a 60 s load balancer).',
      schema: z.coerce.number().min(0.1).max(3600),
      default: 10,
    }),
    idleTimeoutSeconds: setting({
      doc: 'A connection on which nothing at all is sent or received for this long is closed (a backstop; requests and answers are bounded by the other timeouts).',
      schema: z.coerce.number().min(0.1).max(3600),
      default: 120,
    }),
    heapGrowthPercent: setting({
      doc: "How far `serve` lets V8's old generation grow past what survived the last full garbage collection before collecting again, in percent. 0: V8's own choice (up to 300 % on a machine with 2 GiB or more, so a server holding 70 MiB of live objects could sit at 280 MiB of heap). See docs/operations.md (memory).",
      schema: z.coerce.number().int().min(0).max(1000),
      default: 50,
    }),
  },
  secret: setting({
    doc: 'Secret key for signing sessions and links (at least 32 characters). Generated into the data directory when empty.',
    schema: z.string().refine((s) => s === '' || s.length >= 32, 'must be at least 32 characters'),
    default: '',
    secret: true,
  }),
  log: {
    level: setting({
      doc: 'Log level.',
      schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
      default: 'info',
    }),
  },
  shutdown: {
    timeoutSeconds: setting({
      doc: 'On SIGTERM or SIGINT, `serve` stops accepting connections and waits this long for in-flight requests and the running job batch; past it, it exits with 1.',
      schema: z.coerce.number().int().min(1).max(3600),
      default: 30,
    }),
  },
  readiness: {
    maxIndexLag: setting({
      doc: "/readyz answers 503 while this process's search index is more than this many store changes behind (0: never).",
      schema: z.coerce.number().int().min(0),
      default: 10_000,
    }),
  },
  metrics: {
    token: setting({
      doc: 'Bearer token that opens GET /metrics (Prometheus) on the public port. Empty: /metrics is not served there.',
      schema: z.string().refine((s) => s === '' || s.length >= 16, 'must be empty or at least 16 characters'),
      default: '',
      secret: true,
    }),
    port: setting({
      doc: 'Port of a separate listener for /metrics, /healthz and /readyz, without a token (also in worker mode). Empty: none.',
      schema: z.preprocess((v) => (v === '' ? null : v), port.nullable()),
      default: null,
    }),
    host: setting({
      doc: 'Interface of the metrics listener; keep it on loopback or a private network.',
      schema: z.string().min(1),
      default: '127.0.0.1',
    }),
  },
  demo: {
    load: setting({
      doc: 'Load the bundled demo dataset when the database is empty on `serve`.',
      schema: bool,
      default: true,
    }),
  },
  import: {
    batchSize: setting({ doc: 'Papers per transaction during snapshot import.', schema: positiveInt, default: 10_000 }),
  },
  arxiv: {
    oaiUrl: setting({ doc: 'arXiv OAI-PMH endpoint.', schema: httpUrl, default: 'https://oaipmh.arxiv.org/oai' }),
    apiUrl: setting({
      doc: 'arXiv API query endpoint.',
      schema: httpUrl,
      default: 'https://export.arxiv.org/api/query',
    }),
    listingUrl: setting({
      doc: 'arXiv new-submission RSS base URL.',
      schema: httpUrl,
      default: 'https://rss.arxiv.org/rss',
    }),
    requestDelaySeconds: setting({
      doc: 'Polite delay between requests to arXiv, in seconds (arXiv asks for at least 1; default 3).',
      schema: z.coerce.number().min(1, 'must be at least 1 second (arXiv rate policy)'),
      default: 3,
    }),
    timeoutSeconds: setting({ doc: 'Timeout of one request to arXiv, in seconds.', schema: positiveInt, default: 60 }),
    lookupMaxWaitSeconds: setting({
      doc: 'Submissions: longest a reader waits for their turn in the arXiv lookup queue; beyond it they are told at once to try again in N s (503 with Retry-After). Each reader has at most one lookup queued.',
      schema: z.coerce.number().min(0).max(600),
      default: 10,
    }),
    contact: setting({
      doc: "Operator's contact e-mail, sent in the User-Agent as arXiv asks of harvesters (falls back to server.publicUrl).",
      schema: z.string(),
      default: '',
    }),
    oaiSets: setting({
      doc: 'OAI-PMH sets the harvester walks (comma-separated), e.g. cs,stat or physics:hep-th. Empty harvests everything.',
      schema: commaList(
        z.string().regex(/^[a-z-]+(:[a-z-]+(:[A-Z-]+)?)?$/i, 'must be OAI set specs like cs or physics:hep-th'),
      ),
      default: ['cs'],
    }),
    oaiFormat: setting({
      doc: 'OAI-PMH metadata format: arXivRaw carries the full version history, arXiv structured affiliations.',
      schema: z.enum(['arXivRaw', 'arXiv']),
      default: 'arXivRaw',
    }),
  },
  listing: {
    categories: setting({
      doc: 'arXiv categories this site follows (comma-separated), e.g. cs.CL,cs.LG.',
      schema: csv,
      default: ['cs.CL', 'cs.LG', 'cs.AI', 'cs.CV'],
    }),
    mode: setting({
      doc: '`curated`: new submissions are only stored and the community lists them; `auto`: they are listed on the day they appear.',
      schema: z.enum(['curated', 'auto']),
      default: 'curated',
    }),
    autoCategories: setting({
      doc: 'With mode=auto, only new submissions in these categories are listed automatically (empty: all followed categories).',
      schema: csv,
      default: [],
    }),
  },
  trending: {
    halfLifeHours: setting({
      doc: "Trending: a listing's score (upvotes + 1) halves every this many hours (see /about/trending).",
      schema: z.coerce
        .number()
        .min(1)
        .max(24 * 365),
      default: 24,
    }),
    windowDays: setting({
      doc: 'Trending: how many days of listings /trending considers.',
      schema: positiveInt,
      default: 7,
    }),
  },
  jobs: {
    harvestCron: cronSetting(
      'When the OAI-PMH harvest runs (cron, UTC; empty disables). arXiv announces new papers around 00:00–01:00 UTC on weekdays.',
      '30 3 * * *',
    ),
    listingCron: cronSetting(
      'When the new-submission listings are polled (cron, UTC; empty disables).',
      '15 1 * * 1-5',
    ),
    digestCron: cronSetting(
      'When due e-mail digests are built and the outbox is drained (cron, UTC; empty disables). Each subscriber still gets mail only at their own hour.',
      '*/10 * * * *',
    ),
    notificationMailCron: cronSetting(
      'When waiting notifications are batched into e-mails and sent (cron, UTC; empty disables). Each user still gets at most one notification mail per hour.',
      '*/10 * * * *',
    ),
    notificationFanOutCron: cronSetting(
      'When new versions, withdrawals and new papers by followed authors are turned into notifications (cron, UTC; empty disables). The harvest and listings jobs also do it as soon as they finish.',
      '*/15 * * * *',
    ),
    notificationPruneCron: cronSetting(
      'When old notifications are pruned (cron, UTC; empty disables): read ones after 90 days, unread ones after a year, beyond 500 per user.',
      '40 4 * * *',
    ),
  },
  pages: {
    pageSize: setting({
      doc: 'Papers per page on daily views and author pages.',
      schema: z.coerce.number().int().min(1).max(200),
      default: 30,
    }),
  },
  mail: {
    transport: setting({
      doc: 'How mail leaves the site: smtp (mail.smtpUrl), file (each mail written as an .eml file to mail.fileDir, delivered to nobody), none (no mail: accounts work unconfirmed, digests and alerts are off) or auto (smtp when mail.smtpUrl is set, else none).',
      schema: z.enum(['auto', 'smtp', 'file', 'none']),
      default: 'auto',
    }),
    fileDir: setting({
      doc: 'With mail.transport=file, the folder the .eml files are written to. Empty means <data>/mail.',
      schema: z.string(),
      default: '',
    }),
    smtpUrl: setting({
      doc: 'SMTP server for outgoing mail (smtp://user:pass@host:587 or smtps://…). Empty (with mail.transport=auto) means the site sends no mail.',
      schema: z
        .string()
        .refine((u) => u === '' || /^smtps?:\/\//.test(u), 'must be empty or an smtp:// or smtps:// URL'),
      default: '',
      secret: true,
    }),
    from: setting({
      doc: 'Sender of outgoing mail.',
      schema: z.string().min(3),
      default: 'dailypapers <no-reply@localhost>',
    }),
  },
  community: {
    signupOpen: setting({
      doc: 'Let visitors create accounts (admins are created with `dailypapers user create`).',
      schema: bool,
      default: true,
    }),
    requireVerifiedEmail: setting({
      doc: 'Only accounts with a verified e-mail address may submit, vote, comment, create collections or claim authorship.',
      schema: bool,
      default: true,
    }),
    maxPaperAgeDays: setting({
      doc: 'Submissions: refuse papers whose first arXiv version is older than this many days (0: no limit).',
      schema: z.coerce.number().int().min(0),
      default: 30,
    }),
    submissionsPerDay: setting({
      doc: 'Submissions: papers one user may submit per UTC day (0: no limit).',
      schema: z.coerce.number().int().min(0),
      default: 10,
    }),
    commentMaxChars: setting({
      doc: 'Longest comment, in characters.',
      schema: z.coerce.number().int().min(10).max(100_000),
      default: 10_000,
    }),
    sessionDays: setting({
      doc: 'A sign-in lasts this many days (renewed while in use).',
      schema: positiveInt,
      default: 30,
    }),
    linkHours: setting({
      doc: 'E-mail verification and password-reset links expire after this many hours.',
      schema: positiveInt,
      default: 24,
    }),
  },
  rateLimit: {
    enabled: setting({
      doc: 'Rate-limit sign-in, sign-up, submissions, votes and comments (per user and per IP).',
      schema: bool,
      default: true,
    }),
    loginFailuresPerAccount: setting({
      doc: 'Failed sign-ins in a row an account may have (whatever identifier was typed) before each further attempt must wait; the wait doubles with every failure. A success clears them.',
      schema: positiveInt,
      default: 5,
    }),
    loginFailuresPerIp: setting({
      doc: 'Failed sign-ins in a row from one IP address before each further attempt must wait (the wait doubles with every failure).',
      schema: positiveInt,
      default: 20,
    }),
    loginMaxDelaySeconds: setting({
      doc: 'Longest wait between sign-in attempts after repeated failures, in seconds: an attacker can hold an account back at most this long after his last try.',
      schema: z.coerce.number().int().min(1).max(86_400),
      default: 300,
    }),
    accountMailsPerIp: setting({
      doc: 'Sign-ups, password-reset and verification mails per IP address per hour.',
      schema: positiveInt,
      default: 10,
    }),
    submissionsPerHour: setting({
      doc: 'Submissions per user per hour (twice this per IP address).',
      schema: positiveInt,
      default: 20,
    }),
    votesPerMinute: setting({
      doc: 'Votes per user per minute (twice this per IP address).',
      schema: positiveInt,
      default: 60,
    }),
    commentsPerMinute: setting({
      doc: 'Comments and edits per user per minute (twice this per IP address).',
      schema: positiveInt,
      default: 6,
    }),
  },
  http: {
    publicMaxAgeSeconds: setting({
      doc: 'Cache-Control max-age of public reads (JSON API, feeds, Markdown), in seconds; 0 makes caches revalidate every time.',
      schema: z.coerce.number().int().min(0).max(86_400),
      default: 60,
    }),
    pageCacheMb: setting({
      doc: 'Most memory the page cache of anonymous pages holds (bodies and their brotli/gzip copies), in MiB; least recently used pages go first.',
      schema: z.coerce.number().int().min(1).max(4096),
      default: 16,
    }),
    pageVersionMaxAgeMs: setting({
      doc: "How long the page cache reuses a read of the store's change sequence, in ms: a write by another process shows on cached pages within this time (one by this process on its next request); 0 reads it for every request.",
      schema: z.coerce.number().int().min(0).max(10_000),
      default: 20,
    }),
  },
  feeds: {
    maxItems: setting({
      doc: 'Most items in one RSS/Atom feed.',
      schema: z.coerce.number().int().min(1).max(500),
      default: 50,
    }),
  },
  api: {
    tokensPerUser: setting({
      doc: 'Most unrevoked personal API tokens one account may have.',
      schema: z.coerce.number().int().min(1).max(1000),
      default: 20,
    }),
    requestsPerMinutePerIp: setting({
      doc: 'Requests to /api/ per IP address per minute without an API token (off with rateLimit.enabled=false).',
      schema: positiveInt,
      default: 300,
    }),
    requestsPerMinutePerToken: setting({
      doc: 'Requests to /api/ per API token per minute, wherever they come from (off with rateLimit.enabled=false).',
      schema: positiveInt,
      default: 1000,
    }),
  },
  digest: {
    sendHour: setting({
      doc: "Digests: default local hour (0–23) at which a new subscriber's digest goes out; each subscriber may choose another.",
      schema: z.coerce.number().int().min(0).max(23),
      default: 7,
    }),
    timezone: setting({
      doc: 'Digests: default time zone of new subscribers (IANA name, e.g. Europe/Paris).',
      schema: z.string().refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Paris'),
      default: 'UTC',
    }),
    settleHours: setting({
      doc: "Digests: hours after a UTC day ends before its daily digest may go out, so that the day's votes settle.",
      schema: z.coerce.number().min(0).max(48),
      default: 6,
    }),
    maxPapers: setting({
      doc: 'Digests: default number of top papers in a digest (subscribers choose 1–50).',
      schema: z.coerce.number().int().min(1).max(50),
      default: 10,
    }),
    sentRecordDays: setting({
      doc: 'Digests: days the record of which papers each subscriber was sent is kept (it keeps those papers out of later digests, which only draw on recent papers).',
      schema: z.coerce.number().int().min(30),
      default: 180,
    }),
    confirmHours: setting({
      doc: 'Digests: the subscription confirmation link expires after this many hours.',
      schema: positiveInt,
      default: 48,
    }),
    maxAttempts: setting({
      doc: 'Digests: delivery attempts of one digest before it is recorded as failed (temporary SMTP errors only; 5xx fail at once).',
      schema: z.coerce.number().int().min(1).max(50),
      default: 6,
    }),
    retryBaseSeconds: setting({
      doc: 'Digests: wait before the first retry; each further retry waits four times longer (capped at 6 hours).',
      schema: z.coerce.number().min(0),
      default: 120,
    }),
    sendingTimeoutSeconds: setting({
      doc: 'Digests: a message still marked "sending" this long after it was claimed is treated as interrupted and sent again.',
      schema: z.coerce.number().min(0),
      default: 600,
    }),
    concurrency: setting({
      doc: 'Digests: messages in flight at once (pooled SMTP connections). A crash can resend at most this many messages.',
      schema: z.coerce.number().int().min(1).max(32),
      default: 1,
    }),
    ratePerSecond: setting({
      doc: 'Digests: most messages handed to the SMTP server per second (0: no limit).',
      schema: z.coerce.number().int().min(0),
      default: 10,
    }),
    smtpTimeoutSeconds: setting({
      doc: 'Digests: SMTP connection, greeting and socket timeout, in seconds.',
      schema: z.coerce.number().min(0.1).max(600),
      default: 60,
    }),
    recommendationsActiveDays: setting({
      doc: 'Recommendations: only users who upvoted, collected or clicked within this many days get their model retrained.',
      schema: positiveInt,
      default: 30,
    }),
  },
  search: {
    pageSize: setting({
      doc: 'Results per page on the search page (the JSON API takes `limit` instead).',
      schema: z.coerce.number().int().min(1).max(100),
      default: 20,
    }),
    defaultMode: setting({
      doc: 'Search mode when a query does not choose one: keyword (BM25), semantic (embeddings) or hybrid (both, fused). Semantic and hybrid fall back to keyword while no embedding model is configured. See docs/search.md for the measurements behind the default.',
      schema: z.enum(['keyword', 'semantic', 'hybrid']),
      default: 'keyword',
    }),
    fusion: setting({
      doc: 'How hybrid mode combines keyword and semantic rankings: rrf (reciprocal-rank fusion) or linear (weighted sum of min-max normalised scores).',
      schema: z.enum(['rrf', 'linear']),
      default: 'rrf',
    }),
    semanticWeight: setting({
      doc: 'Hybrid mode: weight of the semantic ranking (keyword has weight 1 in rrf, 1 − w in linear, where w must be ≤ 1). Tune with `dailypapers eval --split train`.',
      schema: z.coerce.number().min(0).max(10),
      default: 1,
    }),
    vectorIndex: setting({
      doc: 'Nearest-neighbour search over paper vectors: exact (sqlite-vec scan, any size, ~85 ms per 100k papers here), hnsw (usearch graph, ~1 ms at 1M papers, approximate) or auto (hnsw from search.hnswMinVectors on).',
      schema: z.enum(['auto', 'exact', 'hnsw']),
      default: 'auto',
    }),
    hnswMinVectors: setting({
      doc: 'With search.vectorIndex=auto, the number of vectors from which the HNSW index is used instead of an exact scan.',
      schema: positiveInt,
      default: 20_000,
    }),
    rerank: setting({
      doc: 'Second stage of keyword relevance ranking over the first 100 BM25 candidates: off, prf (RM3 pseudo-relevance feedback) or model (the learned reranker shipped in ranking/reranker.json). See docs/search.md for the measurements behind the default.',
      schema: z.enum(['off', 'prf', 'model']),
      default: 'off',
    }),
    rerankModel: setting({
      doc: 'Reranker model file for search.rerank=model; empty means the shipped ranking/reranker.json. A missing or malformed file is logged once and ranking stays BM25.',
      schema: z.string(),
      default: '',
    }),
  },
  embeddings: {
    provider: setting({
      doc: 'Where paper and query embeddings come from: none (keyword search only), onnx (a local model, see `dailypapers models`) or http (an OpenAI-compatible /embeddings endpoint).',
      schema: z.enum(['none', 'onnx', 'http']),
      default: 'none',
    }),
    model: setting({
      doc: 'onnx provider: installed model name (bge-small-en-v1.5, all-MiniLM-L6-v2, or a copied folder with a manifest).',
      schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a model folder name'),
      default: 'bge-small-en-v1.5',
    }),
    modelsDir: setting({
      doc: 'onnx provider: folder holding installed models. Empty means <data>/models.',
      schema: z.string(),
      default: '',
    }),
    hubUrl: setting({
      doc: '`models pull` downloads from this Hugging Face–compatible hub (a mirror works too).',
      schema: httpUrl,
      default: 'https://huggingface.co',
    }),
    threads: setting({
      doc: 'onnx provider: onnxruntime threads per model instance (0: all cores).',
      schema: z.coerce.number().int().min(0).max(256),
      default: 0,
    }),
    httpUrl: setting({
      doc: 'http provider: base URL before /embeddings, e.g. http://127.0.0.1:11434/v1 (Ollama) or https://api.openai.com/v1.',
      schema: z.string().refine((u) => u === '' || /^https?:\/\//.test(u), 'must be empty or an http(s) URL'),
      default: '',
    }),
    httpModel: setting({
      doc: 'http provider: model name sent with each request, e.g. nomic-embed-text or text-embedding-3-small.',
      schema: z.string(),
      default: '',
    }),
    httpApiKey: setting({
      doc: 'http provider: bearer token, if the endpoint needs one.',
      schema: z.string(),
      default: '',
      secret: true,
    }),
    queryPrefix: setting({
      doc: 'http provider: text put before every query (instruction-tuned models such as e5 or bge want one).',
      schema: z.string(),
      default: '',
    }),
    batchSize: setting({
      doc: 'Papers embedded per batch by the embedding job (each batch is committed on its own, so a killed job resumes after it).',
      schema: z.coerce.number().int().min(1).max(1024),
      default: 64,
    }),
    workers: setting({
      doc: 'Embedding job: worker threads computing embeddings (each loads its own model instance).',
      schema: z.coerce.number().int().min(1).max(16),
      default: 1,
    }),
    cron: cronSetting(
      'When the embedding job embeds papers that have no vector yet (cron, UTC; empty disables; only with a provider).',
      '*/5 * * * *',
    ),
  },
  keywords: {
    cron: cronSetting(
      'When the keywords job extracts keywords of new and edited papers from their title and abstract (cron, UTC; empty disables). Needs no model.',
      '*/10 * * * *',
    ),
  },
  summaries: {
    provider: setting({
      doc: 'Where one-sentence paper summaries come from: none (no summaries) or http (an OpenAI-compatible /chat/completions endpoint).',
      schema: z.enum(['none', 'http']),
      default: 'none',
    }),
    httpUrl: setting({
      doc: 'http provider: base URL before /chat/completions, e.g. http://127.0.0.1:11434/v1 (Ollama) or https://api.openai.com/v1.',
      schema: z.string().refine((u) => u === '' || /^https?:\/\//.test(u), 'must be empty or an http(s) URL'),
      default: '',
    }),
    httpModel: setting({
      doc: 'http provider: chat model name sent with each request, e.g. qwen2.5:7b-instruct or gpt-4o-mini.',
      schema: z.string(),
      default: '',
    }),
    httpApiKey: setting({
      doc: 'http provider: bearer token, if the endpoint needs one.',
      schema: z.string(),
      default: '',
      secret: true,
    }),
    timeoutSeconds: setting({
      doc: 'http provider: longest wait for one answer before the request counts as failed (and is retried).',
      schema: z.coerce.number().int().min(1).max(600),
      default: 60,
    }),
    requestsPerMinute: setting({
      doc: 'Summary job: most requests a minute to the endpoint (retries included), so a shared or paid endpoint is not flooded.',
      schema: z.coerce.number().int().min(1).max(10_000),
      default: 30,
    }),
    maxPerRun: setting({
      doc: 'Summary job: most papers summarised in one run; the next run continues where it stopped.',
      schema: z.coerce.number().int().min(1).max(100_000),
      default: 500,
    }),
    cron: cronSetting(
      'When the summary job summarises papers that have no summary of their current abstract (cron, UTC; empty disables; only with a provider).',
      '*/15 * * * *',
    ),
  },
};

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export type SettingsTree = typeof settings;
