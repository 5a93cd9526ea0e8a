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
import { escapeHtml, raw, type SafeHtml } from '../../render/html.js';
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

// Stands for the reader's CSRF token in a card part's memoised text; escapeHtml leaves it as it is.
const TOKEN = '\uE002';
/** Variants of one card part kept (pressed or not × a few save states); more are rendered, not kept. */
const MEMO_VARIANTS = 8;

/**
 * A part of a card that shows the reader's own state of its paper (vote, saved in). Recorded for a template, it
 * gets the card as the reader sees it: the same mapping as cardVM's from the page's annotations.
 *
 * A card part sees of the reader only their CSRF token and their collections: its text is a function of those and
 * of the paper's state for them (upvoted, saved in), so it is rendered once per such state — with a stand-in for
 * the token, replaced per request — and shared by every reader in that state (most readers: not voted, no
 * collections). A card part that read anything else of the reader would get nothing and show it (the tests compare
 * every page with one rendered from scratch).
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
  const memo = new Map<string, string>();
  const render = (reader: ReaderChrome, upvoted: boolean, savedIn: number[] | undefined) =>
    part(
      { ...card, listing: card.listing && { ...card.listing, upvotedByViewer: upvoted }, savedIn },
      asReader(chrome, reader),
    ).toString();
  return chrome.template.slot((reader, facts) => {
    const upvoted = facts.upvoted.has(id);
    const savedIn = facts.savedIn ? [...(facts.savedIn.get(id) ?? [])] : undefined;
    const collections = reader.user ? (reader.user.collections ?? null) : undefined;
    const key = JSON.stringify([upvoted, savedIn, collections, reader.csrfToken !== null]);
    // A collection name holding the stand-in would have it replaced: such a reader's card is rendered as it is.
    if (key.includes(TOKEN)) return raw(render(reader, upvoted, savedIn));
    let text = memo.get(key);
    if (text === undefined) {
      const cardReader: ReaderChrome = {
        user: reader.user && { username: '', collections: reader.user.collections },
        csrfToken: reader.csrfToken === null ? null : TOKEN,
        flash: null,
      };
      text = render(cardReader, upvoted, savedIn);
      if (memo.size < MEMO_VARIANTS) memo.set(key, text);
    }
    return raw(reader.csrfToken === null ? text : text.replaceAll(TOKEN, escapeHtml(reader.csrfToken)));
  }, id);
}
