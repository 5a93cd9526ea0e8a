// /feeds/orgs/{slug}.{rss,atom}: an organization's papers, newest arXiv date first, as its page lists them.
import { orgPath } from '../../organizations/organizations.models.js';
import { getOrganizationPage } from '../../organizations/organizations.usecases.js';
import type { Services } from '../../services.js';
import type { FeedLinkVM } from '../views/view-models.js';
import type { FeedSource } from './feed.models.js';

export const organizationFeedPath = (slug: string) => `/feeds/orgs/${encodeURIComponent(slug)}`;

export async function organizationFeedSource(args: {
  store: Services['store'];
  slug: string;
  maxItems: number;
}): Promise<FeedSource> {
  const org = await getOrganizationPage({
    store: args.store,
    viewer: null,
    slug: args.slug,
    page: 1,
    pageSize: args.maxItems,
  });
  const { name, slug } = org.organization;
  return {
    title: `Papers of ${name}`,
    description: `Papers attributed to ${name} in this library.`,
    pagePath: orgPath(slug),
    feedPath: organizationFeedPath(slug),
    feedQuery: '',
    entries: org.items.map((i) => ({ paper: i.paper, date: i.paper.publishedAt, submittedBy: i.listing?.submittedBy })),
    // An attribution can add an older paper: the newest date would not say that the feed changed.
    lastModified: null,
  };
}

export function organizationFeedLinks(org: { slug: string; name: string }): FeedLinkVM[] {
  const path = organizationFeedPath(org.slug);
  return [
    { title: `Papers of ${org.name} (RSS)`, href: `${path}.rss`, type: 'application/rss+xml' },
    { title: `Papers of ${org.name} (Atom)`, href: `${path}.atom`, type: 'application/atom+xml' },
  ];
}
