import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import type { ServiceCard } from '../../../contracts/catalog.ts';
import type { DB, ServicesTable } from '../../db/schema.ts';

export interface CatalogFilters {
  /** tenant UUID or slug */
  tenant?: string;
  lifeEvent?: string;
  category?: string;
  audience?: string;
  online?: boolean;
  includeInactive?: boolean;
}

/**
 * Where a page starts: after this sort key. Text searches come in two tiers (1: the title or keywords match,
 * 2: only the other texts do), each ordered by rank then id; browsing is ordered by title then id.
 */
export type SearchAfter = { tier: 1 | 2; rank: number; id: string } | { title: string; id: string };

/** A service as lists show it: its denormalised columns, its body's slug and name, and (in a search) its rank. */
export type ServiceListRow = Omit<Selectable<ServicesTable>, 'search_document' | 'title_document' | 'created_at'> & {
  tenant_slug: string;
  tenant_name: string;
  rank?: number;
  tier?: 1 | 2;
};

export interface SearchDocumentParts {
  /** weight A */
  title: string;
  /** weight A */
  keywords: string;
  /** weight B */
  summary: string;
  /** weight C: long texts, category and life-event labels */
  body: string;
  /** weight D: office and body names */
  context: string;
}

/** What a list item or card header needs: the service's denormalised fields and its body's name. */
const SUMMARY_COLUMNS = [
  's.id', 's.slug', 's.tenant_id', 't.slug as tenant_slug', 't.name as tenant_name', 's.title',
  's.short_description', 's.category', 's.life_events', 's.audiences', 's.online', 's.status', 's.max_days',
  's.current_version', 's.office_id', 's.published_at',
] as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Catalogue queries. Reads are public; writes run inside a tenant scope (see platform/tenancy). */
export class CatalogRepository {
  constructor(private readonly db: Kysely<DB>) {}

  private filtered(filters: CatalogFilters, tsquery: Expression<unknown> | null) {
    let q = this.db.selectFrom('services as s').innerJoin('tenants as t', 't.id', 's.tenant_id');
    if (filters.tenant) {
      q = UUID_RE.test(filters.tenant) ? q.where('s.tenant_id', '=', filters.tenant) : q.where('t.slug', '=', filters.tenant);
    }
    if (filters.lifeEvent) q = q.where(sql<SqlBool>`s.life_events @> ARRAY[${filters.lifeEvent}]::text[]`);
    if (filters.audience) q = q.where(sql<SqlBool>`s.audiences @> ARRAY[${filters.audience}]::text[]`);
    if (filters.category) q = q.where('s.category', '=', filters.category);
    if (filters.online !== undefined) q = q.where('s.online', '=', filters.online);
    if (!filters.includeInactive) q = q.where('s.status', '=', 'active');
    if (tsquery) q = q.where(sql<SqlBool>`s.search_document @@ ${tsquery}`);
    return q;
  }

  /** One page of services matching a text query, in one tier, ordered by relevance. */
  async searchTier(
    filters: CatalogFilters,
    tsquery: Expression<unknown>,
    tier: 1 | 2,
    after: { rank: number; id: string } | null,
    limit: number,
  ): Promise<ServiceListRow[]> {
    // Tier 1 ranks on the small title document, which keeps broad words cheap; tier 2 on the whole card.
    // A service that is not active (a closed call) still shows, below the active ones of similar relevance.
    const rank = tier === 1
      ? sql<number>`(ts_rank(s.title_document, ${tsquery}) * CASE WHEN s.status = 'active' THEN 1 ELSE 0.5 END)::float4`
      : sql<number>`(ts_rank(s.search_document, ${tsquery}) * CASE WHEN s.status = 'active' THEN 1 ELSE 0.5 END)::float4`;
    let q = this.filtered(filters, null).select([...SUMMARY_COLUMNS, rank.as('rank')]);
    q = tier === 1
      ? q.where(sql<SqlBool>`s.title_document @@ ${tsquery}`)
      : q.where(sql<SqlBool>`s.search_document @@ ${tsquery}`).where(sql<SqlBool>`NOT (s.title_document @@ ${tsquery})`);
    if (after) {
      // float4 rank, so that the value in the cursor compares equal to the one recomputed on the next page
      q = q.where((eb) => eb.or([eb(rank, '<', after.rank), eb.and([eb(rank, '=', after.rank), eb('s.id', '>', after.id)])]));
    }
    const rows = (await q.orderBy(rank, 'desc').orderBy('s.id').limit(limit).execute()) as ServiceListRow[];
    return rows.map((r) => ({ ...r, tier }));
  }

