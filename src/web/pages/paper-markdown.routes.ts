// GET /papers/{id}.md: the paper page as Markdown (huggingface_hub's `read_paper`), for programs and LLMs.
// TeX stays as written; only what would turn text into Markdown structure or HTML tags is escaped.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { arxivAbsUrl, arxivPdfUrl } from '../../core/arxiv-id.js';
import type { PaperWithListing } from '../../papers/papers.usecases.js';
import { paperPath } from '../../render/paths.js';
import type { Services } from '../../services.js';
import { findPaperOr404 } from '../api/hf/find-paper.js';
import { appendVary } from '../plugins/vary.js';
import { formatDate } from '../views/format.js';

/** Escapes what could open an HTML tag or comment; "a < b" in an abstract stays readable. */
function inline(text: string): string {
  return text
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/<(?=[A-Za-z/!?])/g, '\\<');
}

/** A paragraph must not start a heading, quote, list or rule. */
function paragraph(text: string): string {
  return inline(text).replace(/^([#>+=*-]|\d+[.)])/, '\\$1');
}

function linkText(text: string): string {
  return inline(text).replace(/[[\]]/g, '\\$&');
}

export function paperMarkdown({ paper, listing, origin }: PaperWithListing & { origin: string }): string {
  const facts: Array<[string, string | null]> = [
    ['Authors', paper.authors.map((a) => inline(a.name)).join(', ') || null],
    ['arXiv', `[${paper.arxivId}](${arxivAbsUrl(paper.arxivId)}) · [PDF](${arxivPdfUrl(paper.arxivId)})`],
    [
      'Published',
      paper.version > 1
        ? `${formatDate(paper.publishedAt)} (v${paper.version}: ${formatDate(paper.updatedAt)})`
        : formatDate(paper.publishedAt),
    ],
    [
      'Categories',
      paper.categories.length > 0
        ? [`${paper.primaryCategory} (primary)`, ...paper.categories.filter((c) => c !== paper.primaryCategory)].join(
            ', ',
          )
        : null,
    ],
    ['Code', paper.codeUrl ? `<${paper.codeUrl}>` : null],
    ['Project page', paper.projectUrl ? `<${paper.projectUrl}>` : null],
    ['Comments', paper.comments ? inline(paper.comments) : null],
    ['Journal reference', paper.journalRef ? inline(paper.journalRef) : null],
    ['DOI', paper.doi ? `[${linkText(paper.doi)}](https://doi.org/${encodeURI(paper.doi)})` : null],
    ['Listed', listing ? listedLine(listing) : null],
  ];
  const abstract = paper.abstract
    .trim()
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim())
    .map(paragraph);
  return [
    `# ${inline(paper.title)}`,
    '',
    ...(paper.withdrawn ? ['> **Withdrawn.** The authors have withdrawn this paper from arXiv.', ''] : []),
    ...facts.filter(([, value]) => value).map(([label, value]) => `- **${label}:** ${value}`),
    '',
    '## Abstract',
    '',
    abstract.join('\n\n'),
    '',
    `---`,
    `Page: <${origin}${paperPath(paper.arxivId)}>`,
    '',
  ].join('\n');
}

function listedLine(listing: NonNullable<PaperWithListing['listing']>): string {
  const by = listing.submittedBy ? `, submitted by ${inline(listing.submittedBy)}` : '';
  return `${formatDate(listing.listedOn)}${by} · ${listing.upvotes} upvote${listing.upvotes === 1 ? '' : 's'}`;
}

const MARKDOWN = 'text/markdown; charset=utf-8';

/** The paper page as Markdown, for a route that negotiates (the paper page, the HF paper API); both vary by Accept. */
export async function sendPaperMarkdown({
  services,
  idText,
  reply,
}: {
  services: Services;
  idText: string;
  reply: FastifyReply;
}): Promise<FastifyReply> {
  const origin = services.config.server.publicUrl.replace(/\/+$/, '');
  const markdown = paperMarkdown({ ...(await findPaperOr404({ services, idText })), origin });
  appendVary(reply, 'Accept');
  return reply.type(MARKDOWN).send(markdown);
}

export async function paperMarkdownRoutes(app: FastifyInstance, opts: { services: Services; origin: string }) {
  const { services, origin } = opts;
  const send = async (idText: string) => paperMarkdown({ ...(await findPaperOr404({ services, idText })), origin });
  app.get<{ Params: { id: string } }>('/papers/:id.md', { schema: { hide: true } }, async (request, reply) =>
    reply.type(MARKDOWN).send(await send(request.params.id)),
  );
  // Old-style ids ("hep-th/9901001") span two path segments.
  app.get<{ Params: { archive: string; num: string } }>(
    '/papers/:archive/:num.md',
    { schema: { hide: true } },
    async (request, reply) => reply.type(MARKDOWN).send(await send(`${request.params.archive}/${request.params.num}`)),
  );
}
