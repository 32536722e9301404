import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromiumLaunch';

const CI = !!process.env.CI;
const DEV = !!process.env.PW_DEV;
const port = DEV ? 5173 : 4173;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: 'e2e',
  testIgnore: process.env.BENCH ? [] : ['**/bench*.spec.ts'],
  workers: CI ? 1 : 2,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  use: {
    browserName: 'chromium',
    headless: true,
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: {
    command: DEV
      ? `npx vite --host 127.0.0.1 --port ${port} --strictPort`
      : `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: baseURL,
    reuseExistingServer: !CI,
    timeout: 60000,
  },
});
