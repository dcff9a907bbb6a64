export default async function globalTeardown() {
  await globalThis.__NODEPOOLS_POSTGRES__?.stop();
}
