// The version history on a paper page: v1 … latest with their dates, "withdrawn" on a withdrawal, and links to
// compare the versions whose title and abstract this library saw (arXiv serves only the latest text).
import type { VersionHistoryEntry } from '../../papers/versions.models.js';
import { html, type SafeHtml, safeUrl } from '../../render/html.js';
import { paperPath } from '../../render/paths.js';
import { formatDate, isoDateTime } from './format.js';

function versionDiffHref(arxivId: string, from: number, to: number): string {
  return `${paperPath(arxivId)}/diff?from=v${from}&to=v${to}`;
}

export function versionLabel(entry: Pick<VersionHistoryEntry, 'version' | 'atLeast'>): string {
  return entry.atLeast ? `v${entry.version} or later` : `v${entry.version}`;
}

/** Empty for a paper with one version that is not withdrawn: the details sidebar already shows its date. */
export function versionHistorySection(opts: {
  arxivId: string;
  absUrl: string;
  entries: readonly VersionHistoryEntry[];
}): SafeHtml {
  const { arxivId, entries } = opts;
  if (entries.length < 2 && !entries.some((e) => e.withdrawn)) return html``;
  const known = entries.filter((e) => e.textKnown);
  const compareWithPrevious = (entry: VersionHistoryEntry) => {
    const previous = known.filter((k) => k.version < entry.version).at(-1);
    return entry.textKnown && previous
      ? html` · <a class="version-compare" href="${versionDiffHref(arxivId, previous.version, entry.version)}">changes since v${previous.version}</a>`
      : '';
  };
  const items = entries.map(
    (e) =>
      html`<li data-version="${e.version}"><a href="${safeUrl(`${opts.absUrl}v${e.version}`)}">${versionLabel(e)}</a>${
        e.date
          ? html` <time datetime="${isoDateTime(e.date)}">${formatDate(e.date)}</time>`
          : html` <span class="muted">(date not known)</span>`
      }${e.size ? html` <span class="muted">(${e.size})</span>` : ''}${
        e.withdrawn ? html` <span class="badge badge-warning">withdrawn</span>` : ''
      }${compareWithPrevious(e)}</li>`,
  );
  const unknown = entries.filter((e) => !e.textKnown).map((e) => `v${e.version}`);
  return html`<section id="version-history" class="version-history" aria-labelledby="version-history-heading">
<h2 id="version-history-heading">Version history</h2>
<ol class="version-history-list">${items}</ol>
${
  unknown.length > 0
    ? html`<p class="muted version-texts-note">Title and abstract of ${unknown.join(', ')} not known here: arXiv serves only a paper's latest text, and this library keeps a version's text only when it saw that version.</p>`
    : ''
}
</section>`;
}
