// Typed errors with stable codes: the CLI prints them as one line, the web layer maps them in one place. Each code
// is declared once (core/errors.ts) with its status: an endpoint or hub that fails us is 502 (503 when it cannot be
// reached), a model name the operator typed that cannot be one is 400, everything else about the local setup 500.
import { AppError, createErrorFactory, type ErrorFactory } from '../core/errors.js';

const DECLARED = [
  ['embeddings.bad_manifest', 500, 'The model manifest is invalid.'],
  ['embeddings.bad_model_file', 502, 'The model lists an unsafe file path.'],
  ['embeddings.bad_model_name', 400, 'That is not a model name.'],
  ['embeddings.download_failed', 502, 'Downloading a model file failed.'],
  ['embeddings.http_bad_response', 502, 'The embeddings endpoint answered nonsense.'],
  ['embeddings.http_error', 502, 'The embeddings endpoint answered with an error.'],
  ['embeddings.http_unreachable', 503, 'The embeddings endpoint cannot be reached.'],
  ['embeddings.hub_error', 502, 'The model hub answered with an error.'],
  ['embeddings.hub_unreachable', 503, 'The model hub cannot be reached.'],
  ['embeddings.model_load_failed', 500, 'The embedding model cannot be loaded.'],
  ['embeddings.model_missing', 500, 'The embedding model is not installed.'],
  ['embeddings.not_configured', 500, 'No embedding provider is configured.'],
  ['embeddings.onnx_unavailable', 500, 'The ONNX runtime is not installed.'],
  ['embeddings.worker_failed', 500, 'An embedding worker failed.'],
] as const;

export type EmbeddingsErrorCode = (typeof DECLARED)[number][0];

const EMBEDDINGS_ERRORS: Record<string, ErrorFactory> = Object.fromEntries(
  DECLARED.map(([code, status, message]) => [code, createErrorFactory({ code, status, message })]),
);

export class EmbeddingsError extends AppError {
  /**
   * `code` is one of the declared codes — or, for an error passed on from a worker thread, whatever code the
   * worker's error had (kept as it was; status 500).
   */
  constructor({
    code,
    message,
    cause,
  }: { code: EmbeddingsErrorCode | (string & {}); message: string; cause?: unknown }) {
    const declared = EMBEDDINGS_ERRORS[code];
    super(code, declared?.status ?? 500, message, cause === undefined ? undefined : { cause });
  }
}
