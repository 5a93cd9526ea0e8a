// Turns a built digest (paper ids per section) into the mail a subscriber receives: signed click and unsubscribe
// links, RFC 8058 one-click headers and a Message-ID that is the same every time this outbox row is sent, so that
// the one message a crash may resend is recognisable as a duplicate by receiving servers and clients.
import type { MailMessage } from '../mail/mailer.js';
import type { StoredPaper } from '../papers/papers.models.js';
import { paperPath } from '../render/paths.js';
import type { Store } from '../store/store.js';
import type { DigestContent, Subscription } from './digest.models.js';
import { clickMac, digestUrls, signDigestToken, signNotInterestedToken } from './digest-links.js';
import { periodFromKey } from './digest-period.js';
import { type DigestPaper, renderDigest } from './digest-render.js';
import { loadExplainer, type PaperExplanation } from './recommend/explain.usecases.js';
import { MIN_POSITIVES } from './recommend/recommender.js';
import type { RecCorpus } from './recommend/train.usecases.js';

export const SITE_NAME = 'dailypapers';

export interface ComposeInput {
  /** The outbox row; null for a dry run, whose links then point straight at the papers. */
  outboxId: number | null;
  subscription: Pick<Subscription, 'id' | 'email'> & Partial<Pick<Subscription, 'userId'>>;
  periodKey: string;
  content: DigestContent;
}

export function digestMessageId(opts: { outboxId: number | null; periodKey: string; origin: string }): string {
  const host = new URL(opts.origin).hostname || 'localhost';
  return `<digest.${opts.outboxId ?? 'preview'}.${opts.periodKey.replace(/[^A-Za-z0-9-]/g, '-')}@${host}>`;
}

/**
 * Composes digest mails, caching papers and upvote counts across the rows of one run (most subscribers share the
 * period's top papers). Papers withdrawn or deleted since the digest was built are left out.
 */
export function createDigestComposer(opts: {
  store: Store;
  secret: string;
  origin: string;
  /** The recommendation corpus, to explain each recommendation; without it recommendations carry no "why". */
  recCorpus?: () => Promise<RecCorpus>;
  now?: () => Date;
}) {
  const urls = digestUrls(opts.origin);
  const papers = new Map<number, StoredPaper | null>();
  const upvotes = new Map<number, number | null>();

  async function load(ids: number[]) {
    const missing = [...new Set(ids)].filter((id) => !papers.has(id));
    if (missing.length === 0) return;
    const found = await opts.store.papers.findByIds(missing);
    const votes = await opts.store.listings.upvotesByPaperIds(missing);
    for (const id of missing) {
      papers.set(id, null);
      upvotes.set(id, votes.get(id) ?? null);
    }
    for (const p of found) papers.set(p.id, p.withdrawn ? null : p);
  }

  // Recommendations carry a signed "not interested" link (an account's digest only: the mark is the account's)
  // and why they are recommended, from the reader's model as it is now.
  async function recommendationEntries(input: ComposeInput, list: DigestPaper[]): Promise<DigestPaper[]> {
    const userId = input.subscription.userId ?? null;
    if (list.length === 0 || userId === null) return list;
    const now = opts.now?.() ?? new Date();
    const subject = { id: input.subscription.id, email: input.subscription.email };
    let explain: ((paper: StoredPaper) => PaperExplanation) | null = null;
    const model = opts.recCorpus ? ((await opts.store.recommendations.getModels([userId])).get(userId) ?? null) : null;
    // Only a trusted model ranked the list (else chosen categories and authors did): only then does it explain it.
    if (opts.recCorpus && model && model.positives >= MIN_POSITIVES) {
      explain = await loadExplainer({ store: opts.store, userId, corpus: await opts.recCorpus(), model });
    }
    return list.map((entry) => {
      const why = explain?.(entry.paper);
      // A dry run's links point straight at the papers: it signs nothing.
      const token =
        input.outboxId === null
          ? null
          : signNotInterestedToken({ secret: opts.secret, subject, paperId: entry.paper.id, now });
      return {
        ...entry,
        notInterestedHref: token ? urls.notInterested({ token, paperId: entry.paper.id }) : undefined,
        why: why && {
          because: why.because && { title: why.because.paper.title, kind: why.because.kind },
          terms: why.terms,
        },
      };
    });
  }

  return {
    async compose(input: ComposeInput): Promise<MailMessage> {
      const { content } = input;
      await load([
        ...content.top,
        ...content.searches.flatMap((s) => s.paperIds),
        ...content.forYou,
        ...(content.following ?? []),
      ]);
      const entries = (ids: number[]): DigestPaper[] =>
        ids.flatMap((id) => {
          const paper = papers.get(id);
          if (!paper) return [];
          const href =
            input.outboxId === null
              ? `${urls.site}${paperPath(paper.arxivId)}`
              : urls.click({
                  outboxId: input.outboxId,
                  paperId: id,
                  mac: clickMac({ secret: opts.secret, outboxId: input.outboxId, paperId: id }),
                });
          return [{ paper, upvotes: upvotes.get(id) ?? null, href }];
        });
      const subject = { id: input.subscription.id, email: input.subscription.email };
      const forYou = await recommendationEntries(input, entries(content.forYou));
      const unsubscribeUrl = urls.unsubscribe(
        signDigestToken({ secret: opts.secret, purpose: 'digest-unsubscribe', subject }),
      );
      const rendered = renderDigest({
        siteName: SITE_NAME,
        siteUrl: urls.site,
        period: periodFromKey(input.periodKey),
        top: entries(content.top),
        searches: content.searches.map((s) => ({ query: s.query, papers: entries(s.paperIds) })),
        forYou,
        following: entries(content.following ?? []),
        manageUrl: urls.manage(signDigestToken({ secret: opts.secret, purpose: 'digest-manage', subject })),
        unsubscribeUrl,
      });
      return {
        to: input.subscription.email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        headers: {
          'Message-ID': digestMessageId({ outboxId: input.outboxId, periodKey: input.periodKey, origin: opts.origin }),
          'List-Unsubscribe': `<${unsubscribeUrl}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'List-Id': `${SITE_NAME} digest <digest.${new URL(opts.origin).hostname || 'localhost'}>`,
        },
      };
    },
  };
}

export type DigestComposer = ReturnType<typeof createDigestComposer>;
