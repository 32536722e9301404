import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * The built page's Content-Security-Policy: scripts, styles, workers and connections from the
 * page's own origin only; no inline script, no eval, no inline style sheet (React and React Flow
 * set styles through the CSSOM, which CSP allows). Images may be data:/blob: (the PNG export and
 * React Flow's minimap). Development keeps Vite's inline HMR preamble, so it gets no policy.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'classwright-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP }, injectTo: 'head-prepend' },
      ],
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy()],
  worker: { format: 'es' },
  server: { port: 5173, strictPort: true },
  preview: {
    port: 4173,
    strictPort: true,
    // The same policy as a header, so it also governs the worker scripts; framing is refused.
    headers: { 'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`, 'X-Content-Type-Options': 'nosniff' },
  },
  build: {
    target: 'es2022',
    // elkjs (the optional layered layout) is one 1.4 MB chunk, loaded by the layout worker on demand.
    chunkSizeWarningLimit: 1600,
  },
});
