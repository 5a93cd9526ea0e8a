import { describe, expect, it } from 'vitest';
import { makePaper } from '../../test/support/papers.js';
import type { StoredPaper } from '../papers/papers.models.js';
import { periodContaining } from './digest-period.js';
import { type DigestPaper, oneLineExcerpt, renderDigest } from './digest-render.js';

function stored(overrides: Partial<StoredPaper> = {}): StoredPaper {
  return { ...makePaper(), id: 1, changeSeq: 1, codeUrl: null, projectUrl: null, ...overrides };
}

const entry = (paper: StoredPaper, upvotes: number | null = 3): DigestPaper => ({
  paper,
  upvotes,
  href: `https://papers.example/digest/open/1/${paper.id}/mac`,
});

const base = {
  siteName: 'dailypapers',
  siteUrl: 'https://papers.example',
  period: periodContaining({ kind: 'daily', day: '2024-05-01' }),
  searches: [],
  forYou: [],
  manageUrl: 'https://papers.example/digest/preferences?token=m',
  unsubscribeUrl: 'https://papers.example/digest/unsubscribe?token=u',
};

describe('digest rendering', () => {
  it('escapes titles, authors and abstracts in the HTML part and keeps them readable in the text part', () => {
    const paper = stored({
      title: 'Attacks <script>alert(1)</script> & defences',
      authors: [{ name: 'Eve "<b>" Hacker' }],
      abstract: 'We show that $a<b$ & more. Second sentence here.',
    });
    const mail = renderDigest({ ...base, top: [entry(paper)] });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Attacks &lt;script&gt;alert(1)&lt;/script&gt; &amp; defences');
    expect(mail.html).toContain('Eve &quot;&lt;b&gt;&quot; Hacker');
    expect(mail.text).toContain('1. Attacks <script>alert(1)</script> & defences');
    expect(mail.subject).toBe('Top papers of Wednesday, 1 May 2024 · dailypapers');
  });

  it('shows title, authors, one-line excerpt, upvotes, code link and the paper link, in both parts', () => {
    const paper = stored({ id: 42, arxivId: '2405.00042', codeUrl: 'https://github.com/org/repo' });
    const mail = renderDigest({
      ...base,
      top: [entry(paper, 17)],
      searches: [{ query: 'mixture of experts', papers: [entry(stored({ id: 43, title: 'Searched' }), null)] }],
    });
    for (const part of [mail.html, mail.text]) {
      expect(part).toContain(paper.title);
      expect(part).toContain('Ada Lovelace, Alan Turing');
      expect(part).toContain('We study things carefully and report results.');
      expect(part).toContain('▲ 17');
      expect(part).toContain('https://github.com/org/repo');
      expect(part).toContain('https://papers.example/digest/open/1/42/mac');
      expect(part).toContain('arXiv 2405.00042');
      expect(part).toContain('mixture of experts');
      expect(part).toContain('Searched');
      expect(part).toContain('unsubscribe?token=u');
      expect(part).toContain('preferences?token=m');
    }
    // Layout tables, inline styles and a dark-mode block: what common mail clients need.
    expect(mail.html).toContain('role="presentation"');
    expect(mail.html).toContain('prefers-color-scheme: dark');
    expect(mail.html).toContain('<meta name="color-scheme" content="light dark">');
  });

  it('shows text-mode TeX in titles and abstracts as the words it stands for, in both parts, keeping formulas', () => {
    const paper = stored({
      title: "On L\\'evy flights and \\emph{weak} solutions in $\\mathbb{R}^d$",
      abstract: 'We prove that Schr\\"odinger \\& heat flows agree for $d \\ge 3$ in general settings. More follows.',
    });
    const mail = renderDigest({ ...base, top: [entry(paper)] });
    expect(mail.text).toContain('1. On Lévy flights and weak solutions in $\\mathbb{R}^d$');
    expect(mail.text).toContain('We prove that Schrödinger & heat flows agree for $d \\ge 3$ in general settings.');
    expect(mail.html).toContain('On Lévy flights and weak solutions in $\\mathbb{R}^d$');
    expect(mail.html).toContain('We prove that Schrödinger &amp; heat flows agree');
    for (const part of [mail.html, mail.text]) {
      expect(part).not.toContain("L\\'evy");
      expect(part).not.toContain('\\emph');
    }
  });

  it('a code link that is not http(s) is neutralised', () => {
    const mail = renderDigest({ ...base, top: [entry(stored({ codeUrl: 'javascript:alert(1)' }))] });
    expect(mail.html).not.toContain('javascript:');
  });

  it('cuts an abstract to its first sentence, or at a word with an ellipsis when that is too long', () => {
    expect(oneLineExcerpt('We propose X for Y problems in general settings. Then we test it.')).toBe(
      'We propose X for Y problems in general settings.',
    );
    const long = oneLineExcerpt(`${'word '.repeat(100)}end.`, 50);
    expect(long.length).toBeLessThanOrEqual(51);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/wor…$/);
  });
});

describe('recommendations in a digest', () => {
  it('carry their "not interested" link and why, escaped in HTML and spelled out in text', () => {
    const paper = stored({ id: 7, title: 'Lattice surgery' });
    const mail = renderDigest({
      ...base,
      top: [],
      forYou: [
        {
          ...entry(paper),
          notInterestedHref: 'https://papers.example/digest/not-interested?paper=7&token=t',
          why: { because: { title: 'Codes <b>&</b> qubits', kind: 'collection' }, terms: ['surface codes', 'qubits'] },
        },
      ],
    });
    expect(mail.html).toContain('href="https://papers.example/digest/not-interested?paper=7&amp;token=t"');
    expect(mail.html).toContain(
      'Because you saved “Codes &lt;b&gt;&amp;&lt;/b&gt; qubits” · weighed most: surface codes, qubits',
    );
    expect(mail.text).toContain('   Because you saved “Codes <b>&</b> qubits” · weighed most: surface codes, qubits');
    expect(mail.text).toContain('   Not interested: https://papers.example/digest/not-interested?paper=7&token=t');
    // Top papers and search matches are not recommendations: no such link or line.
    const top = renderDigest({ ...base, top: [entry(paper)] });
    expect(top.text).not.toContain('Not interested');
    expect(top.html).not.toContain('Because you');
  });
});
