export default async function globalTeardown() {
  const state = globalThis.__NODEPOOLS_E2E__;
  await state?.servers.stop();
  state?.logStream.end();
}
