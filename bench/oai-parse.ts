// npx tsx bench/oai-parse.ts [--records N] [--rounds R] — parsing speed of arXivRaw ListRecords pages.
// arXiv serves 1,000 records per page; a real page is built by repeating the 6 real records of the recorded
// response (../shared/data, read-only) up to N, then parsed R times. Prints figures; asserts nothing.
import { readFileSync } from 'node:fs';
import { parseListRecords } from '../src/ingest/oai/list-records.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] ?? 0) || fallback;
const wanted = option('--records', 1000);
const rounds = option('--rounds', 20);

const real = readFileSync(
  new URL('../../shared/data/arxiv-oai-pmh/mikesaelim-arXivRaw/ListRecordsResponse.xml', import.meta.url),
  'utf8',
);
const records = real.match(/<record>[\s\S]*?<\/record>\n/g) ?? [];
const head = real.slice(0, real.indexOf('<record>'));
const tail = real.slice(real.lastIndexOf('</record>\n') + '</record>\n'.length);
const body = Array.from({ length: wanted }, (_, i) => records[i % records.length]).join('');
const page = head + body + tail;

parseListRecords(page, 'arXivRaw'); // warm-up: JIT and the parser's lazy set-up
const started = performance.now();
let parsed = 0;
for (let i = 0; i < rounds; i++) parsed += parseListRecords(page, 'arXivRaw').records.length;
const seconds = (performance.now() - started) / 1000;

const mb = (Buffer.byteLength(page) * rounds) / 1e6;
console.log(`page: ${wanted} records, ${(Buffer.byteLength(page) / 1e6).toFixed(2)} MB; ${rounds} rounds`);
console.log(`${Math.round(parsed / seconds).toLocaleString('en')} records/s, ${(mb / seconds).toFixed(1)} MB/s`);
console.log(`${((seconds / rounds) * 1000).toFixed(1)} ms per page`);

// Parse + upsert into a fresh SQLite store, the harvester's whole path minus the network. Every record gets a
// unique id so each one is really inserted (then a second pass re-parses and finds them all unchanged).
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const path = await import('node:path');
const { openStore } = await import('../src/store/store.js');
const dir = mkdtempSync(path.join(tmpdir(), 'oai-bench-'));
const store = await openStore({ sqliteFile: path.join(dir, 'bench.db') });
let serial = 0;
const uniquePage = () =>
  head +
  Array.from({ length: wanted }, (_, i) => {
    const id = `2501.${String(++serial).padStart(5, '0')}`;
    return records[i % records.length]!.replace(/<id>[^<]+<\/id>/, `<id>${id}</id>`).replace(
      /oai:arXiv\.org:[^<]+</,
      `oai:arXiv.org:${id}<`,
    );
  }).join('') +
  tail;
const pages = Array.from({ length: rounds }, uniquePage);
for (const pass of ['insert', 're-harvest']) {
  const t = performance.now();
  let stored = 0;
  for (const xml of pages) {
    const { records: parsedRecords } = parseListRecords(xml, 'arXivRaw');
    await store.papers.upsertMany(parsedRecords.flatMap((r) => (r.paper ? [r.paper] : [])));
    stored += parsedRecords.length;
  }
  const s = (performance.now() - t) / 1000;
  console.log(
    `parse + upsert (${pass}): ${Math.round(stored / s).toLocaleString('en')} records/s into SQLite (${stored} records)`,
  );
}
await store.close();
rmSync(dir, { recursive: true, force: true });
