// Render once: derived HTML (KaTeX output, a title's or excerpt's markup) is a pure function of its source text,
// so it is kept in a bounded LRU keyed by that text and computed again only when the text changes (a new key) or
// was evicted. Measured on `/`: KaTeX of abstract excerpts was 36 % of busy time, computed on every request.
// Chosen over storing rendered HTML with each paper: no migration, no column rewritten for 1M papers when KaTeX
// or our markup changes, and the memory is bounded by bytes (hot pages' papers stay in, the long tail does not).
import { LRUCache } from 'lru-cache';
import { raw, type SafeHtml } from './html.js';

/** Upper bound on the memo's memory (keys and values, UTF-16 code units × 2). */
const MAX_BYTES = 8 * 1024 * 1024;

export interface RenderMemo {
  /** `render(key)` once per key while it stays in the memo; the same key always gives the same string. */
  get(key: string, render: () => string): string;
  readonly size: number;
  clear(): void;
}

export function createRenderMemo({ maxBytes = MAX_BYTES }: { maxBytes?: number } = {}): RenderMemo {
  const cache = new LRUCache<string, string>({
    maxSize: maxBytes,
    sizeCalculation: (value, key) => Math.max(1, (value.length + key.length) * 2),
  });
  return {
    get(key, render) {
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      const value = render();
      cache.set(key, value);
      return value;
    },
    get size() {
      return cache.size;
    },
    clear: () => cache.clear(),
  };
}

/** One memo for the process: the same formula or title on several pages is rendered once for all of them. */
export const renderMemo = createRenderMemo();

/**
 * Markup that is a pure function of `key` (e.g. a card's abstract excerpt of a given abstract), computed once while
 * remembered. The key must name everything the markup depends on.
 */
export function memoHtml(key: string, render: () => SafeHtml): SafeHtml {
  return raw(renderMemo.get(key, () => render().toString()));
}
