/**
 * Profiles: the same person, seen in each capacity they act in. As a private individual (for themselves and the
 * minors in their care), as a professional (for the clients who delegated them), as a company's representative.
 * A profile groups the subjects of GET /api/v1/me/subjects and the applications filed for them.
 */
import type { SubjectKind } from './applications.ts';

export const PROFILE_KINDS = ['individual', 'professional', 'company'] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

export const isProfileKind = (value: unknown): value is ProfileKind => (PROFILE_KINDS as readonly unknown[]).includes(value);

/** The capacity in which a citizen acts for each kind of subject. */
export const PROFILE_OF_SUBJECT: Record<SubjectKind, ProfileKind> = {
  self: 'individual',
  minor: 'individual',
  delegation: 'professional',
  company: 'company',
};

/** The kinds of subject a profile groups (the inverse of PROFILE_OF_SUBJECT). */
export const SUBJECT_KINDS_OF: Record<ProfileKind, SubjectKind[]> = {
  individual: ['self', 'minor'],
  professional: ['delegation'],
  company: ['company'],
};

/** Someone the citizen acts for within a profile: the same id and kind that PUT /api/v1/me/acting-for takes. */
export interface ProfileSubject {
  kind: SubjectKind;
  id: string;
  name: string;
  fiscalCode: string;
}

/** What a person wants to know about a profile at a glance. */
export interface ProfileCounts {
  /** sent and not concluded yet (submitted, registered, in progress, awaiting the citizen, payment pending) */
  open: number;
  /** the office asked something and waits for an answer (awaiting_citizen) */
  awaiting: number;
  /** drafts saved and not sent */
  drafts: number;
  /** messages from the offices not read yet, on the applications of this profile */
  unreadMessages: number;
}

export interface Profile {
  kind: ProfileKind;
  subjects: ProfileSubject[];
  counts: ProfileCounts;
}

/** GET /api/v1/me/profiles: individual always first, then professional and company when the person has them. */
export interface ProfileList {
  items: Profile[];
}
