import { defineConfig, transformWithOxc } from 'vite';
import { readFileSync } from 'node:fs';
import { configUrl, itemsUrl } from './src/layers/layerUrls.ts';

// The map layers are the catalog's collections with a geometry (the viewer reads them from /viewer/config at run
// time); the exported contract gis-data/tools/catalog.json names them at build time for the preload tags.
const catalog = JSON.parse(readFileSync(new URL('../../gis-data/tools/catalog.json', import.meta.url), 'utf8')) as { collections: Array<{ id: string; geometry: string }> };
const layerIds = catalog.collections.filter((c) => c.geometry !== 'None').map((c) => c.id);
// Not parcels, which the server may have the viewer draw from vector tiles (a county's 三调 parcels are far too many
// to load whole), and whose preload would fetch its first 10,000 items anyway.
const preloadedLayerIds = layerIds.filter((id) => id !== 'parcels');
const firstTilesScript = '/assets/firstTiles.js';

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
    {
      name: 'first-tiles',
      // The first view's vector tiles are asked for as the page loads, not after the bundle has compiled and run:
      // src/layers/firstTiles.ts as a plain script at the end of the body, where the layout it measures is known (a
      // file, not inline: the service's Content-Security-Policy allows scripts from 'self' only). Build only: under
      // `vite` (dev) the viewer asks for its tiles itself.
      apply: 'build',
      generateBundle: async function () {
        const file = new URL('./src/layers/firstTiles.ts', import.meta.url);
        const { code } = await transformWithOxc(readFileSync(file, 'utf8'), file.pathname, { lang: 'ts' });
        const source = `(() => {\n${code.replace(/^export /gm, '')}\nfetchFirstTiles(${JSON.stringify(configUrl)}, document.getElementById('map')).catch(() => undefined);\n})();\n`;
        this.emitFile({ type: 'asset', fileName: firstTilesScript.slice(1), source });
      },
      transformIndexHtml: () => [{ tag: 'script', attrs: { src: firstTilesScript }, injectTo: 'body' as const }],
    },
  ],
});
