import { defineConfig } from 'vite';

// The output folder is the Razor class library's wwwroot, which Geo.Api serves at "/".
export default defineConfig({
  base: '/',
  build: {
    outDir: 'wwwroot',
    emptyOutDir: true,
    // OpenLayers and Chart.js make one ~600 kB bundle; it loads once over loopback or the LAN, so no splitting.
    chunkSizeWarningLimit: 1500,
    // Fixed names: MSBuild lists wwwroot before a rebuild can rename a hashed file under it, and ASP.NET's
    // MapStaticAssets already gives every file an ETag for caching.
    rollupOptions: {
      output: { entryFileNames: 'assets/viewer.js', chunkFileNames: 'assets/[name].js', assetFileNames: 'assets/[name][extname]' },
    },
  },
});
