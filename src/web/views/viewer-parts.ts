// The parts of a page that belong to its reader: the account menu and its nav items, the CSRF token in each form,
// the reader's own vote and save state on each card, the flash message, the administrators' notice, the footer's
// digest line and the search page's "alert me". Everything else on a list page (the daily page, search results) is
// the same for every reader of the same URL at the same page version.
//
// A view renders a reader's part through `perViewer` (or `perCardViewer` on a card). Normally that just renders it
// with the request's chrome. When the page is rendered once as a shared template (web/pages/shared-pages.ts), the
// chrome carries a `template` recorder and no reader at all (user, token and flash are null): each part is then
// recorded as a function, and the template holds only a placeholder where its output will go. Per request, the
// template's text is joined with each recorded part rendered for that reader — by the very same view functions,
// so the joined page equals the one rendered for them from scratch (tested in shared-pages.test.ts).
import type { SafeHtml } from '../../render/html.js';
import type { ChromeVM, PaperCardVM, ReaderChrome } from './view-models.js';

export type { ReaderChrome, ViewerFacts, ViewerPart, ViewerSlots } from './view-models.js';

/** The chrome a part sees: the page's own (origin, path, search box …) with the reader's fields. */
const asReader = (chrome: ChromeVM, reader: ReaderChrome): ChromeVM => ({
  ...chrome,
  template: undefined,
  user: reader.user,
  csrfToken: reader.csrfToken,
  flash: reader.flash,
});

/** A part of the page chrome that depends on the reader (their name, role, token, flash message). */
export function perViewer(chrome: ChromeVM, part: (chrome: ChromeVM) => SafeHtml): SafeHtml {
  return chrome.template ? chrome.template.slot((reader) => part(asReader(chrome, reader))) : part(chrome);
}

/**
 * A part of a card that shows the reader's own state of its paper (vote, saved in). Recorded for a template, it
 * gets the card as the reader sees it: the same mapping as cardVM's from the page's annotations.
 */
export function perCardViewer(
  chrome: ChromeVM,
  card: PaperCardVM,
  part: (card: PaperCardVM, chrome: ChromeVM) => SafeHtml,
): SafeHtml {
  if (!chrome.template) return part(card, chrome);
  // Shared pages list stored papers (daily lists, search results), which have their store id.
  const id = (card.paper as { id?: number }).id;
  if (id === undefined) throw new Error('a shared page can only show stored papers (with an id)');
  return chrome.template.slot(
    (reader, facts) =>
      part(
        {
          ...card,
          listing: card.listing && { ...card.listing, upvotedByViewer: facts.upvoted.has(id) },
          savedIn: facts.savedIn ? [...(facts.savedIn.get(id) ?? [])] : undefined,
        },
        asReader(chrome, reader),
      ),
    id,
  );
}
