// One interface for every source of embeddings. Vectors from different providers live in different spaces,
// so each provider names its space (`id`); the search index only ever compares vectors of the same id.

export type EmbedKind = 'query' | 'document';

export interface EmbeddingProvider {
  /** The vector space, e.g. "onnx:bge-small-en-v1.5" or "http:nomic-embed-text". Stored with every vector. */
  readonly id: string;
  /** Unit-length vectors (cosine = dot product), one per text, in input order. */
  embed(input: { texts: readonly string[]; kind: EmbedKind; signal?: AbortSignal }): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** Scales a vector to unit length in place; a zero vector stays zero (it matches nothing rather than NaN). */
export function normalise(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i]! /= norm;
  return v;
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Little-endian float32 bytes, the layout sqlite-vec and usearch read. */
export function vectorToBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

export function blobToVector(blob: Uint8Array): Float32Array {
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}
