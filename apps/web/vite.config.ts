import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// Workspace libs export TypeScript source (STYLE.md): Vite compiles @herald/domain with the app.
export default defineConfig({
  root: here,
  plugins: [react()],
  resolve: {
    alias: { '@herald/domain': path.resolve(here, '../../libs/domain/src/index.ts') },
  },
  build: { outDir: 'dist', emptyOutDir: true },
  // `vite` in apps/web talks to an `npm start` Herald on 3000.
  server: {
    proxy: { '/api': 'http://localhost:3000', '/uploads': 'http://localhost:3000' },
  },
});
