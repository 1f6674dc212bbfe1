import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** Appointments and their calendars. (Skeleton: filled in by the desk work of issue 8.) */
export class AppointmentsService {
  constructor(protected readonly db: Kysely<DB>) {}
}
