// Offline evaluation of personal recommendations: for each user, hold out 30% of their positives, train the
// per-user model on the rest (through the production code: hashed TF-IDF features, SGD logistic regression and the
// recommender's ranking), rank every other paper, and score the held-out ones with precision@10 and nDCG@10 —
// against a "most upvoted" baseline and, where users chose categories, the cold-start rules.
//
//   npx tsx scripts/eval-recommendations.ts
//
// Users: (1) CSFCube's 50 faceted query papers with expert relevance judgments (grades 2–3 are positives) over its
// 4,205 CS abstracts — real judgments; (2) 200 synthetic readers of arXiv's own test metadata (509 real papers),
// each following one archive and liking papers in it with a popularity bias and 10% noise. Upvotes for the
// baseline are what all users' training positives add up to, plus a long-tailed background.
//
// Explicit negatives ("not interested"), a second round of the same users: each is shown the first model's top 20
// and marks "not interested" on those that are not for them — for CSFCube the papers its experts judged not
// relevant to the query (grades 0–1, real judgments), for the synthetic readers papers outside their archive —
// at most 10, never a paper they like. The round-2 rankings all leave the marked papers out (as the site does) and
// are scored on the same held-out positives: the unchanged model (only the hiding), the model retrained as
// production retrains it (warm-started from round 1, explicit negatives replacing the sampled ones), and, for
// comparison, retrained on explicit and sampled negatives together. Users who marked nothing keep their model.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildFeatureSpace, type FeatureText, vectorize } from '../src/digest/recommend/features.js';
import { type Example, trainLogistic } from '../src/digest/recommend/linear-model.js';
import { type Candidate, recommend } from '../src/digest/recommend/recommender.js';
import { mean, ndcgAt } from '../src/search/eval/metrics.js';

const DATA = fileURLToPath(new URL('../../shared/data/', import.meta.url));
const K = 10;

interface EvalPaper extends FeatureText {
  categories: string[];
}
interface EvalUser {
  /** Paper index → grade (> 0). */
  positives: Map<number, number>;
  /** Whether this user would mark the paper "not interested" when shown it. */
  rejects: (paper: number) => boolean;
  /** Liked without being held out (CSFCube's query paper). */
  alwaysTrain?: number[];
  categories: string[];
}
interface Dataset {
  name: string;
  papers: EvalPaper[];
  users: EvalUser[];
}

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const readJsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));

function csfcube(): Dataset {
  const corpus = readJsonl(`${DATA}csfcube/corpus.jsonl`) as Array<{ _id: string; title: string; text: string }>;
  const index = new Map(corpus.map((d, i) => [d._id, i]));
  const users = new Map<string, EvalUser>();
  const judgedNo = new Map<string, Set<number>>();
  for (const line of readFileSync(`${DATA}csfcube/qrels/test.tsv`, 'utf8').split('\n').slice(1)) {
    const [query, doc, score] = line.split('\t');
    const i = index.get(doc ?? '');
    if (!query || i === undefined) continue;
    if (Number(score) < 2) {
      judgedNo.set(query, (judgedNo.get(query) ?? new Set()).add(i));
      continue;
    }
    const rejected = judgedNo.get(query) ?? new Set<number>();
    judgedNo.set(query, rejected);
    const user = users.get(query) ?? {
      positives: new Map(),
      categories: [],
      alwaysTrain: [],
      rejects: (paper: number) => rejected.has(paper),
    };
    const own = index.get(query.split('_')[0]!);
    if (own !== undefined) user.alwaysTrain = [own];
    user.positives.set(i, Number(score));
    users.set(query, user);
  }
  return {
    name: 'CSFCube, 50 expert-judged users',
    papers: corpus.map((d) => ({ title: d.title, abstract: d.text, categories: [] })),
    users: [...users.values()],
  };
}

function arxivSynthetic(): Dataset {
  const rows = (
    readJsonl(`${DATA}arxiv-db-metadata/arXiv_metadata.jsonl`) as Array<{
      is_current: number;
      title: string;
      abstract: string;
      abs_categories: string;
    }>
  ).filter((r) => r.is_current === 1);
  const papers = rows.map((r) => ({ title: r.title, abstract: r.abstract, categories: r.abs_categories.split(/\s+/) }));
  const archive = (c: string) => c.split(/[.-]/)[0]!.replace(/^(hep|nucl)$/, 'hep');
  const byArchive = new Map<string, number[]>();
  papers.forEach((p, i) => {
    const key = archive(p.categories[0]!);
    byArchive.set(key, [...(byArchive.get(key) ?? []), i]);
  });
  const archives = [...byArchive].filter(([, ids]) => ids.length >= 25);
  const random = rng(11);
  const popularity = papers.map(() => random() ** 3);
  const users: EvalUser[] = [];
  for (let u = 0; u < 200; u++) {
    const [name, ids] = archives[Math.floor(random() * archives.length)]!;
    const positives = new Map<number, number>();
    const want = 8 + Math.floor(random() * 13);
    while (positives.size < want) {
      const noise = random() < 0.1;
      const pool = noise ? papers.map((_, i) => i) : ids;
      const i = pool[Math.floor(random() * pool.length)]!;
      if (noise || random() < 0.3 + popularity[i]!) positives.set(i, 1);
    }
    const categories = [...new Set(ids.flatMap((i) => papers[i]!.categories.filter((c) => archive(c) === name)))];
    const mine = new Set(ids);
    users.push({ positives, categories, rejects: (paper) => !mine.has(paper) });
  }
  return { name: 'arXiv test metadata, 200 synthetic users', papers, users };
}

