import { defineConfig } from 'vitest/config';

// Unit tests of the viewer's pure modules (formatting, permalink, CSV, projections, code names). happy-dom gives
// i18n the document it sets the language on; everything drawn on a map is tested in real Chromium by Geo.Viewer.Tests.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'happy-dom',
  },
});
