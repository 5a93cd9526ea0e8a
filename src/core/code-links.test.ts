import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideData } from '../../test/support/fixtures.js';
import { extractLinks } from './code-links.js';

// Real abstracts from CSFCube (CC BY-NC 4.0) and huggingface.co responses (no stated licence): never shipped, read
// from ../shared/data; the edge cases further down stand alone.
const CSFCUBE = outsideData('csfcube');
const HF_DAILY = outsideData('hf-daily-papers');

function csfcubeAbstract(id: string): string {
  const lines = readFileSync(path.join(CSFCUBE.path, 'corpus.jsonl'), 'utf8').split('\n');
  const line = lines.find((l) => l.startsWith(`{"_id": "${id}"`));
  if (!line) throw new Error(`csfcube paper ${id} not found`);
  return (JSON.parse(line) as { text: string }).text;
}

interface HfPaper {
  id: string;
  summary: string;
  githubRepo?: string | null;
  projectPage?: string | null;
}

function hfPapers(): HfPaper[] {
  const dir = HF_DAILY.path;
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Array<{ paper: HfPaper }>)
    .map((item) => item.paper);
}

const urls = (texts: Array<string | null | undefined>) => extractLinks(texts).map((l) => l.url);

describe.skipIf(CSFCUBE.missing || HF_DAILY.missing)(`extractLinks on real abstracts (${CSFCUBE.reason})`, () => {
  it('finds the repository Hugging Face lists for every daily paper whose abstract names it', () => {
    const withRepoInAbstract = hfPapers().filter((p) => p.githubRepo && p.summary.includes(p.githubRepo));
    expect(withRepoInAbstract.length).toBeGreaterThan(5);
    for (const paper of withRepoInAbstract) {
      expect(urls([paper.summary]), paper.id).toContain(paper.githubRepo);
    }
  });

  it('drops the sentence-ending full stop after a repository URL', () => {
    const abstract = hfPapers().find((p) => p.id === '2606.12451')!.summary;
    expect(extractLinks([abstract])).toEqual([{ kind: 'github', url: 'https://github.com/SAP/toolsense' }]);
  });

  it('keeps code, model and project links of one abstract in order of appearance', () => {
    const abstract = hfPapers().find((p) => p.id === '2606.13392')!.summary;
    expect(extractLinks([abstract])).toEqual([
      { kind: 'github', url: 'https://github.com/MiniMax-AI/MSA' },
      { kind: 'huggingface', url: 'https://huggingface.co/MiniMaxAI/MiniMax-M3' },
    ]);
  });

  it('reads a project page that follows "Project page:" and trims its trailing slash', () => {
    const abstract = hfPapers().find((p) => p.id === '2606.12303')!.summary;
    expect(extractLinks([abstract])).toEqual([
      { kind: 'project', url: 'https://zju-xyc.github.io/1D-Fusion-Project-Page' },
    ]);
  });

  it('repairs "https: //github.com" left by PDF text extraction', () => {
    expect(urls([csfcubeAbstract('5476')])).toEqual(['https://github.com/thunlp/PathNRE']);
    expect(urls([csfcubeAbstract('53080999')])).toEqual(['https://github.com/thunlp/SDLM-pytorch']);
  });

  it('unwraps TeX \\url{} and \\footnote{} around a URL', () => {
    expect(urls([csfcubeAbstract('201103753')])).toEqual(['https://github.com/jacobvsdanniel/CA-EHN']);
    expect(urls([csfcubeAbstract('67855689')])).toEqual(['https://github.com/wabyking/qnn']);
  });

  it('trims a deep GitHub path to the repository', () => {
    expect(urls([csfcubeAbstract('167217261')])).toEqual(['https://github.com/tensorflow/tpu']);
  });

  it('ignores a GitHub user page, which names no repository', () => {
    expect(urls([csfcubeAbstract('51614438')])).toEqual([]);
  });

  it('takes a trailing " ." after a slash as punctuation', () => {
    expect(urls([csfcubeAbstract('196147469')])).toEqual(['https://github.com/lasigeBioTM/DiShIn']);
  });
});

