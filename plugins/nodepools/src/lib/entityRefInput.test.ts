import { parseGroupRef } from './entityRefInput';

describe('parseGroupRef', () => {
  it('completes the kind and namespace of a group', () => {
    expect(parseGroupRef('team-a')).toEqual({ ref: 'group:default/team-a' });
    expect(parseGroupRef(' infra/team-b ')).toEqual({ ref: 'group:infra/team-b' });
    expect(parseGroupRef('Group:default/Team-C')).toEqual({ ref: 'group:default/team-c' });
  });

  it('refuses an empty value, another kind and what is no entity ref', () => {
    expect(parseGroupRef('  ').error).toBe('Name the group that takes the pools over.');
    expect(parseGroupRef('user:default/ada').error).toBe('Pools are handed to a group, not a user.');
    expect(parseGroupRef('group:default/team a').error).toBe("'group:default/team a' is not an entity ref such as group:default/team-a.");
    expect(parseGroupRef('a:b:c/d').error).toMatch(/is not an entity ref/);
  });
});
