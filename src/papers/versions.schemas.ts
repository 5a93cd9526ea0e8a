// Input of the version diff page: two version labels, each optional (the page defaults to earliest → latest known).
import { z } from 'zod';

const versionLabel = z
  .string()
  .trim()
  .regex(/^v[1-9]\d{0,3}$/, 'Name versions as v1, v2, … (e.g. ?from=v1&to=v2).');

export const versionDiffQuerySchema = z.object({ from: versionLabel.optional(), to: versionLabel.optional() });

export type VersionDiffQuery = z.output<typeof versionDiffQuerySchema>;
