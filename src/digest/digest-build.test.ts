import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSubscriber, digestServices } from '../../test/support/digest.js';
import { seedListed } from '../../test/support/seed.js';
import { type SmtpSink, startSmtpSink } from '../../test/support/smtp-sink.js';
import { storeFactories } from '../../test/support/stores.js';
import { declareJobs } from '../jobs/definitions.js';
import { runJobOnce } from '../jobs/runner.js';
import { buildServices } from '../services.js';
import type { Store } from '../store/store.js';
import { buildDigests } from './digest-build.usecases.js';
import { loadRecCorpus, trainActiveUsers } from './recommend/train.usecases.js';

describe('building due digests', () => {
  let store: Store;
  let services: Awaited<ReturnType<typeof digestServices>>;
  beforeEach(async () => {
    store = await storeFactories[0]!.open('digest-build');
    await seedListed(store, [
      { day: '2024-04-30', upvotes: 1, paper: { title: 'Tuesday paper' } },
      { day: '2024-05-01', upvotes: 1, paper: { title: 'Wednesday paper' } },
    ]);
    services = await digestServices({ store });
  });
  afterEach(async () => {
    services.close();
    await store.close();
  });
  const build = (now: string) =>
    buildDigests({
      store,
      search: services.search,
      kind: 'daily',
      now: new Date(now),
      settleHours: 6,
      recCorpus: () => loadRecCorpus({ store, today: now.slice(0, 10) }),
    });
  const periodsOf = async (email: string) => {
    const s = (await store.subscriptions.findByEmail(email))!;
    const rows = [
      ...(await store.digestOutbox.listWithEmail({ status: 'pending', limit: 50 })),
      ...(await store.digestOutbox.listWithEmail({ status: 'skipped', limit: 50 })),
    ];
    return rows
      .filter((r) => r.subscriptionId === s.id)
      .map((r) => r.periodKey)
      .sort();
  };

  it("each subscriber's digest is built once it is due on their own clock, and only once", async () => {
    await addSubscriber(store, { email: 'london@example.org', preferences: { timezone: 'UTC', sendHour: 7 } });
    await addSubscriber(store, { email: 'tokyo@example.org', preferences: { timezone: 'Asia/Tokyo', sendHour: 8 } });
    await addSubscriber(store, {
      email: 'late@example.org',
      preferences: { timezone: 'UTC', sendHour: 7 },
      now: '2024-05-02T07:10:00.000Z',
    });
    const first = await build('2024-05-02T07:30:00.000Z');
    expect(first.periods.sort()).toEqual(['daily:2024-04-30', 'daily:2024-05-01']);
    expect(await periodsOf('london@example.org')).toEqual(['daily:2024-05-01']);
    // 08:00 in Tokyo after Wednesday settled is 23:00 UTC; at 07:30 UTC Tuesday's digest is the latest due.
    expect(await periodsOf('tokyo@example.org')).toEqual(['daily:2024-04-30']);
    // Confirmed after Wednesday's digest was due: starts with the next one.
    expect(await periodsOf('late@example.org')).toEqual([]);
    expect((await build('2024-05-02T08:30:00.000Z')).built).toBe(0);
    await build('2024-05-02T23:00:00.000Z');
    expect(await periodsOf('tokyo@example.org')).toEqual(['daily:2024-04-30', 'daily:2024-05-01']);
  });

  it('a paper the reader marked "not interested" is never in their recommendations', async () => {
    // Cold start by a followed author (the seeded papers are Ada Lovelace's); categories that match no top paper,
    // so the period's paper can only arrive as a recommendation.
    const preferences = { includeCategories: ['math.AG'], followAuthors: ['Ada Lovelace'], forYou: true };
    const marker = await store.users.create({ username: 'cy' });
    const other = await store.users.create({ username: 'dot' });
    await addSubscriber(store, { email: 'cy@example.org', userId: marker, preferences });
    await addSubscriber(store, { email: 'dot@example.org', userId: other, preferences });
    const [wednesday] = (
      await store.listings.listRange({ from: '2024-05-01', to: '2024-05-01', sort: 'upvotes', limit: 10, offset: 0 })
    ).items;
    await store.paperFeedback.mark({
      userId: marker,
      paperId: wednesday!.paper.id,
      kind: 'not_interested',
      createdAt: '2024-05-01T20:00:00.000Z',
    });
    await build('2024-05-02T07:30:00.000Z');
    const rows = [
      ...(await store.digestOutbox.listWithEmail({ status: 'pending', limit: 50 })),
      ...(await store.digestOutbox.listWithEmail({ status: 'skipped', limit: 50 })),
    ];
    const forYouOf = (email: string) => rows.find((r) => r.email === email)!.content.forYou;
    expect(forYouOf('dot@example.org')).toEqual([wednesday!.paper.id]);
    expect(forYouOf('cy@example.org')).toEqual([]);
  });

  it('only users with interactions newer than their model are retrained', async () => {
    const user = await store.users.create({ username: 'ada' });
    const papers = (
      await store.listings.listRange({ from: '2024-04-30', to: '2024-05-01', sort: 'upvotes', limit: 10, offset: 0 })
    ).items;
    await store.votes.setVote({ userId: user, paperId: papers[0]!.paper.id, up: true });
    const train = () =>
      trainActiveUsers({
        store,
        corpus: () => loadRecCorpus({ store, today: '2024-05-01' }),
        now: new Date(),
        activeDays: 30,
      });
    // The seeded papers' voters are active too: everyone is trained once, then nobody until someone acts.
    const first = await train();
    expect(first.trained).toBeGreaterThanOrEqual(1);
    expect(await train()).toEqual({ trained: 0, upToDate: first.trained });
    await new Promise((r) => setTimeout(r, 5));
    await store.votes.setVote({ userId: user, paperId: papers[1]!.paper.id, up: true });
    expect(await train()).toEqual({ trained: 1, upToDate: first.trained - 1 });
    expect((await store.recommendations.getModels([user])).get(user)?.positives).toBe(2);
  });
});

