// /authors/{slug}: an author's papers. The slug is the folded author key (core/author-key.ts); any other spelling
// of the name in the path ("/authors/Paul Lévy", "/authors/PAUL-LEVY") is redirected to it for good (301), so each
// author has one address that links, bookmarks and search engines agree on.
import type { FastifyInstance } from 'fastify';
import { annotateCards } from '../../community/cards.usecases.js';
import { canonicalAuthorSlug, getAuthorPapers } from '../../papers/authors.usecases.js';
import { authorNotFound } from '../../papers/papers.errors.js';
import type { Services } from '../../services.js';
import { authorFeedLinks } from '../feeds/feed-links.js';
import { pageChrome } from '../plugins/chrome.js';
import { authorPage, authorPageHref } from '../views/author-page.js';
import { sendHtml } from './community-http.js';
import { cardVM } from './daily.vm.js';

const querystring = {
  type: 'object',
  properties: { page: { type: 'integer', minimum: 1, maximum: 10000 } },
} as const;

export async function authorRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  const { store } = services;

  app.get<{ Params: { slug: string }; Querystring: { page?: number } }>(
    '/authors/:slug',
    { schema: { hide: true, querystring } },
    async (request, reply) => {
      const requested = request.params.slug.slice(0, 300);
      const slug = canonicalAuthorSlug(requested);
      if (!slug) throw authorNotFound({ message: 'An author page needs a name with letters or digits.' });
      const path = `/authors/${encodeURIComponent(slug)}`;
      const page = request.query.page ?? 1;
      if (slug !== requested) return reply.redirect(authorPageHref(path, page), 301);
      const author = await getAuthorPapers({ store, slug, page, pageSize: services.config.pages.pageSize });
      const notes = await annotateCards({
        store,
        viewer: request.viewer,
        paperIds: author.items.map((i) => i.paper.id),
      });
      const chrome = await pageChrome(request, reply, services);
      return sendHtml(
        reply,
        authorPage({
          chrome,
          name: author.name,
          path,
          otherSpellings: author.otherSpellings,
          total: author.total,
          cards: author.items.map((item) => cardVM(item, undefined, notes)),
          page: author.page,
          pageCount: author.pageCount,
          coAuthors: author.coAuthors,
          alternateFeeds: authorFeedLinks({ key: author.key, name: author.name }),
        }),
      );
    },
  );
}
