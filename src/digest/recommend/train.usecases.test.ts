import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedListed } from '../../../test/support/seed.js';
import { todayUtc } from '../../core/dates.js';
import { openStore, type Store } from '../../store/store.js';
import { vectorize } from './features.js';
import { scoreAll } from './linear-model.js';
import { latestActivity, loadRecCorpus, modelOf, trainActiveUsers, trainUser } from './train.usecases.js';

describe('training on "not interested"', () => {
  let store: Store;
  let ids: number[];
  let user: number;
  const now = new Date();
  beforeEach(async () => {
    store = await openStore({ sqliteFile: ':memory:' });
    const today = todayUtc(now);
    const paper = (title: string, abstract: string) => ({ day: today, paper: { title, abstract } });
    ids = await seedListed(store, [
      paper('Surface codes for qubits', 'Quantum error correction with surface codes.'),
      paper('Decoding surface codes', 'Fast decoders for quantum error correction.'),
      paper('Qubit error thresholds', 'Thresholds of quantum error correcting codes.'),
      paper('Quantum optics with photons', 'Entangled photons and quantum optics experiments.'),
      paper('Segmenting street images', 'Convolutional networks for image segmentation.'),
      paper('Detecting objects in video', 'Object detection with convolutional networks.'),
    ]);
    user = await store.users.create({ username: 'ada' });
    const earlier = new Date(now.getTime() - 3_600_000).toISOString();
    for (const paperId of ids.slice(0, 3)) await store.votes.addMany([{ userId: user, paperId }]);
    await store.connection.db.updateTable('votes').set({ created_at: earlier }).where('user_id', '=', user).execute();
  });
  afterEach(async () => {
    await store.close();
  });

  it('a mark alone makes the reader active, and the retrained model ranks the marked paper below unrelated ones', async () => {
    const corpus = await loadRecCorpus({ store, today: todayUtc(now) });
    const first = (await trainUser({ store, userId: user, corpus, now }))!;
    expect(await trainActiveUsers({ store, corpus: async () => corpus, now, activeDays: 30 })).toEqual({
      trained: 0,
      upToDate: 1,
    });
    const [optics] = await store.papers.findByIds([ids[3]!]);
    const markedAt = new Date(now.getTime() + 1000).toISOString();
    await store.paperFeedback.mark({ userId: user, paperId: optics!.id, kind: 'not_interested', createdAt: markedAt });
    expect(await latestActivity(store, user)).toBe(markedAt);
    const later = new Date(now.getTime() + 2000);
    expect(await trainActiveUsers({ store, corpus: async () => corpus, now: later, activeDays: 30 })).toEqual({
      trained: 1,
      upToDate: 0,
    });
    const second = (await store.recommendations.getModels([user])).get(user)!;
    expect(second.trainedThrough).toBe(markedAt);
    expect(second.positives).toBe(3);
    expect(second.trainedAt).not.toBe(first.trainedAt);
    // Trained on the mark instead of sampled papers: the marked paper now scores below the unrelated vision papers,
    // which no longer count as negatives at all.
    const vision = await store.papers.findByIds(ids.slice(4));
    const [opticsScore, ...visionScores] = scoreAll(
      modelOf(second)!,
      [optics!, ...vision].map((p) => vectorize(corpus.space, p)),
    );
    for (const s of visionScores) expect(opticsScore).toBeLessThan(s);
  });

  it('a paper both upvoted and marked is neither a positive nor a negative', async () => {
    const corpus = await loadRecCorpus({ store, today: todayUtc(now) });
    await store.paperFeedback.mark({
      userId: user,
      paperId: ids[0]!,
      kind: 'not_interested',
      createdAt: now.toISOString(),
    });
    const model = (await trainUser({ store, userId: user, corpus, now }))!;
    expect(model.positives).toBe(2);
  });
});
