import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

const VENDOR_CHUNKS: [RegExp, string][] = [
  [/[\\/]node_modules[\\/](echarts|zrender)[\\/]/, 'vendor-echarts'],
  [/[\\/]node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, 'vendor-react'],
  [/[\\/]node_modules[\\/]@tanstack[\\/]/, 'vendor-query'],
  // antd's engine (theme, CSS-in-JS, config, locale) is needed by every screen; its components are left to
  // Rollup so that each lazy screen only pulls the components it uses.
  [/[\\/]node_modules[\\/](@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)|antd[\\/]es[\\/](theme|style|config-provider|locale|_util|app))[\\/]/, 'vendor-antd'],
  [/[\\/]node_modules[\\/](dayjs|zod)[\\/]/, 'vendor-base'],
];

/** Vendor chunks: big libraries change rarely, so browsers keep them cached across releases. */
function vendorChunk(id: string): string | undefined {
  if (!id.includes('node_modules')) return undefined;
  return VENDOR_CHUNKS.find(([re]) => re.test(id))?.[1];
}

/**
 * `/api` goes to the ParIndex server; the dev server's own modules under src/web/api/ (e.g. /api/client.ts) stay
 * with Vite.
 */
const apiProxy = {
  '/api': {
    target: 'http://127.0.0.1:3000',
    changeOrigin: false,
    bypass: (req: { url?: string }) => (req.url && /\.(tsx?|jsx?)(\?|$)/.test(req.url) ? req.url : undefined),
  },
};

export default defineConfig({
  root: path.join(here, 'src/web'),
  publicDir: path.join(here, 'src/web/public'),
  plugins: [react()],
  build: {
    outDir: path.join(here, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: { manualChunks: vendorChunk },
    },
  },
  server: { port: 5173, proxy: apiProxy },
  preview: { proxy: apiProxy },
});
