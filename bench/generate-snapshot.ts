// Writes a synthetic arXiv metadata snapshot (Kaggle JSON Lines format) for import and search benchmarks.
// Every distribution comes from the real samples in shared/data: text is stitched from runs of real
// abstract and title words (so term frequencies and short phrases look like arXiv), and lengths, author
// counts, version counts, categories, comments and licenses are drawn from the real records.
//
//   npx tsx bench/generate-snapshot.ts [N=1000000] [OUT=.bench/snapshot.jsonl] [--seed 42]   (OUT may end in .gz)

import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';
import { seededRandom } from '../src/core/random.js';

export interface GenerateSnapshotOptions {
  lines: number;
  path: string;
  seed?: number;
  /** shared/data; defaults to the checkout's sibling folder. */
  dataDir?: string;
}

const DEFAULT_DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
// arXiv receives about 24k new papers a month (2023); ids are numbered within their month like this.
const PAPERS_PER_MONTH = 24_000;
// 2023-era abstracts link code far more often than the 2007 samples do; this share is an estimate.
const CODE_LINK_SHARE = 0.12;
const DAY_MS = 86_400_000;

export async function generateSnapshot(opts: GenerateSnapshotOptions): Promise<{ lines: number; bytes: number }> {
  const model = buildModel(opts.dataDir ?? DEFAULT_DATA);
  const random = seededRandom(opts.seed ?? 42);
  mkdirSync(dirname(resolve(opts.path)), { recursive: true });
  const file = createWriteStream(opts.path, { highWaterMark: 1 << 20 });
  const gzip = opts.path.endsWith('.gz') ? createGzip({ level: 1 }) : null;
  if (gzip) gzip.pipe(file);
  const sink = gzip ?? file;
  const finished = new Promise<void>((ok, fail) => {
    file.on('finish', ok).on('error', fail);
    gzip?.on('error', fail);
  });
  let buffer = '';
  let bytes = 0;
  for (let i = 0; i < opts.lines; i++) {
    buffer += `${JSON.stringify(record(model, random, i))}\n`;
    if (buffer.length >= 1 << 20 || i === opts.lines - 1) {
      bytes += Buffer.byteLength(buffer);
      if (!sink.write(buffer)) await new Promise<void>((ok) => sink.once('drain', () => ok()));
      buffer = '';
    }
  }
  sink.end();
  await finished;
  return { lines: opts.lines, bytes };
}

type Random = () => number;

interface Model {
  abstractText: Corpus;
  titleText: Corpus;
  abstractLengths: number[];
  titleLengths: number[];
  authorCounts: number[];
  versionCounts: number[];
  firstNames: string[];
  lastNames: string[];
  categories: string[];
  comments: Array<string | null>;
  journalRefs: Array<string | null>;
  dois: Array<string | null>;
  licenses: Array<string | null>;
  reportNos: Array<string | null>;
}

interface Corpus {
  text: string;
  wordStarts: number[];
}

function record(model: Model, random: Random, index: number) {
  const month = Math.floor(index / PAPERS_PER_MONTH);
  const yymm = 2301 + Math.floor(month / 12) * 100 + (month % 12);
  const id = `${yymm}.${String((index % PAPERS_PER_MONTH) + 1).padStart(5, '0')}`;
  const authors = Array.from({ length: pick(random, model.authorCounts) }, () => [
    pick(random, model.lastNames),
    pick(random, model.firstNames),
    '',
  ]);
  const names = authors.map(([last, first]) => `${first} ${last}`);
  let abstract = stitch(model.abstractText, pick(random, model.abstractLengths), random);
  if (random() < CODE_LINK_SHARE) abstract += ` Code is available at https://github.com/${authors[0]![0]}/${id}.`;
  const versions = versionDates(yymm, pick(random, model.versionCounts), random);
  return {
    id,
    submitter: names[0],
    authors: names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : names[0],
    title: wrap(stitch(model.titleText, pick(random, model.titleLengths), random), '\n  '),
    comments: pick(random, model.comments),
    'journal-ref': pick(random, model.journalRefs),
    doi: pick(random, model.dois),
    'report-no': pick(random, model.reportNos),
    categories: pick(random, model.categories),
    license: pick(random, model.licenses),
    abstract: `  ${wrap(abstract, '\n')}\n`,
    versions: versions.map((date, v) => ({ version: `v${v + 1}`, created: date.toUTCString().replace(', 0', ', ') })),
    update_date: versions.at(-1)!.toISOString().slice(0, 10),
    authors_parsed: authors,
  };
}

function versionDates(yymm: number, count: number, random: Random): Date[] {
  const year = 2000 + Math.floor(yymm / 100);
  let ms = Date.UTC(year, (yymm % 100) - 1, 1) + Math.floor(random() * 28 * DAY_MS);
  const dates = [new Date(Math.floor(ms / 1000) * 1000)];
  for (let v = 1; v < count; v++) {
    ms += DAY_MS + Math.floor(random() * 120 * DAY_MS);
    dates.push(new Date(Math.floor(ms / 1000) * 1000));
  }
  return dates;
}

