import type { TestProject } from 'vitest/node';
import { startTestPostgres } from './support/postgres.js';

// One PostgreSQL cluster for the whole run; each test file creates its own database on it.
export default async function setup(project: TestProject) {
  const postgres = await startTestPostgres();
  project.provide('postgresUrl', postgres.url);
  return () => postgres.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
