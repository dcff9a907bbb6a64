import { copyFileSync, createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveChromium } from '../support/chromium.mjs';
import { startDevServers } from '../support/devServers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = path.resolve(here, '../artifacts');

export default async function globalSetup() {
  mkdirSync(ARTIFACTS, { recursive: true });
  // The drift test edits this copy of the sample state; the sample itself stays as it is.
  mkdirSync(path.join(ARTIFACTS, 'desired'), { recursive: true });
  copyFileSync(
    path.resolve(here, '../../sample-inventory/desired/payments-prod.tfstate'),
    path.join(ARTIFACTS, 'desired/payments-prod.tfstate'),
  );
  const chromium = await resolveChromium();
  process.env.E2E_CHROMIUM = JSON.stringify(chromium);
  process.env.E2E_APP_URL = 'http://localhost:3100';
  process.env.E2E_BACKEND_URL = 'http://localhost:7107';
  process.env.E2E_ARTIFACTS = ARTIFACTS;
  // The dev backend's permission policy, switched by the tests while it runs.
  process.env.NODEPOOLS_DEV_POLICY_FILE = path.join(ARTIFACTS, 'dev-policy');
  writeFileSync(process.env.NODEPOOLS_DEV_POLICY_FILE, 'allow');
  const logStream = createWriteStream(path.join(ARTIFACTS, 'dev-servers.log'));
  const servers = await startDevServers({
    configs: ['app-config.yaml', 'test/e2e/app-config.e2e.yaml'],
    backendUrl: process.env.E2E_BACKEND_URL,
    appUrl: process.env.E2E_APP_URL,
    log: text => logStream.write(text),
  });
  globalThis.__NODEPOOLS_E2E__ = { servers, logStream };
}