  /** One page of services without a text query, ordered by title. */
  async browse(filters: CatalogFilters, after: { title: string; id: string } | null, limit: number): Promise<ServiceListRow[]> {
    let q = this.filtered(filters, null).select(SUMMARY_COLUMNS);
    if (after) {
      q = q.where((eb) =>
        eb.or([eb('s.title', '>', after.title), eb.and([eb('s.title', '=', after.title), eb('s.id', '>', after.id)])]),
      );
    }
    return (await q.orderBy('s.title').orderBy('s.id').limit(limit).execute()) as ServiceListRow[];
  }

  /** How many services match, counting no further than `cap` (counting every match of a broad word is the slow part). */
  async count(filters: CatalogFilters, tsquery: Expression<unknown> | null, cap: number): Promise<number> {
    const matches = this.filtered(filters, tsquery).select(sql<number>`1`.as('one')).limit(cap);
    const r = await this.db
      .selectFrom(matches.as('m'))
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** The published catalogue's generation; it moves on with every change of a card, office or body. */
  async generation(): Promise<string> {
    const r = await this.db.selectFrom('catalog_state').select('generation').executeTakeFirstOrThrow();
    return String(r.generation);
  }

  /**
   * For each query word: is its stem in the catalogue? If not, the most similar known word (trigrams).
   * Stop-words come back as known. One round trip for all words.
   */
  async checkWords(words: string[]): Promise<{ word: string; known: boolean; stopWord: boolean; suggestion: string | null }[]> {
    if (!words.length) return [];
    const r = await sql<{ word: string; known: boolean; stopWord: boolean; suggestion: string | null }>`
      SELECT w.word,
             k.known,
             ts_lexize('italian_stem', w.word) = '{}' AS "stopWord",
             CASE WHEN k.known THEN NULL ELSE (
               SELECT t.word FROM search_terms t
               WHERE t.word % w.word
               ORDER BY similarity(t.word, w.word) DESC, t.uses DESC, t.word
               LIMIT 1) END AS suggestion
      FROM unnest(${words}::text[]) WITH ORDINALITY AS w(word, n)
      CROSS JOIN LATERAL (
        SELECT CASE
          WHEN ts_lexize('italian_stem', w.word) = '{}' THEN true
          ELSE EXISTS (SELECT 1 FROM search_terms t
                       WHERE t.stem = coalesce((ts_lexize('italian_stem', w.word))[1], w.word))
        END AS known) k
      ORDER BY w.n`.execute(this.db);
    return r.rows;
  }

  findById(id: string) {
    return this.db
      .selectFrom('services as s')
      .innerJoin('tenants as t', 't.id', 's.tenant_id')
      .select(SUMMARY_COLUMNS)
      .where('s.id', '=', id)
      .executeTakeFirst() as Promise<ServiceListRow | undefined>;
  }

  findBySlug(tenantId: string, slug: string) {
    return this.db
      .selectFrom('services')
      .select(['id', 'current_version'])
      .where('tenant_id', '=', tenantId)
      .where('slug', '=', slug)
      .executeTakeFirst();
  }

  versions(serviceId: string) {
    return this.db
      .selectFrom('service_versions')
      .select(['version', 'published_at'])
      .where('service_id', '=', serviceId)
      .orderBy('version', 'desc')
      .execute();
  }

  version(serviceId: string, version: number) {
    return this.db
      .selectFrom('service_versions')
      .select(['version', 'card', 'published_at', 'published_by'])
      .where('service_id', '=', serviceId)
      .where('version', '=', version)
      .executeTakeFirst();
  }

  /** Current cards of many services at once (for exports), optionally of one tenant. */
  currentCards(tenantId?: string) {
    let q = this.db
      .selectFrom('services as s')
      .innerJoin('service_versions as v', (j) => j.onRef('v.service_id', '=', 's.id').onRef('v.version', '=', 's.current_version'))
      .select(['s.id', 's.tenant_id', 's.slug', 's.current_version', 'v.card', 'v.published_at']);
    if (tenantId) q = q.where('s.tenant_id', '=', tenantId);
    return q.orderBy('s.tenant_id').orderBy('s.slug').execute();
  }

  insertService(row: {
    tenantId: string;
    slug: string;
    card: ServiceCard;
    officeId: string | null;
    doc: SearchDocumentParts;
  }) {
    return this.db
      .insertInto('services')
      .values({
        tenant_id: row.tenantId,
        slug: row.slug,
        current_version: 1,
        ...denormalised(row.card, row.officeId),
        published_at: new Date(),
        search_document: searchDocument(row.doc),
        title_document: titleDocument(row.doc),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  updateCurrent(serviceId: string, version: number, card: ServiceCard, officeId: string | null, doc: SearchDocumentParts) {
    return this.db
      .updateTable('services')
      .set({
        current_version: version,
        ...denormalised(card, officeId),
        published_at: new Date(),
        search_document: searchDocument(doc),
        title_document: titleDocument(doc),
      })
      .where('id', '=', serviceId)
      .executeTakeFirstOrThrow();
  }

  /** Locks the service row so that two publishers get consecutive version numbers. */
  lockForNewVersion(serviceId: string) {
    return this.db
      .selectFrom('services')
      .select(['id', 'tenant_id', 'current_version'])
      .where('id', '=', serviceId)
      .forUpdate()
      .executeTakeFirst();
  }

  insertVersion(row: { tenantId: string; serviceId: string; version: number; card: ServiceCard; publishedBy: string }) {
    return this.db
      .insertInto('service_versions')
      .values({
        tenant_id: row.tenantId,
        service_id: row.serviceId,
        version: row.version,
        card: JSON.stringify(row.card),
        published_by: row.publishedBy,
      })
      .returning(['version', 'published_at'])
      .executeTakeFirstOrThrow();
  }

  /** Adds words to the "did you mean" lexicon; counts[i] is how often words[i] was seen (default 1 each). */
  async addTerms(words: string[], counts: number[] = words.map(() => 1)) {
    if (!words.length) return;
    await sql`
      INSERT INTO search_terms (word, stem, uses)
      SELECT w.word, coalesce((ts_lexize('italian_stem', w.word))[1], w.word), sum(w.n)
      FROM unnest(${words}::text[], ${counts}::int[]) AS w(word, n)
      GROUP BY w.word
      ON CONFLICT (word) DO UPDATE SET uses = search_terms.uses + excluded.uses`.execute(this.db);
  }
}

function denormalised(card: ServiceCard, officeId: string | null) {
  return {
    title: card.title,
    short_description: card.shortDescription,
    category: card.category,
    life_events: card.lifeEvents,
    audiences: card.audiences,
    online: card.access.online,
    status: card.status,
    max_days: card.maxDays,
    office_id: officeId,
  };
}

/** The title and keywords only: the first tier of a text search. */
export function titleDocument(d: Pick<SearchDocumentParts, 'title' | 'keywords'>) {
  return sql`
    setweight(to_tsvector('sportello_it', ${d.title}), 'A') ||
    setweight(to_tsvector('sportello_it', ${d.keywords}), 'A')`;
}

export function searchDocument(d: SearchDocumentParts) {
  return sql`
    setweight(to_tsvector('sportello_it', ${d.title}), 'A') ||
    setweight(to_tsvector('sportello_it', ${d.keywords}), 'A') ||
    setweight(to_tsvector('sportello_it', ${d.summary}), 'B') ||
    setweight(to_tsvector('sportello_it', ${d.body}), 'C') ||
    setweight(to_tsvector('sportello_it', ${d.context}), 'D')`;
}
