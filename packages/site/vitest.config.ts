import { defineConfig } from 'vitest/config';

// The browser tests share one Chromium per file and run one file at a time:
// the machine they run on is small and the server is per file.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, fileParallelism: false },
});