function evaluate(ds: Dataset) {
  const space = buildFeatureSpace(ds.papers);
  const vectors = ds.papers.map((p) => vectorize(space, p));
  const random = rng(5);
  const splits = ds.users.map((u) => {
    const ids = [...u.positives.keys()].sort(() => random() - 0.5);
    const held = Math.max(1, Math.round(ids.length * 0.3));
    return { user: u, test: ids.slice(0, held), train: [...new Set([...(u.alwaysTrain ?? []), ...ids.slice(held)])] };
  });
  // Upvotes: every user upvoted their training positives; the rest of the site adds a long tail.
  const upvotes = ds.papers.map(() => Math.floor(8 * random() ** 4));
  for (const s of splits) for (const i of s.train) upvotes[i]! += 1;
  const candidates: Candidate[] = ds.papers.map((p, i) => ({
    paperId: i,
    vector: vectors[i]!,
    categories: p.categories,
    authors: [],
    upvotes: upvotes[i]!,
  }));
  const scores = {
    model: [] as number[][],
    cold: [] as number[][],
    popular: [] as number[][],
    hidden: [] as number[][],
    explicit: [] as number[][],
    both: [] as number[][],
  };
  let marks = 0;
  let marking = 0;
  for (const { user, test, train } of splits) {
    const exclude = new Set(train);
    const judgments = new Map(test.map((i) => [String(i), user.positives.get(i)!]));
    const measure = (ranked: number[]) => {
      const ids = ranked.map(String);
      return [ids.slice(0, K).filter((id) => judgments.has(id)).length / K, ndcgAt({ ranked: ids, judgments, k: K })];
    };
    const negatives = candidates
      .filter((c) => !user.positives.has(c.paperId))
      .sort(() => random() - 0.5)
      .slice(0, Math.max(20, 4 * train.length));
    const positives = train.map((i) => ({ x: vectors[i]!, y: 1 as const }));
    const sampled = negatives.map((c) => ({ x: c.vector, y: 0 as const }));
    const model = trainLogistic({ examples: [...positives, ...sampled] });
    // As in production: the categories a reader chose still count once their model exists.
    const taste = { model, positives: train.length, categories: user.categories, followAuthors: [] };
    const round1 = recommend({ taste, candidates, exclude, limit: K });
    scores.model.push(measure(round1));
    if (user.categories.length > 0) {
      const cold = { model: null, positives: 0, categories: user.categories, followAuthors: [] };
      scores.cold.push(measure(recommend({ taste: cold, candidates, exclude, limit: K })));
    }
    const popular = candidates
      .filter((c) => !exclude.has(c.paperId))
      .sort((a, b) => b.upvotes - a.upvotes || a.paperId - b.paperId);
    scores.popular.push(measure(popular.slice(0, K).map((c) => c.paperId)));

    // Round 2: "not interested" on what round 1 showed them (its top 20) that is not for them.
    const shown = recommend({ taste, candidates, exclude, limit: 20 });
    const marked = shown.filter((i) => user.rejects(i) && !user.positives.has(i)).slice(0, 10);
    marks += marked.length;
    if (marked.length > 0) marking++;
    const excludeMarked = new Set([...train, ...marked]);
    const explicit = marked.map((i) => ({ x: vectors[i]!, y: 0 as const }));
    const retrain = (examples: Example[]) =>
      marked.length === 0 ? model : trainLogistic({ examples, init: model, epochs: 4 });
    const rank2 = (m: typeof model) =>
      measure(recommend({ taste: { ...taste, model: m }, candidates, exclude: excludeMarked, limit: K }));
    scores.hidden.push(rank2(model));
    scores.explicit.push(rank2(retrain([...positives, ...explicit])));
    scores.both.push(rank2(retrain([...positives, ...explicit, ...sampled])));
  }
  const users = ds.users.length;
  process.stderr.write(
    `${ds.name}: ${marking} of ${users} users marked papers in round 2, ${(marks / Math.max(marking, 1)).toFixed(1)} each on average\n`,
  );
  const row = (label: string, s: number[][]) =>
    s.length === 0
      ? ''
      : `| ${ds.name} | ${label} | ${mean(s.map((x) => x[0]!)).toFixed(3)} | ${mean(s.map((x) => x[1]!)).toFixed(3)} |\n`;
  const withCategories = ds.users.some((u) => u.categories.length) ? ' + chosen categories' : '';
  return {
    main:
      row(`per-user model (TF-IDF + logistic SGD)${withCategories}`, scores.model) +
      row('cold start (chosen categories)', scores.cold) +
      row('most upvoted (baseline)', scores.popular),
    feedback:
      row(`round 1: sampled negatives${withCategories}`, scores.model) +
      row('round 2: marked papers hidden, model unchanged', scores.hidden) +
      row('round 2: retrained on explicit negatives (production)', scores.explicit) +
      row('round 2: retrained on explicit + sampled negatives', scores.both),
  };
}

const head = '| users | method | precision@10 | nDCG@10 |\n| --- | --- | --- | --- |\n';
const results = [csfcube(), arxivSynthetic()].map(evaluate);
process.stdout.write(
  `${head}${results.map((r) => r.main).join('')}\nExplicit negatives ("not interested"):\n\n${head}${results.map((r) => r.feedback).join('')}`,
);
