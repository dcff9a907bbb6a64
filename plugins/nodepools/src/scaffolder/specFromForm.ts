import {
  REQUEST_KIND_PROFILES,
  REQUEST_KINDS,
  type PoolRequestSpecInput,
  type RequestKind,
  type Violation,
} from '@nodepools/plugin-nodepools-common';

/** What the NodePoolPicker field holds: the kind, the cluster ref and the machine types. */
export interface NodePoolPickerValue {
  kind?: RequestKind;
  cluster?: string;
  machineTypes?: string[];
}

/**
 * The template parameters the field reads to check the whole request, as
 * the example template names them. Any that are not filled in yet are
 * checked with a stand-in, and the checks of that field are not shown.
 */
export const TEMPLATE_PARAMETERS = ['name', 'minNodes', 'maxNodes', 'capacityType', 'zones', 'taintKey', 'owner', 'justification'] as const;

const STAND_INS = { name: 'pool', owner: 'group:default/owner', justification: 'to be written' };

/** Rules about the owner, meaningless while the owner is a stand-in. */
const OWNER_RULES = new Set(['owner-exists', 'max-nodes', 'cost-quota']);

export interface FormSpec {
  spec: PoolRequestSpecInput;
  /** Spec fields that hold a stand-in. */
  standIns: string[];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function whole(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** The request the template's form describes so far. */
export function specFromForm(value: NodePoolPickerValue | undefined, formData: Record<string, unknown> = {}): FormSpec {
  const kind: RequestKind = value?.kind && REQUEST_KINDS.includes(value.kind) ? value.kind : 'eks-managed-node-group';
  const profile = REQUEST_KIND_PROFILES[kind];
  const standIns: string[] = [];
  const filled = (field: keyof typeof STAND_INS) => {
    const given = text(formData[field]);
    if (given) return given;
    standIns.push(field);
    return STAND_INS[field];
  };
  const capacity = text(formData.capacityType);
  const taintKey = text(formData.taintKey);
  const zones = Array.isArray(formData.zones) ? formData.zones.filter((z): z is string => typeof z === 'string' && z !== '') : [];
  const spec: PoolRequestSpecInput = {
    kind,
    cluster: value?.cluster ?? '',
    name: filled('name'),
    machineTypes: value?.machineTypes ?? [],
    autoscaling: { min: profile.autoscalerMin ? whole(formData.minNodes) ?? 1 : 0, max: whole(formData.maxNodes) ?? 3 },
    ...(capacity ? { capacityType: capacity as PoolRequestSpecInput['capacityType'] } : {}),
    taints: taintKey ? [{ key: taintKey, effect: 'NoSchedule' }] : [],
    ...(profile.fields.includes('zones') ? { zones } : {}),
    owner: filled('owner'),
    justification: filled('justification'),
  };
  return { spec, standIns };
}

/** The checks that say something about what the user chose, not about a stand-in. */
export function meaningfulViolations<T extends Pick<Violation, 'field' | 'rule'>>(violations: readonly T[], standIns: readonly string[]): T[] {
  return violations.filter(
    v =>
      !standIns.some(f => v.field === f || v.field.startsWith(`${f}.`)) &&
      !(standIns.includes('owner') && OWNER_RULES.has(v.rule)),
  );
}
