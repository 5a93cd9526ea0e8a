// Which representation a client asks for where one URL has several: the paper page and the HF paper API answer
// Markdown to `Accept: text/markdown` (pages/paper-markdown.routes.ts), and the page cache keeps the two apart.
import type { FastifyRequest } from 'fastify';

/**
 * Whether the client asks for Markdown rather than HTML or JSON (`Accept: text/markdown`, as LLM tools send it):
 * text/markdown is listed with a quality above zero and at least that of every HTML and JSON type listed.
 */
export function prefersMarkdown(request: Pick<FastifyRequest, 'headers'>): boolean {
  const header = request.headers.accept;
  if (!header?.includes('markdown')) return false;
  const quality = new Map<string, number>();
  for (const part of header.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = q ? Number(q.slice(2)) : 1;
    quality.set(type!.trim(), Number.isFinite(value) ? value : 0);
  }
  const markdown = quality.get('text/markdown') ?? 0;
  const rivals = ['text/html', 'application/json', 'application/xhtml+xml'].map((t) => quality.get(t) ?? 0);
  return markdown > 0 && rivals.every((q) => markdown >= q);
}
