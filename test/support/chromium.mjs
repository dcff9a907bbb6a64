// A real headless Chromium with no download at test time: CHROMIUM_PATH if
// set, else the binary shipped in the @sparticuz/chromium npm package.
export async function resolveChromium() {
  if (process.env.CHROMIUM_PATH) {
    return { executablePath: process.env.CHROMIUM_PATH, args: ['--no-sandbox'] };
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  return { executablePath: await chromium.executablePath(), args: chromium.args };
}
