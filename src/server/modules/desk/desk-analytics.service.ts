import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The desk manager's figures. (Skeleton: filled in by the desk work of issue 8.) */
export class DeskAnalyticsService {
  constructor(protected readonly db: Kysely<DB>) {}
}
