// /papers/{id}/diff?from=v1&to=v2: what changed in the title and abstract between two versions, word by word
// (render/text-diff.ts: escaped, formulas kept whole and rendered), with a picker over the versions whose text is known.
import type { VersionComparison } from '../../papers/versions.usecases.js';
import { html, type SafeHtml } from '../../render/html.js';
import { texToPlainText } from '../../render/math.js';
import { paperPath } from '../../render/paths.js';
import { diffText, renderTextDiff, type TextDiff } from '../../render/text-diff.js';
import { plural } from './format.js';
import { layout } from './layout.js';
import { oneLine } from './paper-card.js';
import { versionLabel } from './version-history.js';
import type { ChromeVM } from './view-models.js';

export function versionDiffPage(vm: { chrome: ChromeVM; comparison: VersionComparison }): SafeHtml {
  const { paper, history, from, to, knownVersions } = vm.comparison;
  const label = (version: number) => {
    const entry = history.find((e) => e.version === version);
    const name = versionLabel(entry ?? { version, atLeast: false });
    return entry?.withdrawn ? `${name} (withdrawn)` : name;
  };
  const title = diffText(oneLine(from.title), oneLine(to.title));
  const abstract = diffText(oneLine(from.abstract), oneLine(to.abstract));
  const same = title.parts.every((p) => p.op === 'equal') && abstract.parts.every((p) => p.op === 'equal');
  const body = html`<article class="version-diff">
<p class="paper-eyebrow"><a href="${paperPath(paper.arxivId)}">arXiv:${paper.arxivId}</a></p>
<h1>Changes from ${label(from.version)} to ${label(to.version)}</h1>
${picker({ arxivId: paper.arxivId, knownVersions, from: from.version, to: to.version, label })}
${same ? html`<p class="banner" role="note">Title and abstract are the same in ${label(from.version)} and ${label(to.version)}.</p>` : ''}
<section aria-labelledby="diff-title-heading">
<h2 id="diff-title-heading">Title ${counts(title)}</h2>
<p class="diff-text diff-title">${renderTextDiff(title)}</p>
</section>
<section aria-labelledby="diff-abstract-heading">
<h2 id="diff-abstract-heading">Abstract ${counts(abstract)}</h2>
<p class="diff-text diff-abstract">${renderTextDiff(abstract)}</p>
</section>
<p class="muted">Struck-out text is in ${label(from.version)} only, underlined text in ${label(to.version)} only. Texts known here: ${knownVersions.map((v) => label(v)).join(', ')} (arXiv serves only a paper's latest text; this library keeps a version's text from when it saw it).</p>
</article>`;
  return layout({
    vm: {
      chrome: vm.chrome,
      title: `Changes ${label(from.version)} → ${label(to.version)}: ${oneLine(texToPlainText(paper.title))}`,
      canonicalPath: `${paperPath(paper.arxivId)}/diff?from=v${from.version}&to=v${to.version}`,
    },
    body,
  });
}

function counts(diff: TextDiff): SafeHtml {
  if (diff.deleted === 0 && diff.inserted === 0) return html`<span class="muted">(unchanged)</span>`;
  return html`<span class="muted">(${plural({ count: diff.deleted, one: 'word', many: 'words' })} removed, ${plural({ count: diff.inserted, one: 'word', many: 'words' })} added)</span>`;
}

function picker(opts: {
  arxivId: string;
  knownVersions: number[];
  from: number;
  to: number;
  label: (version: number) => string;
}): SafeHtml {
  if (opts.knownVersions.length < 2) return html``;
  const select = (name: 'from' | 'to', selected: number) =>
    html`<select name="${name}" id="${`diff-${name}`}">${opts.knownVersions.map(
      (v) => html`<option value="${`v${v}`}"${v === selected ? html` selected` : ''}>${opts.label(v)}</option>`,
    )}</select>`;
  return html`<form class="version-picker" method="get" action="${`${paperPath(opts.arxivId)}/diff`}">
<label for="diff-from">From</label> ${select('from', opts.from)}
<label for="diff-to">to</label> ${select('to', opts.to)}
<button type="submit" class="button">Compare</button>
</form>`;
}
