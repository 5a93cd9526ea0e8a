// Derives test/fixtures/arxiv-oai-pmh/arxiv-db-versions/: what arXiv's OAI-PMH server answers for a paper at each of
// its versions, in the arXivRaw format. No recording of one paper at two different times exists (see that folder's
// row in test/fixtures/PROVENANCE.md), so the pages are rendered from arXiv's own per-version metadata rows
// (shared/data/arxiv-db-metadata, exported from arXiv/oaipmh's test database, which is what that server renders
// arXivRaw from): at version N the record carries versions 1..N with their dates and sizes and version N's title,
// authors, abstract, comments and the rest, element for element as arXiv/oaipmh's arXivRaw template emits them,
// in the envelope of the real 2015 recording (mikesaelim-arXivRaw/ListRecordsResponse.xml). The text is arXiv's;
// only the envelope and layout are ours. Deterministic: re-running writes the same bytes.
//
//   npx tsx scripts/derive-version-fixtures.ts [--data ../shared/data]

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface MetadataRow {
  paper_id: string;
  version: number;
  created: string;
  updated: string;
  submitter_name: string;
  source_size: number;
  source_flags: string | null;
  title: string;
  authors: string;
  abs_categories: string;
  comments: string | null;
  proxy: string | null;
  report_num: string | null;
  msc_class: string | null;
  acm_class: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  abstract: string;
}

/** 1102.0509: title, authors and abstract rewritten in v2, v3 the same text. 1101.2736: v2 withdrawn, v3 resubmitted. */
const PAPERS = ['1102.0509', '1101.2736'];
const OUT = fileURLToPath(new URL('../test/fixtures/arxiv-oai-pmh/arxiv-db-versions/', import.meta.url));

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The template's strftime("%a, %d %b %Y %H:%M:%S GMT") of a "YYYY-MM-DD HH:MM:SS" UTC time. */
function rfc1123(time: string): string {
  const d = new Date(`${time.replace(' ', 'T')}Z`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time.slice(11)} GMT`;
}

// OAI sets: the non-physics archives are sets of their own, the physics archives sit under "physics:".
const OWN_SETS = new Set(['cs', 'econ', 'eess', 'math', 'q-bio', 'q-fin', 'stat']);
function setSpecOf(category: string): string {
  const archive = category.split('.')[0]!;
  return OWN_SETS.has(archive) ? archive : `physics:${archive}`;
}

function element(name: string, value: string | null): string {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : '';
}

function record(rows: MetadataRow[]): string {
  const current = rows.at(-1)!;
  const versions = rows
    .map(
      (r) =>
        `<version version="v${r.version}"><date>${rfc1123(r.created)}</date><size>${Math.round(r.source_size / 1024)}kb</size>${element('source_type', r.source_flags)}</version>`,
    )
    .join('');
  const sets = [...new Set(current.abs_categories.split(' ').map(setSpecOf))];
  return [
    '<record>',
    '<header>',
    ` <identifier>oai:arXiv.org:${current.paper_id}</identifier>`,
    ` <datestamp>${current.updated.slice(0, 10)}</datestamp>`,
    ...sets.map((s) => ` <setSpec>${s}</setSpec>`),
    '</header>',
    '<metadata>',
    ' <arXivRaw xmlns="http://arxiv.org/OAI/arXivRaw/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://arxiv.org/OAI/arXivRaw/ http://arxiv.org/OAI/arXivRaw.xsd">',
    ` <id>${current.paper_id}</id>${element('submitter', current.submitter_name)}${versions}${element('title', current.title)}${element('authors', current.authors)}${element('categories', current.abs_categories)}${element('comments', current.comments)}${element('proxy', current.proxy)}${element('report-no', current.report_num)}${element('acm-class', current.acm_class)}${element('msc-class', current.msc_class)}${element('journal-ref', current.journal_ref)}${element('doi', current.doi)}${element('license', current.license)}${element('abstract', current.abstract)}</arXivRaw>`,
    '</metadata>',
    '</record>',
  ].join('\n');
}

function page(rows: MetadataRow[]): string {
  const current = rows.at(-1)!;
  const day = current.updated.slice(0, 10);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">',
    `<responseDate>${current.updated.replace(' ', 'T')}Z</responseDate>`,
    `<request verb="ListRecords" from="${day}" metadataPrefix="arXivRaw">http://export.arxiv.org/oai2</request>`,
    '<ListRecords>',
    record(rows),
    '</ListRecords>',
    '</OAI-PMH>',
    '',
  ].join('\n');
}

const dataArg = process.argv.indexOf('--data');
const data = dataArg > 0 ? process.argv[dataArg + 1]! : fileURLToPath(new URL('../../shared/data/', import.meta.url));
const rows = readFileSync(`${data}/arxiv-db-metadata/arXiv_metadata.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as MetadataRow);
mkdirSync(OUT, { recursive: true });
for (const id of PAPERS) {
  const versions = rows.filter((r) => r.paper_id === id).sort((a, b) => a.version - b.version);
  for (let n = 1; n <= Math.min(versions.length, 3); n++) {
    const file = `${OUT}${id}-v${n}.xml`;
    writeFileSync(file, page(versions.slice(0, n)));
    console.log(file);
  }
}
