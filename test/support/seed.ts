import type { Paper } from '../../src/core/paper.js';
import type { Store } from '../../src/store/store.js';
import { makePaper } from './papers.js';

/** Stores papers and lists them on given days, returning the stored ids in order. */
export async function seedListed(
  store: Store,
  entries: Array<{ paper?: Partial<Paper>; day: string; upvotes?: number; createdAt?: string }>,
): Promise<number[]> {
  const papers = entries.map((e) => makePaper(e.paper));
  await store.papers.upsertMany(papers);
  const ids: number[] = [];
  let voters: number[] = [];
  for (const [i, entry] of entries.entries()) {
    const { id } = (await store.papers.findByArxivId(papers[i]!.arxivId))!;
    ids.push(id);
    await store.listings.add({
      paperId: id,
      listedOn: entry.day,
      submittedBy: null,
      createdAt: entry.createdAt ?? `${entry.day}T12:00:00.000Z`,
    });
    const wanted = entry.upvotes ?? 0;
    while (voters.length < wanted)
      voters = [...voters, await store.users.create({ username: `voter${voters.length + 1}` })];
    await store.votes.addMany(voters.slice(0, wanted).map((userId) => ({ userId, paperId: id })));
  }
  return ids;
}
