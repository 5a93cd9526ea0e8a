import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    env: { TZ: 'UTC' },
    // Generous: CI runs on a busy 2-core machine; a timeout guards against hangs, it measures nothing.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two cores: more workers than that only adds contention for the databases and Chromium.
    maxWorkers: 2,
    // In CI a JSON report lets .ci/run print the plain "N passed, N failed" summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.ci/vitest-report.json' }]] : ['default'],
  },
});
