/* eslint-disable */
// The thread a pending-pod triage runs in, off the backend's event loop.
// Plain JavaScript, so it starts the same way wherever the backend runs:
// inside the source repository the engine resolves to TypeScript, which
// Backstage's node transform compiles; installed from a registry it is the
// built package.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');

if (/\.tsx?$/.test(require.resolve('@nodepools/plugin-nodepools-common'))) {
  require('@backstage/cli-node/config/nodeTransform.cjs');
}
require('@nodepools/plugin-nodepools-common').serveTriageAnalysis(parentPort, workerData);
