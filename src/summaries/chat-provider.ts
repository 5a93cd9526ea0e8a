// One-sentence summaries from any OpenAI-compatible chat endpoint: POST {baseUrl}/chat/completions with
// {model, messages} → {choices: [{message: {content}}]}. Ollama (/v1), vLLM, llama.cpp's server, LM Studio and
// OpenAI all speak it. Configured like the embeddings `http` provider (URL, model, key, timeout); retried with
// exponential backoff on 429 (honouring Retry-After), 5xx, timeouts and unreadable answers.
import { abortableSleep as sleep } from '../ingest/http/retry-policy.js';
import { summaryEndpointFailed, summaryRefused } from './summaries.errors.js';

export interface ChatSummarizerOptions {
  /** Base URL ending before /chat/completions, e.g. http://127.0.0.1:11434/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Attempts per paper, the first included. */
  attempts?: number;
  /** Wait before the first retry; doubles each time (a Retry-After header wins, up to maxRetryDelayMs). */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Called before every request, retries included (the job's rate limit). */
  beforeRequest?: (signal?: AbortSignal) => Promise<void>;
}

export interface Summarizer {
  readonly model: string;
  summarize(input: { title: string; abstract: string; signal?: AbortSignal }): Promise<string>;
}

/** Longest summary kept; a model that rambles is cut at its first sentence anyway. */
const MAX_CHARS = 400;

const INSTRUCTION =
  'You summarise research papers for a paper-discovery site. Answer with exactly one plain-text sentence of at most ' +
  '40 words saying what the paper does and finds. No preamble, no Markdown, no quotes.';

export function createChatSummarizer(opts: ChatSummarizerOptions): Summarizer {
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const attempts = opts.attempts ?? 4;

  const once = async ({ title, abstract, signal }: { title: string; abstract: string; signal?: AbortSignal }) => {
    await opts.beforeRequest?.(signal);
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 60_000);
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
        },
        body: JSON.stringify({
          model: opts.model,
          temperature: 0,
          max_tokens: 120,
          messages: [
            { role: 'system', content: INSTRUCTION },
            { role: 'user', content: `Title: ${title.trim()}\n\nAbstract: ${abstract.trim()}` },
          ],
        }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
    } catch (error) {
      signal?.throwIfAborted();
      return {
        retry: true,
        error: summaryEndpointFailed({ message: `${endpoint}: ${describe(error)}`, cause: error }),
      };
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      const sentence = parse(text);
      if (sentence) return { sentence };
      return {
        retry: true,
        error: summaryEndpointFailed({ message: `${endpoint}: the answer has no choices[0].message.content text` }),
      };
    }
    const message = `${endpoint} answered HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    // A rejected key or a missing model is the operator's to fix, not this abstract's fault: stop, ask again later.
    if (response.status === 429 || response.status >= 500 || [401, 403, 404].includes(response.status)) {
      return {
        retry: response.status === 429 || response.status >= 500,
        retryAfterMs: retryAfterMs(response.headers.get('retry-after')),
        error: summaryEndpointFailed({ message }),
      };
    }
    return { retry: false, error: summaryRefused({ message }) };
  };

  return {
    model: opts.model,
    async summarize(input) {
      let last: Awaited<ReturnType<typeof once>> | null = null;
      for (let attempt = 0; attempt < attempts; attempt++) {
        if (attempt > 0) {
          const backoff = (opts.retryDelayMs ?? 1000) * 2 ** (attempt - 1);
          const wait = Math.min(last?.retryAfterMs ?? backoff, opts.maxRetryDelayMs ?? 60_000);
          await sleep(wait, input.signal);
        }
        last = await once(input);
        if ('sentence' in last && last.sentence) return last.sentence;
        if (!last.retry) break;
      }
      throw last!.error;
    },
  };
}

/** The first sentence of the model's answer, as plain one-line text; null when there is none. */
export function parse(text: string): string | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const content = (body as { choices?: Array<{ message?: { content?: unknown } }> })?.choices?.[0]?.message?.content;
  if (typeof content !== 'string') return null;
  const plain = content
    .replace(/<think>[\s\S]*?<\/think>/g, '') // reasoning models' scratchpad
    .replace(/[*_`#>]+/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(summary|tl;dr)\s*:\s*/i, '')
    .replace(/^["“']+|["”']+$/g, '');
  if (!plain) return null;
  // A sentence ends at . ! or ? before a capital, but not after "e.g.", "et al.", "Fig." or an initial.
  const end = /^.*?(?<!\b(?:e\.g|i\.e|al|vs|cf|Fig|Eq|approx|[A-Za-z]))[.!?](?=["”']?(\s+["“]?[A-Z]|$))/;
  const first = (end.exec(plain)?.[0] ?? plain).replace(/["”']+$/, '');
  return first.length > MAX_CHARS ? `${first.slice(0, MAX_CHARS - 1).trimEnd()}…` : first;
}

function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
