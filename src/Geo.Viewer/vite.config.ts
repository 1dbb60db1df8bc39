import { defineConfig } from 'vite';
import { configUrl, itemsUrl, preloadedLayerIds } from './src/layers/layerUrls.ts';

// The output folder is the Razor class library's wwwroot, which Geo.Api serves at "/".
export default defineConfig({
  base: '/',
  build: {
    outDir: 'wwwroot',
    emptyOutDir: true,
    // OpenLayers makes one ~500 kB bundle; it loads once over loopback or the LAN, so no further splitting.
    chunkSizeWarningLimit: 1500,
    // Fixed names: MSBuild lists wwwroot before a rebuild could rename a hashed file under it, and ASP.NET's
    // MapStaticAssets already gives every file an ETag for caching.
    rollupOptions: {
      output: { entryFileNames: 'assets/viewer.js', chunkFileNames: 'assets/[name].js', assetFileNames: 'assets/[name][extname]' },
    },
  },
  plugins: [
    {
      name: 'preload-layer-data',
      // The data requests start with the page instead of after the bundle has run (a third of the first render).
      transformIndexHtml: () =>
        [configUrl, ...preloadedLayerIds.map((id) => itemsUrl(id))].map((href) => ({
          tag: 'link',
          attrs: { rel: 'preload', href, as: 'fetch', crossorigin: 'anonymous' },
          injectTo: 'head-prepend' as const,
        })),
    },
  ],
});
