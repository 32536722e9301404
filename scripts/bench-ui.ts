/**
 * npm run bench:ui — the designer in headless Chromium (the production build, served by
 * `vite preview`): load-to-interactive with the full DMTF CIM schema, and frame times while
 * panning, zooming and dragging with the whole schema expanded and with a 50-class sample.
 * The last line printed is one JSON object.
 */
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { runBench } from './bench-ui-lib';
import { chromiumLaunchOptions } from '../e2e/chromiumLaunch';

const PORT = Number(process.env.BENCH_PORT ?? 4176);
/** BENCH_URL: measure an already running server instead of starting `vite preview`. */
const base = process.env.BENCH_URL ?? `http://127.0.0.1:${PORT}`;

async function waitForServer(url: string, ms: number) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no server at ${url}`);
}

const server = process.env.BENCH_URL
  ? null
  : // vite itself (not through npx), so killing it stops the server and frees the output pipe.
    spawn(
      process.execPath,
      ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'],
      {
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
let code = 0;
try {
  await waitForServer(base, 60_000);
  const browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const result = await runBench(page, (s) => console.error(`bench-ui: ${s}`));
  await browser.close();
  if (errors.length) console.error(`bench-ui: page errors: ${errors.join(' | ')}`);
  console.log(JSON.stringify(result));
} catch (e) {
  console.error(e);
  code = 1;
} finally {
  server?.kill();
}
process.exit(code);
