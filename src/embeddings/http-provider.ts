// Any OpenAI-compatible embeddings endpoint: POST {baseUrl}/embeddings with {model, input[]} → {data:[{index,
// embedding}]}. Ollama (/v1), Hugging Face TEI, vLLM, LM Studio and OpenAI all speak it. Vectors are normalised
// here because not every server does, and every answer is checked, since a wrong count or length would
// silently put a vector on the wrong paper.
import { abortableSleep as sleep } from '../ingest/http/retry-policy.js';
import { EmbeddingsError } from './embeddings.errors.js';
import { type EmbeddingProvider, normalise } from './provider.js';

const RETRIES = 3;

export interface HttpProviderOptions {
  /** Base URL ending before /embeddings, e.g. http://127.0.0.1:11434/v1. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Prepended to queries (e5/bge-style instructions); documents get `documentPrefix`. */
  queryPrefix?: string;
  documentPrefix?: string;
  /** Texts per request. */
  batchSize?: number;
  timeoutMs?: number;
  /** Wait before the first retry of a 429/5xx/network failure; doubles each time. */
  retryDelayMs?: number;
}

export function createHttpProvider(opts: HttpProviderOptions): EmbeddingProvider {
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const batchSize = opts.batchSize ?? 64;
  let dims: number | null = null;

  const request = async (input: string[], signal?: AbortSignal): Promise<Float32Array[]> => {
    let lastError: unknown;
    for (let attempt = 0; attempt < RETRIES; attempt++) {
      if (attempt > 0) await sleep((opts.retryDelayMs ?? 500) * 2 ** (attempt - 1), signal);
      const timeout = AbortSignal.timeout(opts.timeoutMs ?? 60_000);
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
          },
          body: JSON.stringify({ model: opts.model, input, encoding_format: 'float' }),
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
      } catch (error) {
        signal?.throwIfAborted();
        lastError = new EmbeddingsError({
          code: 'embeddings.http_unreachable',
          message: `${endpoint}: ${describe(error)}`,
          cause: error,
        });
        continue;
      }
      if (response.ok) return parse(await response.text(), input.length);
      const body = (await response.text().catch(() => '')).slice(0, 200);
      lastError = new EmbeddingsError({
        code: 'embeddings.http_error',
        message: `${endpoint} answered HTTP ${response.status}${body ? `: ${body}` : ''}`,
      });
      if (response.status !== 429 && response.status < 500) break;
    }
    throw lastError;
  };

  const parse = (text: string, expected: number): Float32Array[] => {
    const fail = (why: string): never => {
      throw new EmbeddingsError({ code: 'embeddings.http_bad_response', message: `${endpoint}: ${why}` });
    };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      fail('the answer is not JSON');
    }
    const data = (body as { data?: unknown })?.data;
    if (!Array.isArray(data) || data.length !== expected)
      fail(`expected ${expected} embeddings, got ${Array.isArray(data) ? data.length : 'none'}`);
    const out: Float32Array[] = new Array(expected);
    (data as Array<{ index?: unknown; embedding?: unknown }>).forEach((item, i) => {
      const index = typeof item?.index === 'number' ? item.index : i;
      const e = item?.embedding;
      if (!Number.isInteger(index) || index < 0 || index >= expected || out[index])
        fail(`bad or repeated index ${String(index)}`);
      if (!Array.isArray(e) || e.length === 0 || !e.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        fail(`embedding ${index} is not a list of finite numbers`);
      }
      const v = Float32Array.from(e as number[]);
      if (dims !== null && v.length !== dims)
        fail(`embedding ${index} has ${v.length} dimensions, earlier ones ${dims}`);
      dims = v.length;
      out[index] = normalise(v);
    });
    return out;
  };

  return {
    id: `http:${opts.model}`,
    async embed({ texts, kind, signal }) {
      const prefix = (kind === 'query' ? opts.queryPrefix : opts.documentPrefix) ?? '';
      const out: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        // OpenAI-style servers refuse empty strings; a lone space embeds as "nothing" without failing the batch.
        const batch = texts.slice(start, start + batchSize).map((t) => prefix + (String(t ?? '') || ' '));
        out.push(...(await request(batch, signal)));
      }
      return out;
    },
    async close() {},
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } })?.cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
