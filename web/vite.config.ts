import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Builds "Mon CPA" into web/dist as static files with relative asset paths, so the same build
 * works under the gateway's /app/ or on any static host. `npm run dev:web` serves it with hot
 * reload and forwards /graphql and the development login to a running gateway (GATEWAY_URL).
 */
const gateway = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  // The DSFR keeps old-IE media hacks that LightningCSS refuses; dropping them changes nothing for today's browsers.
  css: { lightningcss: { errorRecovery: true } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
  server: {
    host: '127.0.0.1',
    proxy: { '/graphql': gateway, '/app/dev': gateway },
  },
});
