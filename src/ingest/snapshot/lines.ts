// Splits a byte stream into lines without decoding bytes it does not need: skipped lines (resume) are
// never turned into strings, and a newline byte cannot occur inside a UTF-8 sequence, so splitting on
// raw bytes is safe. Memory stays bounded by the chunk size plus one line (itself capped).

import { open } from 'node:fs/promises';

const NEWLINE = 0x0a;

/** A line that exceeded the cap; its bytes were discarded. */
export const TOO_LONG = Symbol('line too long');

export type RawLine = Buffer | typeof TOO_LONG;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflowing = false;

  constructor(private readonly maxLineBytes: number) {}

  /** Complete lines found in this chunk, without their newline. */
  push(chunk: Buffer): RawLine[] {
    const lines: RawLine[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      lines.push(this.finish(chunk.subarray(start, nl)));
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
    return lines;
  }

  /** The final line when the input does not end with a newline. */
  end(): RawLine | null {
    if (this.pendingBytes === 0 && !this.overflowing) return null;
    return this.finish(Buffer.alloc(0));
  }

  private keep(part: Buffer): void {
    if (this.overflowing) return;
    this.pendingBytes += part.length;
    if (this.pendingBytes > this.maxLineBytes) {
      this.overflowing = true;
      this.pending = [];
      this.pendingBytes = 0;
      return;
    }
    this.pending.push(part);
  }

  private finish(tail: Buffer): RawLine {
    if (this.overflowing) {
      this.overflowing = false;
      return TOO_LONG;
    }
    if (this.pending.length === 0) return tail.length > this.maxLineBytes ? TOO_LONG : tail;
    const line = Buffer.concat([...this.pending, tail], this.pendingBytes + tail.length);
    this.pending = [];
    this.pendingBytes = 0;
    return line.length > this.maxLineBytes ? TOO_LONG : line;
  }
}

/** What the first bytes of a file say it is, for the "not JSON Lines" error. */
export function describeNonJsonStart(head: Buffer): string | null {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  while (i < head.length && (head[i] === 0x20 || head[i] === 0x09 || head[i] === 0x0d || head[i] === 0x0a)) i++;
  if (i >= head.length || head[i] === 0x7b /* { */) return null;
  const sample = head.subarray(i, i + 512);
  if (sample.includes(0)) return 'it contains binary data';
  if (head[i] === 0x5b /* [ */) return 'it starts with "[", a JSON array; convert it with `jq -c ".[]"`';
  if (head[i] === 0x3c /* < */) return 'it starts with "<", which looks like XML or HTML';
  const firstLine = sample.toString('utf8').split('\n')[0]!.slice(0, 80);
  return `the first line is not a JSON object: ${JSON.stringify(firstLine)}`;
}

/** A line as text; a UTF-8 byte-order mark can only precede line 1. */
export function decodeLine(raw: Buffer, lineNumber: number): string {
  const bom = lineNumber === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  return (bom ? raw.subarray(3) : raw).toString('utf8');
}

export function isBlank(line: Buffer): boolean {
  for (const byte of line) if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return false;
  return true;
}

/** Sniffs the gzip magic bytes, so a compressed file works whatever its name. */
export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
