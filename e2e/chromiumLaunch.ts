/**
 * How the e2e tests and the browser benchmarks start Debian's Chromium: the system binary (never a
 * downloaded one) and the flags this machine's closed network needs (toolchain guide).
 */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