describe('extractLinks edge cases', () => {
  it('returns nothing for texts without links, nulls and undefined', () => {
    expect(extractLinks([null, undefined, '', 'We study the $(k,\\ell)$-pebble game with colors.'])).toEqual([]);
  });

  it('accepts URLs without a scheme and writes them as https', () => {
    expect(urls(['Code: github.com/foo/bar-baz and www.github.com/foo/qux.'])).toEqual([
      'https://github.com/foo/bar-baz',
      'https://github.com/foo/qux',
    ]);
  });

  it('strips .git, query strings, fragments and parentheses', () => {
    expect(urls(['(see https://github.com/a/b.git) [http://github.com/c/d?tab=readme#top]'])).toEqual([
      'https://github.com/a/b',
      'https://github.com/c/d',
    ]);
  });

  it('keeps a balanced parenthesis that belongs to a URL path', () => {
    expect(urls(['Project page: https://example.org/a_(b).'])).toEqual(['https://example.org/a_(b)']);
  });

  it('deduplicates across abstract and comments, ignoring case of code URLs', () => {
    const links = extractLinks(['Code at https://github.com/Foo/Bar.', 'Code: https://github.com/foo/bar/tree/main']);
    expect(links).toEqual([{ kind: 'github', url: 'https://github.com/Foo/Bar' }]);
  });

  it('rejoins a repository URL that the abstract wrapped onto the next line', () => {
    expect(urls(['available at https://github.com/\nsome-org/some-repo for all'])).toEqual([
      'https://github.com/some-org/some-repo',
    ]);
    expect(urls(['available at https://github.com/some-org/long-\nname.'])).toEqual([
      'https://github.com/some-org/long-name',
    ]);
  });

  it('finds a URL on the line after the words that introduce it', () => {
    expect(extractLinks(['Results are shown on our project website:\n  http://www.lab.example.edu/proj/.'])).toEqual([
      { kind: 'project', url: 'http://lab.example.edu/proj' },
    ]);
  });

  it('ignores ordinary URLs that no project words introduce', () => {
    expect(urls(['Full resolution version at http://www.astronomy.ohio-state.edu/~gould/hot.ps.gz'])).toEqual([]);
    expect(urls(['See https://doi.org/10.1145/3106237.3106277, ESEC/FSE, 2017'])).toEqual([]);
  });

  it('classifies GitLab (with subgroups), Bitbucket and Hugging Face datasets and spaces', () => {
    expect(
      extractLinks([
        'https://gitlab.com/grp/sub/proj/-/tree/main, https://bitbucket.org/team/tool/src, ' +
          'hf.co/datasets/org/set/viewer and https://huggingface.co/spaces/Jiaqi-hkust/Robust-U1.',
      ]),
    ).toEqual([
      { kind: 'gitlab', url: 'https://gitlab.com/grp/sub/proj' },
      { kind: 'bitbucket', url: 'https://bitbucket.org/team/tool' },
      { kind: 'huggingface', url: 'https://huggingface.co/datasets/org/set' },
      { kind: 'huggingface', url: 'https://huggingface.co/spaces/Jiaqi-hkust/Robust-U1' },
    ]);
  });

  it('ignores Hugging Face pages that are not repositories and CDN hosts', () => {
    expect(
      urls([
        'https://huggingface.co/papers/2401.00001 https://huggingface.co/docs/hub https://cdn-avatars.huggingface.co/x/y',
      ]),
    ).toEqual([]);
  });

  it('undoes TeX escapes inside URLs', () => {
    expect(urls(['\\url{https://github.com/a/b\\_c} and \\href{https://x.github.io/\\~{}me}{page}'])).toEqual([
      'https://github.com/a/b_c',
      'https://x.github.io/~me',
    ]);
  });

  it('does not treat an e-mail address at github.com as a link', () => {
    expect(urls(['Contact: someone@github.com'])).toEqual([]);
  });
});
