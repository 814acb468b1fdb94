// Unit tests: node by default; a file that needs a DOM starts with `// @vitest-environment happy-dom`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __TALLY_VERSION__: JSON.stringify('test') },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['test/helpers/setup.ts'],
  },
});
