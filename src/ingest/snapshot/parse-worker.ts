// Worker-thread entry of the snapshot import: parses runs of lines (parse-lines.ts) while the main thread writes
// the batches before them, so on two cores parsing and writing overlap (see import.ts).
import { parentPort } from 'node:worker_threads';
import { type LineRun, type ParsedLine, parseLineRun } from './parse-lines.js';

export type ParseRequest = LineRun & { id: number };
export type ParseReply = { id: number; parsed: ParsedLine[] } | { id: number; fatal: string };

parentPort?.on('message', (request: ParseRequest) => {
  let reply: ParseReply;
  try {
    reply = { id: request.id, parsed: parseLineRun(request) };
  } catch (error) {
    reply = { id: request.id, fatal: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(reply);
});
