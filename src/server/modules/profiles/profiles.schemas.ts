import { Type } from 'typebox';
import { PROFILE_KINDS } from '../../../contracts/profiles.ts';
import { Uuid } from '../../platform/schemas.ts';

const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 2_000_000_000, format: 'int32', description });

export const ProfileSubject = Type.Object(
  {
    kind: Type.String({ enum: ['self', 'minor', 'delegation', 'company'], maxLength: 12, description: 'what PUT /api/v1/me/acting-for takes, with id' }),
    id: Uuid,
    name: Type.String({ maxLength: 300 }),
    fiscalCode: Type.String({ maxLength: 16 }),
  },
  { additionalProperties: false },
);

export const Profile = Type.Object(
  {
    kind: Type.String({ enum: [...PROFILE_KINDS], maxLength: 20, description: 'individual: per sé e per i figli minori; professional: per i clienti che hanno delegato; company: per le imprese rappresentate' }),
    subjects: Type.Array(ProfileSubject, { maxItems: 500 }),
    counts: Type.Object(
      {
        open: Count('pratiche inviate e non ancora concluse'),
        awaiting: Count("pratiche per cui l'ufficio aspetta una risposta (awaiting_citizen)"),
        drafts: Count('bozze salvate e non inviate'),
        unreadMessages: Count('messaggi degli uffici non ancora letti'),
      },
      { additionalProperties: false },
    ),
  },
  { $id: 'Profile', additionalProperties: false },
);

export const ProfileList = Type.Object({ items: Type.Array(Type.Ref('Profile'), { maxItems: 3 }) }, { additionalProperties: false });
