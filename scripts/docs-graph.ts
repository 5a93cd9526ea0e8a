// `npm run docs:graph`: redraws the import graph in docs/architecture.md from the real imports. One box per folder
// of src/ (production code only: tests, *.test-utils.ts and the tiny test model are left out), one arrow per pair of
// folders with at least one import between them, labelled with how many; arrows that break an import rule of
// .dependency-cruiser.cjs (today's known violations included) are drawn red. The result replaces the block between
// the graph markers, so the picture can never drift from the code for long: rerun it after moving imports.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DOC = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));
const START = '<!-- import-graph:start (npm run docs:graph) -->';
const END = '<!-- import-graph:end -->';
// Top to bottom, as docs/architecture.md lists the layers; a folder not named here is drawn last.
const ORDER = [
  'cli',
  'web',
  'services.ts',
  'jobs',
  'operations',
  'demo',
  'digest',
  'mail',
  'community',
  'papers',
  'search',
  'embeddings',
  'ingest',
  'store',
  'config',
  'render',
  'core',
];

interface Dependency {
  resolved: string;
  valid: boolean;
}
interface Module {
  source: string;
  dependencies: Dependency[];
}

const json = execFileSync(
  process.execPath,
  [
    fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url)),
    'src',
    '--config',
    '.dependency-cruiser.cjs',
    '--output-type',
    'json',
    '--include-only',
    '^src/',
    '--exclude',
    '\\.test\\.ts$|\\.test-utils\\.ts$|^src/embeddings/tiny-model/',
  ],
  { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
const modules = (JSON.parse(json) as { modules: Module[] }).modules;

const folderOf = (file: string) => file.split('/')[1]!;
const edges = new Map<string, { count: number; violations: number }>();
for (const m of modules) {
  for (const d of m.dependencies) {
    const from = folderOf(m.source);
    const to = folderOf(d.resolved);
    if (from === to || !d.resolved.startsWith('src/')) continue;
    const edge = edges.get(`${from} ${to}`) ?? { count: 0, violations: 0 };
    edge.count++;
    if (!d.valid) edge.violations++;
    edges.set(`${from} ${to}`, edge);
  }
}
const folders = [...new Set(modules.map((m) => folderOf(m.source)))].sort(
  (a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99),
);
const id = (folder: string) => folder.replace(/\W/g, '_');
const lines = ['```mermaid', 'flowchart TD'];
for (const f of folders) lines.push(`  ${id(f)}[${f === 'services.ts' ? 'services.ts' : `${f}/`}]`);
const red: number[] = [];
const sorted = [...edges].sort(([a], [b]) => {
  const [fa, ta] = a.split(' ') as [string, string];
  const [fb, tb] = b.split(' ') as [string, string];
  return folders.indexOf(fa) - folders.indexOf(fb) || folders.indexOf(ta) - folders.indexOf(tb);
});
for (const [i, [key, edge]] of sorted.entries()) {
  const [from, to] = key.split(' ') as [string, string];
  lines.push(`  ${id(from)} -->|${edge.count}| ${id(to)}`);
  if (edge.violations > 0) red.push(i);
}
if (red.length > 0) lines.push(`  linkStyle ${red.join(',')} stroke:#d00,stroke-width:2px`);
lines.push('```');

const doc = readFileSync(DOC, 'utf8');
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) throw new Error(`${DOC} has no ${START} … ${END} block`);
writeFileSync(DOC, `${doc.slice(0, start + START.length)}\n${lines.join('\n')}\n${doc.slice(end)}`);
console.log(`docs/architecture.md: ${folders.length} folders, ${edges.size} arrows, ${red.length} red`);
