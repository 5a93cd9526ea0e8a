// Loaded (blocking) from <head> so that an explicit theme choice applies before first paint; without it
// the page would flash the system theme. With no choice stored, CSS follows prefers-color-scheme.
(() => {
  let pref = null;
  try {
    pref = localStorage.getItem('theme');
  } catch {
    // Storage can be disabled (privacy settings); the system theme is then the right answer.
  }
  const root = document.documentElement;
  if (pref === 'light' || pref === 'dark') root.dataset.theme = pref;
  root.dataset.themePref = pref === 'light' || pref === 'dark' ? pref : 'system';
})();
