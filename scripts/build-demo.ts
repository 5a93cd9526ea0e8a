// Builds demo/arxiv-demo.jsonl.gz: about 4,400 real arXiv papers (metadata is CC0) in the snapshot JSON
// Lines format, so a fresh install can `import` something real. Sources, all in shared/data:
//   - arxiv-kaggle-sample: 200 Kaggle snapshot records, copied as they are;
//   - arxiv-db-metadata: arXiv's per-version rows, merged into one record per paper;
//   - arxiv-quantph-oaidc-processed: 2008 quant-ph id/title/abstract/date (no authors in the source).
// The output is byte-for-byte deterministic: fixed order, fixed gzip level, no timestamps.
//
//   npx tsx scripts/build-demo.ts

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';

type SnapshotRecord = Record<string, unknown> & { id: string };
type Row = Record<string, unknown>;

const DEFAULT_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
export const DEMO_PATH = fileURLToPath(new URL('../demo/arxiv-demo.jsonl.gz', import.meta.url));

export interface DemoBuild {
  gz: Buffer;
  counts: { kaggle: number; arxivDb: number; quantPh: number; total: number };
}

export function buildDemo(opts: { dataDir?: string } = {}): DemoBuild {
  const dataDir = opts.dataDir ?? DEFAULT_DATA;
  const read = (path: string) => readFileSync(resolve(dataDir, path), 'utf8');
  const records = new Map<string, SnapshotRecord>();
  const add = (list: SnapshotRecord[]) => {
    let added = 0;
    for (const record of list) {
      if (records.has(record.id)) continue;
      records.set(record.id, record);
      added++;
    }
    return added;
  };
  // Order of precedence when sources overlap: a real snapshot record beats one rebuilt from other data.
  const kaggle = add(jsonl(read('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl')) as SnapshotRecord[]);
  const arxivDb = add(
    fromArxivDb(
      jsonl(read('arxiv-db-metadata/arXiv_metadata.jsonl')),
      jsonl(read('arxiv-db-metadata/arXiv_document_category.jsonl')),
    ),
  );
  const quantPh = add(fromQuantPh(read('arxiv-quantph-oaidc-processed/arXiv-meta-2008.xml')));
  const ids = [...records.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const text = ids.map((id) => `${JSON.stringify(records.get(id))}\n`).join('');
  return { gz: gzipSync(text, { level: 9 }), counts: { kaggle, arxivDb, quantPh, total: ids.length } };
}

function jsonl(text: string): Row[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Row);
}

/** One snapshot record per paper from arXiv's per-version metadata rows. */
export function fromArxivDb(rows: Row[], categoryRows: Row[]): SnapshotRecord[] {
  const byPaper = new Map<string, Row[]>();
  for (const row of rows) {
    const id = String(row.paper_id);
    const list = byPaper.get(id) ?? [];
    list.push(row);
    byPaper.set(id, list);
  }
  const primaryOf = new Map(
    categoryRows.filter((c) => c.is_primary === 1).map((c) => [String(c.paper_id), String(c.category)]),
  );
  return [...byPaper].map(([id, versions]) => {
    versions.sort((a, b) => Number(a.version) - Number(b.version));
    const current = versions.find((v) => v.is_current === 1) ?? versions[versions.length - 1]!;
    const text = (key: string) => unescapeMysql(current[key]);
    // Submitter e-mails were removed upstream; the name is public on every abstract page.
    return {
      id,
      submitter: text('submitter_name'),
      authors: text('authors') ?? '',
      title: text('title'),
      comments: text('comments'),
      'journal-ref': text('journal_ref'),
      doi: text('doi'),
      'report-no': text('report_num'),
      categories: primaryFirst(String(current.abs_categories ?? ''), primaryOf.get(id)),
      license: text('license'),
      abstract: text('abstract'),
      versions: versions.map((v) => ({ version: `v${v.version}`, created: dbTimeToRfc1123(String(v.created)) })),
      // modtime is when arXiv last touched the record; the Kaggle snapshot's update_date matches it (0704.0046).
      update_date: new Date(Number(current.modtime) * 1000).toISOString().slice(0, 10),
    };
  });
}

/** Records from the re-wrapped quant-ph oai_dc file; it has no authors, versions or cross-lists. */
export function fromQuantPh(xml: string): SnapshotRecord[] {
  const parser = new XMLParser({ parseTagValue: false, trimValues: false, isArray: (name) => name === 'record' });
  const doc = parser.parse(xml) as { ListRecords: { record: Array<{ header: Row; metadata: Row }> } };
  return doc.ListRecords.record.map(({ header, metadata }) => ({
    id: String(header.identifier).replace(/^oai:arXiv\.org:/, ''),
    submitter: null,
    authors: '',
    title: String(metadata.title),
    comments: null,
    'journal-ref': null,
    doi: null,
    'report-no': null,
    categories: 'quant-ph',
    license: null,
    abstract: String(metadata.description),
    versions: [],
    // The oai_dc date is the v1 day; the parser uses update_date when there is no version list.
    update_date: String(metadata.date),
    authors_parsed: [],
  }));
}

function primaryFirst(categories: string, primary: string | undefined): string {
  const list = categories.split(/\s+/).filter((c) => c);
  if (!primary) return list.join(' ');
  return [primary, ...list.filter((c) => c !== primary)].join(' ');
}

// arXiv's test database holds MySQL-escaped strings (a doubled backslash, \" and \n as two characters);
// arXiv itself serves them unescaped, so TeX such as {\it x} must come out with one backslash.
function unescapeMysql(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.replace(/\\(["'\\nrt0])/g, (_m, ch: string) => MYSQL_ESCAPES[ch] ?? ch);
}
const MYSQL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2007-04-01 16:37:36" (UTC in the DB, as the Kaggle record of 0704.0046 confirms) → "Sun, 1 Apr 2007 16:37:36 GMT". */
function dbTimeToRfc1123(time: string): string {
  const date = new Date(`${time.replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) throw new Error(`arXiv DB row has an unreadable created time: ${time}`);
  const hms = date.toISOString().slice(11, 19);
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${hms} GMT`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { gz, counts } = buildDemo();
  writeFileSync(DEMO_PATH, gz);
  const sha = createHash('sha256').update(gz).digest('hex');
  console.log(
    `wrote ${DEMO_PATH}: ${counts.total} papers (${counts.kaggle} Kaggle sample, ${counts.arxivDb} arXiv DB, ` +
      `${counts.quantPh} quant-ph 2008), ${gz.length} bytes, sha256 ${sha}`,
  );
}
