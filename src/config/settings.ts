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
}

function setting<S extends z.ZodType>(s: Omit<Setting<z.output<S>>, 'schema'> & { schema: S }): Setting<z.output<S>> {
  return s as Setting<z.output<S>>;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');
const csv = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : v,
  z.array(z.string().regex(/^[a-z-]+(\.[A-Za-z-]+)?$/, 'must be arXiv category names like cs.CL')),
);
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
  },
  server: {
    port: setting({ doc: 'HTTP port.', schema: port, default: 3000, aliases: ['PORT'] }),
    host: setting({ doc: 'Interface to listen on.', schema: z.string().min(1), default: '127.0.0.1', aliases: ['HOST'] }),
    publicUrl: setting({
      doc: 'Public base URL of the site, used in feeds, mails and API links.',
      schema: httpUrl,
      default: 'http://localhost:3000',
    }),
    trustProxy: setting({ doc: 'Trust X-Forwarded-* headers (behind a reverse proxy).', schema: bool, default: false }),
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
  demo: {
    load: setting({
      doc: 'Load the bundled demo dataset when the database is empty on `serve`.',
      schema: bool,
      default: true,
    }),
  },
  import: {
    batchSize: setting({ doc: 'Papers per transaction during snapshot import.', schema: positiveInt, default: 2000 }),
  },
  arxiv: {
    oaiUrl: setting({ doc: 'arXiv OAI-PMH endpoint.', schema: httpUrl, default: 'https://oaipmh.arxiv.org/oai' }),
    apiUrl: setting({ doc: 'arXiv API query endpoint.', schema: httpUrl, default: 'https://export.arxiv.org/api/query' }),
    listingUrl: setting({ doc: 'arXiv new-submission RSS base URL.', schema: httpUrl, default: 'https://rss.arxiv.org/rss' }),
    requestDelaySeconds: setting({
      doc: 'Polite delay between requests to arXiv, in seconds (arXiv asks for at least 1; default 3).',
      schema: z.coerce.number().min(1, 'must be at least 1 second (arXiv rate policy)'),
      default: 3,
    }),
    timeoutSeconds: setting({ doc: 'Timeout of one request to arXiv, in seconds.', schema: positiveInt, default: 60 }),
    contact: setting({
      doc: "Operator's contact e-mail, sent in the User-Agent as arXiv asks of harvesters (falls back to server.publicUrl).",
      schema: z.string(),
      default: '',
    }),
    oaiSets: setting({
      doc: 'OAI-PMH sets the harvester walks (comma-separated), e.g. cs,stat or physics:hep-th. Empty harvests everything.',
      schema: z.preprocess(
        (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
        z.array(z.string().regex(/^[a-z-]+(:[a-z-]+(:[A-Z-]+)?)?$/i, 'must be OAI set specs like cs or physics:hep-th')),
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
      doc: 'Trending: a listing\'s score (upvotes + 1) halves every this many hours (see /about/trending).',
      schema: z.coerce.number().min(1).max(24 * 365),
      default: 24,
    }),
    windowDays: setting({ doc: 'Trending: how many days of listings /trending considers.', schema: positiveInt, default: 7 }),
  },
  jobs: {
    harvestCron: setting({
      doc: 'When the OAI-PMH harvest runs (cron, UTC; empty disables). arXiv announces new papers around 00:00–01:00 UTC on weekdays.',
      schema: z.string(),
      default: '30 3 * * *',
    }),
    listingCron: setting({
      doc: 'When the new-submission listings are polled (cron, UTC; empty disables).',
      schema: z.string(),
      default: '15 1 * * 1-5',
    }),
  },
  pages: {
    pageSize: setting({ doc: 'Papers per page on daily views.', schema: z.coerce.number().int().min(1).max(200), default: 30 }),
  },
};

export type SettingsTree = typeof settings;
