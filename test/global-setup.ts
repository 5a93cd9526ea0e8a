import type { TestProject } from 'vitest/node';
import { ensureBuilt } from './support/build.js';
import { startTestPostgres } from './support/postgres.js';

// One PostgreSQL cluster for the whole run; each test file creates its own database on it. The CLI tests run the
// built CLI, so dist/ is brought up to date first (test/support/build.ts), while the cluster starts.
export default async function setup(project: TestProject) {
  const [postgres] = await Promise.all([startTestPostgres(), ensureBuilt()]);
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
