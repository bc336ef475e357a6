import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  plugins: [react()],
  // workspace packages (shared, engine) are read from their TypeScript sources
  resolve: { conditions: ['@liangdian/source', ...defaultClientConditions] },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  // The server puts each answer's nonce in place of this (packages/server/src/http/security-headers.ts)
  html: { cspNonce: '__LIANGDIAN_CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
  },
});
