// The node flags of a CLI's first line (`#!/usr/bin/env -S node FLAGS`): the benches start their servers with
// `process.execPath FLAGS CLI serve`, as the installed command starts it, so they measure the same process.
import { readFileSync } from 'node:fs';

export function cliNodeFlags(cli: string): string[] {
  const firstLine = readFileSync(cli, 'utf8').split('\n', 1)[0]!;
  return (firstLine.match(/^#!.*?\bnode\b(.*)$/)?.[1] ?? '').split(' ').filter(Boolean);
}
