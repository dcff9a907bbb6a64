import {
  DefaultNamespaceEntityPolicy,
  entityEnvelopeSchemaValidator,
  EntityPolicies,
  FieldFormatEntityPolicy,
  makeValidator,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { BuiltinKindsEntityProcessor } from '@backstage/plugin-catalog-backend';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import type { NodePool } from '@nodepools/plugin-nodepools-common';
import { poolRef } from '@nodepools/plugin-nodepools-common';
import { hostilePoolSpecs } from '../__testUtils__/hostilePools';
import { desiredEntities } from './desiredEntities';

const validateEnvelope = entityEnvelopeSchemaValidator();
const policies = EntityPolicies.allOf([
  new SchemaValidEntityPolicy(),
  new DefaultNamespaceEntityPolicy(),
  new NoForeignRootFieldsEntityPolicy(),
  new FieldFormatEntityPolicy(makeValidator()),
]);
const builtinKinds = new BuiltinKindsEntityProcessor();

/**
 * What the catalog checks of an entity a provider emits, with its own
 * code: the envelope on `applyMutation`, then the entity policies its
 * builder installs by default, the built-in kind validators and the
 * relations the built-in processor derives.
 */
async function catalogProblems(entity: Entity): Promise<string[]> {
  const problems: string[] = [];
  try {
    validateEnvelope(entity);
    await policies.enforce(entity);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (!(await builtinKinds.validateEntityKind(entity))) problems.push('not a valid Resource');
  const location = { type: 'nodepools', target: 'test' };
  await builtinKinds.postProcessEntity(structuredClone(entity), location, (result: CatalogProcessorResult) => {
    if (result.type === 'error') problems.push(result.error.message);
  });
  return problems;
}

describe('entities of 10,000 pools with hostile names', () => {
  it("pass the catalog's own validation, with unique names", async () => {
    const pools: NodePool[] = hostilePoolSpecs(10_000).map(({ raw: _raw, ...spec }) => ({
      ...spec,
      ref: poolRef(spec),
      ...(spec.tags.owner ? { owner: `group:default/${spec.tags.owner.replace(/[^a-z0-9]+/gi, '-')}`, ownerSource: 'tag' as const } : {}),
      source: 'test',
      firstSeenAt: '2026-11-01T10:00:00.000Z',
      lastSeenAt: '2026-11-01T10:00:00.000Z',
      stale: false,
    }));
    const entities = desiredEntities(pools, [], {
      providerName: 'nodepools-provider:default',
      namespace: 'default',
      pageUrl: 'https://backstage.example.com/nodepools',
      defaultOwner: 'group:default/unowned',
    });
    const nodePools = [...entities.values()].filter(e => e.spec?.type === 'node-pool');
    expect(nodePools).toHaveLength(10_000);
    const failures: Array<[string, string[]]> = [];
    for (const entity of entities.values()) {
      const problems = await catalogProblems(entity);
      if (problems.length) failures.push([entity.metadata.title ?? entity.metadata.name, problems]);
    }
    expect(failures.slice(0, 5)).toEqual([]);
    // The same checks refuse the cloud's own spelling as a name.
    const [first] = nodePools;
    expect(
      await catalogProblems({ ...first, metadata: { ...first.metadata, name: `Prod/${first.metadata.title}` } }),
    ).toEqual([expect.stringContaining('"metadata.name" is not valid')]);
    // Unique as the catalog compares refs: case-insensitively.
    const refs = [...entities.values()].map(e => stringifyEntityRef(e).toLocaleLowerCase('en-US'));
    expect(new Set(refs).size).toBe(entities.size);
    // Pool refs are kept whole, however the name had to change.
    expect(new Set(nodePools.map(e => e.metadata.annotations!['nodepools.io/pool-ref']))).toEqual(
      new Set(pools.map(p => p.ref)),
    );
  });
});
