import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The reception: contacts register, lookup, applications started for a person. (Skeleton: filled in by the desk work of issue 8.) */
export class ReceptionService {
  constructor(protected readonly db: Kysely<DB>) {}
}
