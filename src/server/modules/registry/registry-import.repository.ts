import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RegistryColumn, RegistryRecord, RejectedRow } from './registry-import.rows.ts';

/** The register's columns written from each optional column of a file (the required ones are always written). */
const OPTIONAL_TARGETS: Partial<Record<RegistryColumn, readonly PersonColumn[]>> = {
  cittadinanza: ['citizenship'],
  stato_civile: ['civil_status'],
  residente_dal: ['residence_since'],
  carta_identita_numero: ['id_card_number', 'id_card_expires_on'],
  carta_identita_scadenza: ['id_card_number', 'id_card_expires_on'],
};
const ALWAYS = ['given_name', 'family_name', 'sex', 'birth_date', 'birth_place', 'address', 'family_id', 'family_relation'] as const;
type PersonColumn = (typeof ALWAYS)[number] | 'citizenship' | 'civil_status' | 'residence_since' | 'id_card_number' | 'id_card_expires_on';

/** The register's columns a file with these columns writes: an optional column it leaves out keeps what is stored. */
export function writtenColumns(fileColumns: readonly RegistryColumn[] | 'all'): PersonColumn[] {
  const set = new Set<PersonColumn>(ALWAYS);
  for (const [column, targets] of Object.entries(OPTIONAL_TARGETS)) {
    if (fileColumns === 'all' || fileColumns.includes(column as RegistryColumn)) for (const t of targets!) set.add(t);
  }
  return [...set];
}

/** Loads of a population register and the rows they write: queries only. */
export class RegistryImportRepository {
  constructor(private readonly db: Kysely<DB>) {}

  /**
   * Inserts or updates one batch of people of a body in ONE statement (keyed by body and fiscal code). A row
   * that would not change is left alone, its update time and load included. Counts what was created and updated.
   */
  async upsertPeople(tenantId: string, records: readonly RegistryRecord[], opts: { columns: readonly PersonColumn[]; importId: string | null }) {
    if (!records.length) return { created: 0, updated: 0 };
    const cols = opts.columns;
    const values = records.map((r) => {
      const all: Record<PersonColumn, string | null> = {
        given_name: r.givenName, family_name: r.familyName, sex: r.sex, birth_date: r.birthDate, birth_place: r.birthPlace, address: r.address,
        family_id: r.familyId, family_relation: r.familyRelation, citizenship: r.citizenship, civil_status: r.civilStatus,
        residence_since: r.residenceSince, id_card_number: r.idCardNumber, id_card_expires_on: r.idCardExpiresOn,
      };
      const row: Record<string, string | null> = { tenant_id: tenantId, fiscal_code: r.fiscalCode, import_id: opts.importId };
      for (const c of cols) row[c] = all[c];
      return row;
    });
    const rows = await this.db
      .insertInto('registry_people')
      .values(values as never)
      .onConflict((oc) =>
        oc
          .columns(['tenant_id', 'fiscal_code'])
          .doUpdateSet(() => {
            const set: Record<string, unknown> = { import_id: sql.ref('excluded.import_id'), updated_at: sql`now()` };
            for (const c of cols) set[c] = sql.ref(`excluded.${c}`);
            return set as never;
          })
          .where(sql<boolean>`(${sql.join(cols.map((c) => sql.ref(`registry_people.${c}`)))}) IS DISTINCT FROM (${sql.join(cols.map((c) => sql.ref(`excluded.${c}`)))})`),
      )
      .returning(sql<boolean>`xmax = 0`.as('created'))
      .execute();
    const created = rows.filter((r) => r.created).length;
    return { created, updated: rows.length - created };
  }

  /** The heads the register holds for these family sheets of a body. */
  headsOf(tenantId: string, familyIds: readonly string[]) {
    if (!familyIds.length) return Promise.resolve([]);
    return this.db
      .selectFrom('registry_people')
      .select(['family_id', 'fiscal_code'])
      .where('tenant_id', '=', tenantId)
      .where('family_relation', '=', 'intestatario')
      .where('family_id', 'in', familyIds)
      .execute();
  }

  async createImport(values: { tenantId: string; fileName: string; sha256: string; startedAt: Date }) {
    const { id } = await this.db
      .insertInto('registry_imports')
      .values({ tenant_id: values.tenantId, file_name: values.fileName, sha256: values.sha256, started_at: values.startedAt })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  finishImport(id: string, result: { finishedAt: Date; total: number; loaded: number; rejected: readonly RejectedRow[] }) {
    return this.db
      .updateTable('registry_imports')
      .set({
        finished_at: result.finishedAt, rows_total: result.total, rows_loaded: result.loaded, rows_rejected: result.rejected.length,
        rejected: JSON.stringify(result.rejected),
      })
      .where('id', '=', id)
      .execute();
  }

  /** A body's loads, latest first. */
  imports(tenantId: string, limit: number) {
    return this.db.selectFrom('registry_imports').selectAll().where('tenant_id', '=', tenantId).orderBy('started_at', 'desc').limit(limit).execute();
  }

  /** How many people a body's register holds. */
  async count(tenantId: string) {
    const { n } = await this.db.selectFrom('registry_people').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
    return Number(n);
  }
}
