// A real headless Chromium with no download at test time: CHROMIUM_PATH if
// set, else the binary shipped in the @sparticuz/chromium npm package.
export async function resolveChromium() {
  if (process.env.CHROMIUM_PATH) {
    return { executablePath: process.env.CHROMIUM_PATH, args: ['--no-sandbox'] };
  }
  const { default: chromium } = await import('@sparticuz/chromium');
  // The package's flags are tuned for AWS Lambda. In single-process mode a
  // crash anywhere in Chromium takes the whole browser down (it once did so
  // at launch under a loaded CI machine), so the renderer gets its own
  // process here.
  const args = chromium.args.filter(arg => arg !== '--single-process');
  return { executablePath: await chromium.executablePath(), args };
}
