import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** The take-a-number queue, counters, devices, display and ratings. (Skeleton: filled in by the desk work of issue 8.) */
export class QueueService {
  constructor(protected readonly db: Kysely<DB>) {}
}
