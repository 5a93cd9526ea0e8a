// Progressive enhancement only: without this script voting still works (plain form POST) and the theme
// follows the system setting. No framework, no build step.

const THEMES = ['system', 'light', 'dark'];

function applyTheme(pref) {
  const root = document.documentElement;
  if (pref === 'system') delete root.dataset.theme;
  else root.dataset.theme = pref;
  root.dataset.themePref = pref;
  try {
    if (pref === 'system') localStorage.removeItem('theme');
    else localStorage.setItem('theme', pref);
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
}

function initThemeToggle() {
  for (const button of document.querySelectorAll('[data-theme-toggle]')) {
    const label = (pref) => {
      button.setAttribute('aria-label', `Colour theme: ${pref}`);
      button.title = `Colour theme: ${pref}`;
    };
    label(document.documentElement.dataset.themePref || 'system');
    button.hidden = false;
    button.addEventListener('click', () => {
      const current = document.documentElement.dataset.themePref || 'system';
      const next = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length];
      applyTheme(next);
      label(next);
    });
  }
}

// The server answers `Accept: application/json` with { upvotes: number, upvoted: boolean }.
function showVote(form, { upvotes, upvoted }) {
  const count = form.querySelector('[data-upvote-count]');
  if (count) count.textContent = String(upvotes);
  form.querySelector('button')?.setAttribute('aria-pressed', upvoted ? 'true' : 'false');
  const state = form.querySelector('input[name="state"]');
  if (state) state.value = upvoted ? 'off' : 'on';
}

// Posts a form as a browser would, asking for JSON; null when the server answered with an error (the caller then
// submits the form normally, so the server's own page explains it).
async function postForJson(form) {
  const response = await fetch(form.action, {
    method: 'POST',
    body: new URLSearchParams(new FormData(form)),
    headers: { Accept: 'application/json' },
    credentials: 'same-origin',
  });
  return response.ok ? await response.json() : null;
}

async function submitVote(form) {
  const button = form.querySelector('button');
  if (button?.disabled) return;
  if (button) button.disabled = true;
  try {
    const data = await postForJson(form);
    if (data && typeof data.upvotes === 'number') showVote(form, data);
    // Signed out, expired CSRF token, rate limited…: let the server's own page say so.
    else form.submit();
  } catch {
    form.submit();
  } finally {
    if (button) button.disabled = false;
  }
}

function initUpvotes() {
  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    if (!form?.matches('[data-upvote]')) return;
    event.preventDefault();
    submitVote(form);
  });
}

// "Save" menus: each collection is a one-button form (see save-menu.ts). Posted with fetch, the reader stays where
// they are; the server answers `Accept: application/json` with { collectionId, contains, changed }.
function showSaved(menu, button, form, contains) {
  const state = form.querySelector('input[name="state"]');
  if (state) state.value = contains ? 'off' : 'on';
  const name = button.textContent.replace(/^[✓+] /, '');
  button.textContent = `${contains ? '✓' : '+'} ${name}`;
  button.title = contains ? `Remove from ${name}` : `Save in ${name}`;
  const count = [...menu.querySelectorAll('input[name="state"]')].filter((i) => i.value === 'off').length;
  const summary = menu.querySelector('[data-save-summary]');
  if (summary) summary.textContent = count > 0 ? `Saved (${count})` : 'Save';
  const status = menu.querySelector('[data-save-status]');
  if (status) status.textContent = contains ? `Saved in “${name}”.` : `Removed from “${name}”.`;
}

async function submitSave(form, button, menu) {
  if (button.disabled) return;
  button.disabled = true;
  try {
    const data = await postForJson(form);
    if (data && typeof data.contains === 'boolean') showSaved(menu, button, form, data.contains);
    else form.submit();
  } catch {
    form.submit();
  } finally {
    button.disabled = false;
  }
}

function initSaveMenus() {
  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement ? event.target : null;
    const button = event.submitter;
    if (!form || !button?.classList.contains('save-toggle')) return;
    const menu = button.closest('[data-save-menu]');
    if (!menu) return;
    event.preventDefault();
    submitSave(form, button, menu);
  });
}

initThemeToggle();
initUpvotes();
initSaveMenus();
