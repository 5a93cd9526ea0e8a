// At most N requests a minute to the summary endpoint: each request waits until 60/N seconds after the previous
// one started. One process runs the job at a time (the job lease), so an in-process pacer is enough.
import { abortableSleep as sleep } from '../ingest/http/retry-policy.js';

export function createPacer({
  requestsPerMinute,
  now = () => Date.now(),
}: {
  requestsPerMinute: number;
  now?: () => number;
}) {
  const interval = 60_000 / requestsPerMinute;
  let next = 0;
  return async (signal?: AbortSignal) => {
    const at = now();
    const wait = Math.max(0, next - at);
    next = Math.max(at, next) + interval;
    if (wait > 0) await sleep(wait, signal);
  };
}
