// Import-direction rules: the arrows of docs/architecture.md, checked by `npm run lint`. Today's violations are
// listed in .dependency-cruiser-known-violations.json and tolerated (`--ignore-known`) while the redesign (issue 12)
// removes them; anything new fails. Regenerate that list with `npm run lint:baseline` (docs/architecture.md).
// Type-only imports count: a type that leaks upwards ties the layers together as surely as a call.

/** Test code: tests, their helpers (the *.test-utils.ts convention), test/ and the generated tiny ONNX model. */
const TEST_ONLY = ['\\.test\\.ts$', '\\.test-utils\\.ts$', '^test/', '^src/embeddings/tiny-model/'];
/** The composition root and the two edges: they may import everything below them. */
const TOP = '^src/(web|cli)/|^src/services\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-upward-to-web-or-cli',
      comment:
        'Domain and lower layers never import web/, cli/ or the composition root (services.ts): pages, routes and ' +
        'commands call them, never the other way round.',
      severity: 'error',
      from: { path: '^src/', pathNot: [TOP, ...TEST_ONLY] },
      to: { path: TOP },
    },
    {
      name: 'web-talks-to-use-cases',
      comment: 'web/ reaches the store through use cases (community/, papers/, digest/ …), never store/ directly (issue 12, step 1).',
      severity: 'error',
      from: { path: '^src/web/', pathNot: TEST_ONLY },
      to: { path: '^src/store/' },
    },
    {
      name: 'sql-only-in-store',
      comment: 'Only store/ speaks SQL to the database: Kysely and pg are imported there alone.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/store/', ...TEST_ONLY] },
      to: { path: '^node_modules/(kysely|pg)/' },
    },
    {
      name: 'sqlite-only-in-store-and-search-index',
      comment:
        'better-sqlite3 belongs to store/ and to search/, whose derived index is its own SQLite file (FTS5 BM25, ' +
        'sqlite-vec; see DESIGN.md and src/search/README.md). Nobody else opens a database.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(store|search)/', ...TEST_ONLY] },
      to: { path: '^node_modules/better-sqlite3/' },
    },
    {
      name: 'core-imports-nothing-of-ours',
      comment: 'core/ holds domain types and pure rules; it imports nothing else of this project.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TEST_ONLY },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'render-imports-only-core',
      comment: 'render/ (escaping, math, paths) sits just above core/, below web, digest and mail.',
      severity: 'error',
      from: { path: '^src/render/', pathNot: TEST_ONLY },
      to: { path: '^src/', pathNot: '^src/(core|render)/' },
    },
    {
      name: 'no-circular',
      comment: 'A circle makes two modules one: neither can be understood, tested or moved alone.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_ONLY },
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Production code never imports tests, test helpers or test/ (they are not in dist/).',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_ONLY },
      to: { path: TEST_ONLY },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
