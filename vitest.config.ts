// Unit tests: node by default; a file that needs a DOM starts with `// @vitest-environment happy-dom`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  define: { __TALLY_VERSION__: JSON.stringify('test') },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    restoreMocks: true,
    setupFiles: ['test/helpers/setup.ts'],
    // A mainstream browser's user agent: happy-dom's own (`HappyDOM/…`) would make the bot filter hold events for its piece.
    environmentOptions: {
      happyDOM: {
        settings: {
          navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36' },
        },
      },
    },
  },
});
