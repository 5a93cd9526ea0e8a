// Links a paper's authors set (see paper-links.usecases.ts): the code repository, the project page and further
// links, each with the host's icon when it is a host we know.

export const EXTRA_LINK_KINDS = ['dataset', 'model', 'demo'] as const;
export type ExtraLinkKind = (typeof EXTRA_LINK_KINDS)[number];

export interface ExtraLink {
  kind: ExtraLinkKind;
  url: string;
}

/** What the authors chose; null fields leave the link extracted from the abstract in place. */
export interface AuthorLinks {
  codeUrl: string | null;
  projectUrl: string | null;
  extra: ExtraLink[];
}

export interface StoredAuthorLinks extends AuthorLinks {
  updatedBy: string | null;
  updatedAt: string;
}

export type LinkHost = 'github' | 'gitlab' | 'bitbucket' | 'huggingface' | 'zenodo' | 'kaggle' | 'colab' | 'other';

// Hosts recognised for their icon; everything else is shown as a plain link. Sub-domains count (gist.github.com,
// a self-hosted gitlab.example.org is not recognised: the icon would claim more than we know).
const HOSTS: ReadonlyArray<[LinkHost, string[]]> = [
  ['github', ['github.com', 'github.io']],
  ['gitlab', ['gitlab.com']],
  ['bitbucket', ['bitbucket.org']],
  ['huggingface', ['huggingface.co', 'hf.co']],
  ['zenodo', ['zenodo.org']],
  ['kaggle', ['kaggle.com']],
  ['colab', ['colab.research.google.com']],
];

/** The known host of an https URL, for its icon; 'other' for the rest. */
export function linkHost(url: string): LinkHost {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'other';
  }
  for (const [kind, domains] of HOSTS) {
    if (domains.some((d) => host === d || host.endsWith(`.${d}`))) return kind;
  }
  return 'other';
}
