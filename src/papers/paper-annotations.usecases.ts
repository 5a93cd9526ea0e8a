// What the Hugging Face–shaped API says about papers besides the paper itself: the comment count (`numComments`),
// the keywords (`ai_keywords`), the one-sentence summary (`ai_summary`, with `ai_summary_model`) and the
// organization (`organization`), read for a whole page of papers at once. Keywords and summaries derived from an older title or abstract are left out.
import { currentKeywords } from '../keywords/keywords.usecases.js';
import type { OrgBadge } from '../organizations/organizations.models.js';
import type { Store } from '../store/store.js';
import { currentSummary } from '../summaries/summaries.models.js';
import type { StoredPaper } from './papers.models.js';

export interface PaperAnnotations {
  numComments: number;
  keywords: string[];
  summary: string | null;
  summaryModel: string | null;
  /** The organization the paper is attributed to, if any (organizations/). */
  organization?: OrgBadge;
}

export async function paperAnnotations(
  store: Pick<Store, 'comments' | 'paperKeywords' | 'paperSummaries' | 'organizations'>,
  papers: readonly Pick<StoredPaper, 'id' | 'title' | 'abstract'>[],
): Promise<Map<number, PaperAnnotations>> {
  const ids = papers.map((p) => p.id);
  const [comments, keywords, summaries, organizations] = await Promise.all([
    store.comments.countsForPapers(ids),
    store.paperKeywords.forPapers(ids),
    store.paperSummaries.forPapers(ids),
    store.organizations.badgesFor(ids),
  ]);
  return new Map(
    papers.map((paper) => {
      const summary = currentSummary(paper, summaries);
      return [
        paper.id,
        {
          numComments: comments.get(paper.id) ?? 0,
          keywords: currentKeywords(paper, keywords),
          summary,
          summaryModel: summary ? (summaries.get(paper.id)?.model ?? null) : null,
          organization: organizations.get(paper.id),
        },
      ];
    }),
  );
}
