// `dailypapers models pull NAME`: downloads a model's files once from a Hugging Face–compatible hub
// (`embeddings.hubUrl`; a mirror or a loopback fake in tests). Each file streams into `<file>.part` and is
// renamed when complete; the manifest is written last, so an interrupted pull leaves no usable-looking model
// and simply runs again.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { EmbeddingsError } from './embeddings.errors.js';
import { MANIFEST_FILE, type ModelManifest, type ModelSpec, modelDir, readManifest } from './models.js';

export interface PullProgress {
  file: string;
  bytes: number;
  /** From Content-Length; null when the hub does not say. */
  totalBytes: number | null;
}

export interface PullResult {
  dir: string;
  manifest: ModelManifest;
  /** False when the model was already installed and nothing was downloaded. */
  downloaded: boolean;
}

export function fileUrl({ hubUrl, spec, file }: { hubUrl: string; spec: ModelSpec; file: string }): string {
  const repo = spec.repo.split('/').map(encodeURIComponent).join('/');
  const name = file.split('/').map(encodeURIComponent).join('/');
  return `${hubUrl.replace(/\/+$/, '')}/${repo}/resolve/${encodeURIComponent(spec.revision)}/${name}`;
}

export async function pullModel({
  spec,
  modelsDir,
  hubUrl,
  force = false,
  timeoutMs = 120_000,
  onProgress,
  signal,
}: {
  spec: ModelSpec;
  modelsDir: string;
  hubUrl: string;
  force?: boolean;
  /** Per file, without data arriving. */
  timeoutMs?: number;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
}): Promise<PullResult> {
  const dir = modelDir({ modelsDir, name: spec.name });
  const existing = readManifest({ modelsDir, name: spec.name });
  if (existing && !force) return { dir, manifest: existing, downloaded: false };
  rmSync(path.join(dir, MANIFEST_FILE), { force: true });
  const sha256: Record<string, string> = {};
  for (const file of spec.files) {
    if (file.split('/').some((part) => part === '..' || part === '')) {
      throw new EmbeddingsError({ code: 'embeddings.bad_model_file', message: `refusing model file path "${file}"` });
    }
    sha256[file] = await downloadFile({
      url: fileUrl({ hubUrl, spec, file }),
      target: path.join(dir, file),
      file,
      timeoutMs,
      onProgress,
      signal,
    });
  }
  const manifest: ModelManifest = { ...spec, installedAt: new Date().toISOString(), sha256 };
  writeFileSync(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { dir, manifest, downloaded: true };
}

async function downloadFile(opts: {
  url: string;
  target: string;
  file: string;
  timeoutMs: number;
  onProgress?: (progress: PullProgress) => void;
  signal?: AbortSignal;
}): Promise<string> {
  const { url, target, file } = opts;
  mkdirSync(path.dirname(target), { recursive: true });
  const part = `${target}.part`;
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, idle.signal]) : idle.signal;
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal, redirect: 'follow' });
    } catch (error) {
      throw new EmbeddingsError({
        code: 'embeddings.hub_unreachable',
        message: `cannot download ${url}: ${reason(error)}. Without access to the hub, copy an installed model folder into the models directory instead`,
        cause: error,
      });
    }
    if (!response.ok || !response.body) {
      throw new EmbeddingsError({
        code: 'embeddings.hub_error',
        message: `downloading ${url} failed: HTTP ${response.status}`,
      });
    }
    const length = Number(response.headers.get('content-length'));
    const totalBytes = Number.isFinite(length) && length > 0 ? length : null;
    const hash = createHash('sha256');
    let bytes = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), opts.timeoutMs);
        hash.update(chunk);
        bytes += chunk.length;
        opts.onProgress?.({ file, bytes, totalBytes });
        done(null, chunk);
      },
    });
    try {
      await pipeline(Readable.fromWeb(response.body as WebReadableStream), meter, createWriteStream(part));
    } catch (error) {
      rmSync(part, { force: true });
      throw new EmbeddingsError({
        code: 'embeddings.download_failed',
        message: `downloading ${url} failed: ${reason(error)}`,
        cause: error,
      });
    }
    if (totalBytes !== null && bytes !== totalBytes) {
      rmSync(part, { force: true });
      throw new EmbeddingsError({
        code: 'embeddings.download_failed',
        message: `downloading ${url}: got ${bytes} of ${totalBytes} bytes`,
      });
    }
    renameSync(part, target);
    return hash.digest('hex');
  } finally {
    clearTimeout(timer);
  }
}

function reason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

/** sha256 of a file, for checking a copied model folder against its manifest. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Checks that every file of an installed model is present and unchanged; returns the problems found. */
export async function verifyModel({ dir, manifest }: { dir: string; manifest: ModelManifest }): Promise<string[]> {
  const problems: string[] = [];
  for (const [file, expected] of Object.entries(manifest.sha256)) {
    const full = path.join(dir, file);
    if (!existsSync(full)) problems.push(`${file} is missing`);
    else if ((await fileSha256(full)) !== expected) problems.push(`${file} differs from the pulled file (sha256)`);
  }
  return problems;
}
