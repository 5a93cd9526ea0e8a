import { describe, expect, it } from 'vitest';
import { type CorpusStats, extractKeywords, keywordKey } from './extract.js';
import { KEYWORD_STOP_WORDS } from './keyword-words.js';

/** A library of 1,000 papers in which the words listed are as common as given; every other word is rare (df 1). */
function stats(common: Record<string, number> = {}): CorpusStats {
  return { docCount: 1000, documentFrequencies: (words) => words.map((w) => common[w] ?? 1) };
}

const MAMBA = {
  title: 'Mamba: Linear-Time Sequence Modeling with Selective State Spaces',
  abstract: `Foundation models, now powering most of the exciting applications in deep learning, are almost
universally based on the Transformer architecture and its core attention module. Many subquadratic-time
architectures such as linear attention, gated convolution and recurrent models, and structured state space models
(SSMs) have been developed to address Transformers' computational inefficiency on long sequences, but they have not
performed as well as attention on important modalities such as language. We identify that a key weakness of such
models is their inability to perform content-based reasoning, and make several improvements. First, simply letting
the SSM parameters be functions of the input addresses their weakness with discrete modalities. We integrate these
selective SSMs into a simplified end-to-end neural network architecture without attention or even MLP blocks
(Mamba). Mamba enjoys fast inference and linear scaling in sequence length.`,
};

describe('extractKeywords', () => {
  it('finds the phrases a reader would name for a known abstract (hand-checked)', () => {
    const keywords = extractKeywords({
      ...MAMBA,
      stats: stats({ model: 600, architecture: 300, attention: 250, language: 400, learning: 500, sequence: 150 }),
    });
    const keys = keywords.map((k) => keywordKey(k.split(/\s+/)));
    expect(keys).toContain('mamba');
    expect(keys.some((k) => k.includes('state space'))).toBe(true);
    expect(keys.some((k) => k.includes('ssm'))).toBe(true);
    expect(keys).toContain('gated convolution');
    expect(keywords).toHaveLength(10);
  });

  it('never starts or ends a keyword with a stop word, a generic research word or a number', () => {
    const keywords = extractKeywords({ ...MAMBA, stats: stats() });
    for (const k of keywords) {
      const words = k.toLowerCase().split(/\s+/);
      for (const edge of [words[0]!, words.at(-1)!]) {
        expect(KEYWORD_STOP_WORDS.has(edge), k).toBe(false);
        expect(/^\d/.test(edge), k).toBe(false);
      }
      expect(k).not.toMatch(/\b(we|propose|novel|results)\b/i);
    }
  });

  it('strips TeX: math is a phrase boundary and TeX accents and commands become text', () => {
    const keywords = extractKeywords({
      title: "Sparse $\\ell_1$ recovery for L\\'evy processes",
      abstract:
        "We study \\emph{compressed sensing} of L\\'evy processes with $\\alpha$-stable noise, where $k \\ll n$.",
      stats: stats(),
    });
    expect(keywords.join(' ')).not.toMatch(/[$\\{}]/);
    expect(keywords).toContain('compressed sensing');
    expect(keywords.map((k) => k.toLowerCase())).toContain('lévy processes');
  });

  it('gives one keyword for the singular, plural and capitalised forms, in the form the text uses most', () => {
    const keywords = extractKeywords({
      title: 'Language Models as Annotators',
      abstract: 'Language models annotate text. A language model can annotate. Large language models annotate better.',
      stats: stats(),
    });
    const forms = keywords.filter((k) => keywordKey(k.split(/\s+/)) === 'language model');
    expect(forms).toEqual(['language models']);
  });

  it('keeps the case of acronyms and coined names, lowercases ordinary title words', () => {
    const keywords = extractKeywords({
      title: 'LoRA: Low-Rank Adaptation of Large Language Models',
      abstract: 'We propose LoRA, which freezes the pretrained weights and injects low-rank decomposition matrices.',
      stats: stats(),
    });
    expect(keywords).toContain('LoRA');
    expect(keywords.some((k) => k.startsWith('low-rank'))).toBe(true);
    expect(keywords.every((k) => !k.includes('Low-Rank'))).toBe(true);
  });

  it('ranks a phrase made of rare words above one made of words every paper uses', () => {
    const common = { neural: 700, network: 700, results: 900 };
    const keywords = extractKeywords({
      title: 'Neural networks for quasicrystal tilings',
      abstract: 'Neural networks classify quasicrystal tilings. Neural networks are trained on quasicrystal tilings.',
      stats: stats(common),
    });
    expect(keywords[0]).toBe('quasicrystal tilings');
  });

  it('answers nothing for empty text and never repeats a keyword', () => {
    expect(extractKeywords({ title: '', abstract: '', stats: stats() })).toEqual([]);
    const keywords = extractKeywords({ ...MAMBA, stats: stats(), limit: 20 });
    const keys = keywords.map((k) => keywordKey(k.split(/\s+/)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('treats every word as equally rare in a library too small for document frequencies to mean anything', () => {
    const tiny: CorpusStats = { docCount: 3, documentFrequencies: (words) => words.map(() => 3) };
    expect(extractKeywords({ ...MAMBA, stats: tiny }).length).toBeGreaterThan(0);
  });
});
