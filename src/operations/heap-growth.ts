// How much garbage a long-running `serve` lets V8 keep. After each full collection V8 sets the next one's trigger at
// the surviving heap times a growing factor it picks from how fast collection is against the program's allocation:
// on a machine with 2 GiB or more and a fast collector it picks up to 4×. bench:http measured the server's live heap
// at 50–60 MiB on the demo and its heap at 180–270 MiB after the load runs, the difference being garbage waiting for
// a collection that the quiet machine's fast collector let wait — RSS then followed the heap up (docs/operations.md,
// memory). `--heap-growing-percent` replaces that factor with a fixed one; V8 reads it at every full collection, so
// setting it at start-up from here takes effect for the whole process without a flag on the node command line.
import v8 from 'node:v8';

/** 0 leaves V8's own choice; otherwise the old generation grows by at most `percent` % between full collections. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${Math.round(percent)}`);
}
