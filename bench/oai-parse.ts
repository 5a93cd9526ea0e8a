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
