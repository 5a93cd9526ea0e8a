// The demo's submission flow. Its papers are real and from 2024, so the age rule for submissions (by default:
// first published on arXiv in the last 30 days) would refuse every one of them, and offline nothing else can be
// fetched. The demo keeps the data's last day unlisted (see demo-calendar.ts) and records those papers here as
// "new on arXiv on the day the demo was loaded": for them, and only for them, the age rule counts from that day.
// Everything else, and every paper on a site that never loaded the demo, keeps arXiv's own date.
import type { SubmissionCalendar } from '../community/submissions.usecases.js';
import type { Store } from '../store/store.js';

const CHECKPOINT = 'demo';

export interface DemoRecord {
  /** When the demo was loaded (ISO-8601). */
  loadedAt: string;
  /** Papers in the library that the demo did not list: today's arXiv papers nobody has submitted yet. */
  awaiting: string[];
}

export async function saveDemoRecord(store: Store, record: DemoRecord): Promise<void> {
  await store.checkpoints.set(CHECKPOINT, record);
}

export async function readDemoRecord(store: Store): Promise<DemoRecord | null> {
  return store.checkpoints.get<DemoRecord>(CHECKPOINT);
}

/** The date the age rule counts from for this paper: arXiv's first-version date, or the demo's day for its own. */
export async function ageRuleDate(store: Store, paper: { arxivId: string; publishedAt: string }): Promise<string> {
  const demo = await readDemoRecord(store);
  return demo?.awaiting.includes(paper.arxivId) ? demo.loadedAt : paper.publishedAt;
}

/** The demo's unlisted papers that nobody has submitted yet, for the submit page to offer; none on other sites. */
export async function demoPapersAwaiting(store: Store): Promise<Array<{ arxivId: string; title: string }>> {
  const demo = await readDemoRecord(store);
  const waiting: Array<{ arxivId: string; title: string }> = [];
  for (const arxivId of demo?.awaiting ?? []) {
    const paper = await store.papers.findByArxivId(arxivId);
    if (paper && !(await store.listings.findByPaperId(paper.id))) waiting.push({ arxivId, title: paper.title });
  }
  return waiting;
}

/** The calendar submission counts by (community/submissions.usecases.ts), wired once in services.ts. */
export function demoSubmissionCalendar(store: Store): SubmissionCalendar {
  return {
    ageRuleDate: (paper) => ageRuleDate(store, paper),
    papersAwaiting: () => demoPapersAwaiting(store),
  };
}
