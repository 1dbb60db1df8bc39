import { defineConfig } from 'vite';

// The output folder is the Razor class library's wwwroot, which Geo.Api serves at "/".
export default defineConfig({
  base: '/',
  build: {
    outDir: 'wwwroot',
    emptyOutDir: true,
    // OpenLayers and Chart.js make one ~600 kB bundle; it loads once over loopback or the LAN, so no splitting.
    chunkSizeWarningLimit: 1500,
  },
});