describe('the scheduled digests job', () => {
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink();
  });
  afterEach(async () => {
    await sink.close();
  });

  it('holds a lease while it builds and sends what is due, and says so in the job state', async () => {
    const store = await storeFactories[0]!.open('digest-job');
    const now = new Date();
    const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    await seedListed(store, [{ day: yesterday, upvotes: 1 }]);
    // An hour that has surely passed on every weekday schedule: sendHour 0 with no settling.
    await addSubscriber(store, { email: 'job@example.org', preferences: { sendHour: 0 } });
    const world = await digestServices({
      store,
      env: { DAILYPAPERS_MAIL_SMTP_URL: sink.url, DAILYPAPERS_DIGEST_SETTLE_HOURS: '0' },
    });
    world.close();
    const { config, logger } = world;
    const services = await buildServices({ config, logger, store, searchIndexPath: ':memory:' });
    const job = declareJobs(services).find((j) => j.name === 'digests')!;
    const outcome = await runJobOnce({ job, jobs: store.jobs, logger: pino({ level: 'silent' }) });
    expect(outcome.ran).toBe(true);
    const weekday = ![0, 6].includes(new Date(`${yesterday}T00:00:00Z`).getUTCDay());
    if (weekday) {
      expect(outcome.ran && 'result' in outcome && outcome.result.message).toMatch(/1 built, 1 sent/);
      await sink.waitFor((m) => m.to !== undefined && !Array.isArray(m.to) && m.to.text === 'job@example.org');
    }
    expect((await store.jobs.list()).find((j) => j.name === 'digests')).toMatchObject({
      lastStatus: 'ok',
      lockedBy: null,
    });
    await services.close();
  });
});
