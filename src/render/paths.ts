// Paths of the site's pages, shared by the web pages, feeds and mails (which link back to the site).

/** Old-style ids contain a slash ("hep-th/9901001"); it stays a path separator, as on arxiv.org. */
export function paperPath(arxivId: string): string {
  return `/papers/${arxivId.split('/').map(encodeURIComponent).join('/')}`;
}

export function upvotePath(arxivId: string): string {
  return `${paperPath(arxivId)}/upvote`;
}
