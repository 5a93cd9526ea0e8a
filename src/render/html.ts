// Escape-by-default HTML templating. Every interpolation is escaped unless it is already SafeHtml, so
// arXiv titles, abstracts and user text can never inject markup; trusted markup must be marked with `raw`.

const SAFE = Symbol('SafeHtml');

export class SafeHtml {
  readonly [SAFE] = true;
  constructor(readonly __html: string) {}
  toString(): string {
    return this.__html;
  }
}

/** Anything a template accepts: nested templates, arrays of them, text, numbers; null/undefined/false render as ''. */
export type HtmlValue = SafeHtml | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

export function isSafeHtml(value: unknown): value is SafeHtml {
  return value instanceof SafeHtml;
}

/** Marks a trusted string (our own markup, KaTeX output) as HTML. Never pass user text here. */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(trusted);
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.__html;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1]!;
  return new SafeHtml(out);
}

/** Joins fragments with an escaped separator, e.g. `join({ items: authors, separator: ', ' })`. */
export function join({ items, separator }: { items: readonly HtmlValue[]; separator: HtmlValue }): SafeHtml {
  return new SafeHtml(items.map(render).join(render(separator)));
}

const SAFE_SCHEME = /^(?:https?:)?\/\//i;

/**
 * Returns the URL when it is http(s), protocol-relative or relative to this site; otherwise '#'.
 * Control characters and whitespace are stripped first because browsers ignore them inside schemes
 * ("java\tscript:" still runs), and "/\evil.com" is treated by browsers as a protocol-relative URL.
 */
export function safeUrl(url: string | null | undefined): string {
  if (!url) return '#';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = url.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '');
  if (cleaned.length === 0) return '#';
  if (SAFE_SCHEME.test(cleaned)) return url.trim();
  if (/^\/\\/.test(cleaned) || /^\\/.test(cleaned)) return '#';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (scheme) return '#';
  return url.trim();
}