// Runs of 4-15 consecutive real words keep word frequencies and local phrases realistic at O(1) per run.
function stitch(corpus: Corpus, length: number, random: Random): string {
  const { text, wordStarts } = corpus;
  let out = '';
  while (out.length < length) {
    const from = Math.floor(random() * (wordStarts.length - 16));
    const to = from + 4 + Math.floor(random() * 12);
    out += (out ? ' ' : '') + text.slice(wordStarts[from], wordStarts[to]! - 1);
  }
  const cut = out.lastIndexOf(' ', length);
  return cut > length / 2 ? out.slice(0, cut) : out;
}

function wrap(text: string, separator: string, width = 78): string {
  const parts: string[] = [];
  let pos = 0;
  while (text.length - pos > width) {
    let cut = text.lastIndexOf(' ', pos + width);
    if (cut <= pos) cut = text.indexOf(' ', pos + width);
    if (cut === -1) break;
    parts.push(text.slice(pos, cut));
    pos = cut + 1;
  }
  parts.push(text.slice(pos));
  return parts.join(separator);
}

function pick<T>(random: Random, values: T[]): T {
  return values[Math.floor(random() * values.length)]!;
}

function buildModel(dataDir: string): Model {
  const read = (path: string) => readFileSync(resolve(dataDir, path), 'utf8');
  const jsonl = (path: string) =>
    read(path)
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  const kaggle = jsonl('arxiv-kaggle-sample/arxiv-metadata-oai-snapshot.head200.jsonl');
  const rows = jsonl('arxiv-db-metadata/arXiv_metadata.jsonl');
  // arXiv's test database stores MySQL-escaped text (a doubled backslash); undo it so TeX looks like arXiv's.
  const current = rows
    .filter((r) => r.is_current === 1)
    .map(
      (r): Record<string, unknown> => ({
        ...r,
        title: unescapeMysql(r.title),
        abstract: unescapeMysql(r.abstract),
        comments: unescapeMysql(r.comments),
      }),
    );
  const xml = read('arxiv-quantph-oaidc-processed/arXiv-meta-2008.xml');
  const quant = [...xml.matchAll(/<title>([^<]*)<\/title><description>([^<]*)<\/description>/g)].map((m) => ({
    title: decodeXml(m[1]!),
    abstract: decodeXml(m[2]!),
  }));
  const flat = (s: unknown) =>
    String(s ?? '')
      .replace(/\s+/g, ' ')
      .trim();
  const abstracts = [...kaggle, ...current, ...quant].map((r) => flat(r.abstract));
  const titles = [...kaggle, ...current, ...quant].map((r) => flat(r.title));
  const parsed = kaggle.flatMap((r) => r.authors_parsed as string[][]);
  const versionsPerPaper = new Map<string, number>();
  for (const r of rows) versionsPerPaper.set(String(r.paper_id), (versionsPerPaper.get(String(r.paper_id)) ?? 0) + 1);
  const kaggleAndDb = (kaggleKey: string, dbKey: string) => [
    ...kaggle.map((r) => (r[kaggleKey] ?? null) as string | null),
    ...current.map((r) => (r[dbKey] ?? null) as string | null),
  ];
  return {
    abstractText: corpus(abstracts),
    titleText: corpus(titles),
    abstractLengths: abstracts.map((a) => a.length),
    titleLengths: titles.map((t) => t.length),
    authorCounts: [
      ...kaggle.map((r) => (r.authors_parsed as unknown[]).length),
      ...current.map((r) => String(r.authors).split(/,| and /).length),
    ],
    versionCounts: [...kaggle.map((r) => (r.versions as unknown[]).length), ...versionsPerPaper.values()],
    firstNames: parsed.map((a) => a[1]!).filter((n) => n && !n.includes('\\')),
    lastNames: parsed.map((a) => a[0]!).filter((n) => n && !n.includes('\\')),
    categories: kaggleAndDb('categories', 'abs_categories').filter((c): c is string => !!c),
    comments: kaggleAndDb('comments', 'comments'),
    journalRefs: kaggleAndDb('journal-ref', 'journal_ref'),
    dois: kaggleAndDb('doi', 'doi'),
    licenses: kaggleAndDb('license', 'license'),
    reportNos: kaggleAndDb('report-no', 'report_num'),
  };
}

function corpus(texts: string[]): Corpus {
  const text = `${texts.join(' ')} `;
  const wordStarts = [0];
  for (let i = text.indexOf(' '); i !== -1 && i < text.length - 1; i = text.indexOf(' ', i + 1)) wordStarts.push(i + 1);
  return { text, wordStarts };
}

function unescapeMysql(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.replace(/\\(["'\\nrt0])/g, (_m, ch: string) => MYSQL_ESCAPES[ch] ?? ch);
}
const MYSQL_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0' };

function decodeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => XML_ENTITIES[name]!);
}
const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' };

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const seedAt = args.indexOf('--seed');
  const seed = seedAt === -1 ? 42 : Number(args.splice(seedAt, 2)[1]);
  const lines = Number(args[0] ?? 1_000_000);
  const path = args[1] ?? '.bench/snapshot.jsonl';
  if (!Number.isInteger(lines) || lines < 1 || !Number.isInteger(seed)) {
    console.error('usage: npx tsx bench/generate-snapshot.ts [lines=1000000] [out=.bench/snapshot.jsonl] [--seed 42]');
    process.exit(2);
  }
  const started = performance.now();
  const result = await generateSnapshot({ lines, path, seed });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `wrote ${result.lines} lines, ${(result.bytes / 1e6).toFixed(1)} MB to ${path} in ${seconds.toFixed(1)} s`,
  );
}
