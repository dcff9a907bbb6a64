import fs from 'node:fs';
import path from 'node:path';
import type { TriageInput } from '../types';

const read = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'eks-prod', name), 'utf8'));

/** The EKS sample cluster's kubectl output and pool export, read afresh for each test. */
export function eksProdInput(): TriageInput {
  return {
    pods: read('pods.json'),
    nodes: read('nodes.json'),
    events: read('events.json'),
    persistentVolumes: read('pvs.json'),
    persistentVolumeClaims: read('pvcs.json'),
    pools: read('pools.json').items,
  };
}
