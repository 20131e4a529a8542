import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end suites start servers and log a real discord.js client in; give them room on a busy machine.
    testTimeout: 20000,
    hookTimeout: 30000,
  },
});
