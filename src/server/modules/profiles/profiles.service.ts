import { PROFILE_KINDS, PROFILE_OF_SUBJECT, type Profile, type ProfileCounts, type ProfileList } from '../../../contracts/profiles.ts';
import { requireAccess, type Actor, type CitizenActor } from '../../platform/access.ts';
import type { ApplicationsService } from '../applications/applications.service.ts';
import type { SubjectsService } from '../identity/subjects.service.ts';

const NONE: ProfileCounts = { open: 0, awaiting: 0, drafts: 0, unreadMessages: 0 };

/**
 * The capacities one person acts in, each with the people or companies it covers and what is waiting there:
 * as a private individual (always), as a professional (while they hold an active delegation), as a company's
 * legal representative (when the business register names them). Whom they act for is still chosen through
 * the subjects (PUT /api/v1/me/acting-for); a profile only groups them.
 */
export class ProfilesService {
  constructor(
    private readonly subjects: SubjectsService,
    private readonly applications: ApplicationsService,
  ) {}

  async list(actor: Actor | null): Promise<ProfileList> {
    const citizen = requireAccess(actor, 'profile.read') as CitizenActor;
    const [options, counts] = await Promise.all([this.subjects.options(citizen), this.applications.profileCounts(citizen)]);
    const items: Profile[] = [];
    for (const kind of PROFILE_KINDS) {
      const subjects = options.filter((o) => PROFILE_OF_SUBJECT[o.kind] === kind)
        .map((o) => ({ kind: o.kind, id: o.id, name: o.name, fiscalCode: o.fiscalCode }));
      if (kind === 'individual' || subjects.length) items.push({ kind, subjects, counts: counts[kind] ?? NONE });
    }
    return { items };
  }
}
