import { describe, expect, it } from 'vitest';
import { isProfileKind, PROFILE_KINDS, PROFILE_OF_SUBJECT, SUBJECT_KINDS_OF } from './profiles.ts';

describe('profiles and the kinds of subject they group', () => {
  it('puts every kind of subject in exactly one profile, and each profile lists back the kinds that map to it', () => {
    for (const kind of PROFILE_KINDS) {
      expect(Object.entries(PROFILE_OF_SUBJECT).filter(([, p]) => p === kind).map(([s]) => s).sort()).toEqual([...SUBJECT_KINDS_OF[kind]].sort());
    }
    expect(PROFILE_OF_SUBJECT).toEqual({ self: 'individual', minor: 'individual', delegation: 'professional', company: 'company' });
  });

  it('recognises only the three profile names', () => {
    expect(PROFILE_KINDS.every(isProfileKind)).toBe(true);
    for (const bad of ['privato', 'Individual', '', null, undefined, 3]) expect(isProfileKind(bad)).toBe(false);
  });
});
