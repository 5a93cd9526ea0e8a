import { describe, expect, it } from 'vitest';
import { makePaper } from '../../../test/support/papers.js';
import type { StoredPaper } from '../../papers/papers.models.js';
import type { FeedSource } from './feed.models.js';
import { renderFeed, summaryOf, xmlSafe } from './feed-builder.js';
import { feedparse } from './feeds.test-utils.js';

const ORIGIN = 'https://papers.example.org';

function stored(overrides: Partial<StoredPaper> = {}): StoredPaper {
  return { ...makePaper(), id: 1, changeSeq: 1, codeUrl: null, projectUrl: null, ...overrides };
}

function source(overrides: Partial<FeedSource> = {}): FeedSource {
  return {
    title: 'Test feed',
    description: 'Things',
    pagePath: '/',
    feedPath: '/feeds/test',
    feedQuery: '',
    entries: [],
    lastModified: null,
    ...overrides,
  };
}

describe('feed builder', () => {
  it('drops characters XML forbids, including unpaired surrogates, and keeps everything else', () => {
    expect(xmlSafe('a\u0000b\u0008c\u000Bd\uFFFEe\uD800f')).toBe('abcdef');
    expect(xmlSafe('tab\tnl\ncr\r é 😀 \u2028')).toBe('tab\tnl\ncr\r é 😀 \u2028');
  });

  it('cuts long abstracts at a word boundary for the summary', () => {
    const long = `${'word '.repeat(200)}end`;
    const summary = summaryOf(long);
    expect(summary.length).toBeLessThanOrEqual(401);
    expect(summary.endsWith('word…')).toBe(true);
    expect(summaryOf('Short\n  abstract.')).toBe('Short abstract.');
  });

  it('renders an empty source as a valid feed with a fixed date, so its ETag does not change by itself', () => {
    for (const format of ['rss', 'atom'] as const) {
      const xml = renderFeed({ source: source(), format, origin: ORIGIN });
      expect(feedparse(xml).bozo).toBe(0);
      expect(renderFeed({ source: source(), format, origin: ORIGIN })).toBe(xml);
    }
  });

  it('names at most 50 authors, then "et al.", in both formats', () => {
    const authors = Array.from({ length: 120 }, (_, i) => ({ name: `Author ${i}` }));
    const entries = [{ paper: stored({ authors }), date: '2024-05-01T00:00:00Z' }];
    for (const format of ['rss', 'atom'] as const) {
      const parsed = feedparse(renderFeed({ source: source({ entries }), format, origin: ORIGIN }));
      expect(parsed.entries[0]!.authors).toHaveLength(51);
      expect(parsed.entries[0]!.authors.at(-1)).toBe('et al.');
    }
  });

  it('links code and project pages and says who submitted the paper and whether it was withdrawn', () => {
    const paper = stored({ codeUrl: 'https://github.com/o/r', projectUrl: 'javascript:alert(1)', withdrawn: true });
    const xml = renderFeed({
      source: source({ entries: [{ paper, date: '2024-05-01T00:00:00Z', submittedBy: 'alice' }] }),
      format: 'atom',
      origin: ORIGIN,
    });
    const content = feedparse(xml).entries[0]!.content;
    expect(content).toContain('<a href="https://github.com/o/r">Code</a>');
    expect(content).not.toContain('javascript:');
    expect(content).toContain('Submitted by alice');
    expect(content).toContain('<strong>Withdrawn</strong>');
  });

  it('points the feed at itself in both formats and at the page it mirrors', () => {
    const s = source({ pagePath: '/papers?date=2024-05-01', feedQuery: '?date=2024-05-01' });
    const rss = renderFeed({ source: s, format: 'rss', origin: ORIGIN });
    expect(rss).toContain('<atom:link href="https://papers.example.org/feeds/test.rss?date=2024-05-01" rel="self"');
    const atom = renderFeed({ source: s, format: 'atom', origin: ORIGIN });
    expect(atom).toContain('<link rel="self" href="https://papers.example.org/feeds/test.atom?date=2024-05-01"/>');
    expect(feedparse(atom).link).toBe('https://papers.example.org/papers?date=2024-05-01');
  });
});
