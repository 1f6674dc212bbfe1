import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { sql, type Kysely } from 'kysely';
import type { ServiceCard, ServiceInput } from '../../../contracts/catalog.ts';
import { categoryByCode, lifeEventByCode } from '../../../contracts/vocabularies.ts';
import type { DB } from '../../db/schema.ts';
import { isStaff, requireAccess, type Actor, type StaffActor } from '../../platform/access.ts';
import { badRequest, conflict, notFound, type ProblemItem } from '../../platform/errors.ts';
import { inScope, type Scope } from '../../platform/tenancy.ts';
import { TenantsRepository, type OfficeRow } from '../tenants/tenants.repository.ts';
import { officeDto } from '../tenants/tenants.service.ts';
import { checkFormDefinition, withFieldOrder } from '../forms/form-validation.ts';
import { checkWorkflowDefinition, formFieldPointers } from '../workflow/workflow-validation.ts';
import { CatalogRepository, type CatalogFilters, type ServiceListRow } from './catalog.repository.ts';
import type { SearchQueryT } from './catalog.schemas.ts';
import { SearchCache } from './search-cache.ts';
import { decodeCursor, encodeCursor, lexiconWords, queryWords } from './search-text.ts';

interface SearchCursor {
  /** sort key of the last item: [tier, rank, id] for text searches, [title, id] when browsing */
  k: [1 | 2, number, string] | [string, string];
  /** total of the first page, and whether it was capped */
  t: number;
  c?: boolean;
  /** the words actually searched (after corrections), so later pages search the same */
  w?: string[];
  /** words joined with OR because no service had all of them */
  o?: boolean;
  /** fingerprint of the question (words and filters) the cursor belongs to */
  f: string;
}

/** Counting every match of a broad word is the slow part of a search; past this, "more than" is enough. */
export const COUNT_CAP = 1000;
const TYPO_MIN_LENGTH = 4;

export function summaryDto(r: ServiceListRow) {
  return {
    id: r.id,
    slug: r.slug,
    tenant: { id: r.tenant_id, slug: r.tenant_slug, name: r.tenant_name },
    title: r.title,
    shortDescription: r.short_description,
    category: r.category,
    lifeEvents: r.life_events,
    audiences: r.audiences,
    online: r.online,
    status: r.status,
    maxDays: r.max_days,
    version: r.current_version,
  };
}

/** The service catalogue: search, service cards with their versions, publishing. */
export class CatalogService {
  private readonly repo: CatalogRepository;
  private readonly tenants: TenantsRepository;

  private readonly cache: SearchCache<Awaited<ReturnType<CatalogService['searchUncached']>>>;

  constructor(private readonly db: Kysely<DB>, opts: { cacheTtlMs?: number; cache?: CatalogService['cache'] } = {}) {
    this.repo = new CatalogRepository(db);
    this.tenants = new TenantsRepository(db);
    this.cache = opts.cache ?? new SearchCache({
      ttlMs: opts.cacheTtlMs ?? 60_000,
      maxEntries: 5_000,
      checkEveryMs: 1_000,
      readGeneration: () => this.repo.generation(),
    });
  }

  /** The same service working inside a caller's transaction (e.g. the idempotency record's), sharing the cache. */
  withExecutor(executor: Kysely<DB>): CatalogService {
    return new CatalogService(executor, { cache: this.cache });
  }

  /** Search, answered from the short-lived cache when the same question was asked a moment ago. */
  async search(query: SearchQueryT) {
    const key = JSON.stringify([
      query.q?.trim().toLowerCase() ?? '', query.tenant, query.lifeEvent, query.category, query.audience,
      query.online, query.includeInactive, query.cursor, query.limit ?? 20,
    ]);
    return this.cache.get(key, () => this.searchUncached(query));
  }

  private async searchUncached(query: SearchQueryT) {
    const limit = query.limit ?? 20;
    const filters: CatalogFilters = {
      tenant: query.tenant,
      lifeEvent: query.lifeEvent,
      category: query.category,
      audience: query.audience,
      online: query.online,
      includeInactive: query.includeInactive,
    };
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([query.q?.trim().toLowerCase() ?? '', filters]))
      .digest('base64url')
      .slice(0, 16);
    const cursor = query.cursor ? parseCursor(query.cursor, fingerprint) : null;
    let searched: string[] = [];
    let didYouMean: string | undefined;
    let orMode = cursor?.o ?? false;

    if (cursor?.w) {
      searched = cursor.w;
    } else if (query.q?.trim()) {
      const typed = queryWords(query.q).filter((w) => w.length > 1);
      const checks = await this.repo.checkWords(typed);
      const stopWords = new Set(checks.filter((c) => c.stopWord).map((c) => c.word));
      // short words are too ambiguous to correct ("tar" could be many things)
      const corrections = new Map(
        checks.filter((c) => !c.known && c.suggestion && c.word.length >= TYPO_MIN_LENGTH).map((c) => [c.word, c.suggestion!]),
      );
      // only stop-words ("di la"): browse, rather than find nothing
      searched = typed.filter((w) => !stopWords.has(w)).map((w) => corrections.get(w) ?? w);
      if (corrections.size) didYouMean = searched.join(' ');
    }
    const tsquery = (or: boolean) => sql`to_tsquery('sportello_it', ${searched.join(or ? ' | ' : ' & ')})`;

    // A page of one text query: the rest of tier 1 after the cursor, topped up from tier 2.
    const textPage = async (or: boolean, after: { tier: 1 | 2; rank: number; id: string } | null) => {
      const q = tsquery(or);
      const rows = !after || after.tier === 1 ? await this.repo.searchTier(filters, q, 1, after, limit + 1) : [];
      if (rows.length <= limit) {
        rows.push(...(await this.repo.searchTier(filters, q, 2, after?.tier === 2 ? after : null, limit + 1 - rows.length)));
      }
      return rows;
    };

    let total = cursor?.t;
    let capped = cursor?.c ?? false;
    let rows: ServiceListRow[];
    if (!searched.length) {
      const after = cursor ? { title: cursor.k[0] as string, id: cursor.k[1] as string } : null;
      [total, rows] = await Promise.all([
        total ?? this.repo.count(filters, null, COUNT_CAP + 1),
        this.repo.browse(filters, after, limit + 1),
      ]);
    } else if (cursor) {
      const [tier, rank, id] = cursor.k as [1 | 2, number, string];
      rows = await textPage(orMode, { tier, rank, id });
    } else {
      [total, rows] = await Promise.all([this.repo.count(filters, tsquery(false), COUNT_CAP + 1), textPage(false, null)]);
      if (total === 0 && searched.length > 1) {
        // No service has every word: show those with some of them, best first, rather than nothing.
        orMode = true;
        [total, rows] = await Promise.all([this.repo.count(filters, tsquery(true), COUNT_CAP + 1), textPage(true, null)]);
      }
    }
    if (total! > COUNT_CAP) {
      total = COUNT_CAP;
      capped = true;
    }
    const more = rows.length > limit;
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor =
      more && last
        ? encodeCursor({
            k: searched.length ? [last.tier ?? 1, last.rank ?? 0, last.id] : [last.title, last.id],
            t: total!,
            f: fingerprint,
            ...(capped ? { c: true } : {}),
            ...(searched.length ? { w: searched, o: orMode || undefined } : {}),
          } satisfies SearchCursor)
        : null;
    return {
      items: items.map(summaryDto),
      nextCursor,
      total: total!,
      ...(capped ? { totalCapped: true } : {}),
      ...(didYouMean ? { didYouMean } : {}),
    };
  }

  async get(serviceId: string, version?: number) {
    const row = await this.repo.findById(serviceId);
    if (!row) throw notFound('Il servizio richiesto');
    const wanted = version ?? row.current_version;
    const [v, versions] = await Promise.all([this.repo.version(serviceId, wanted), this.repo.versions(serviceId)]);
    if (!v) throw notFound(`La versione ${wanted} del servizio`);
    const office = await this.tenants.officeByCode(row.tenant_id, v.card.officeCode);
    return {
      ...summaryDto(row),
      card: v.card,
      office: office ? officeDto(office) : null,
      publishedAt: v.published_at.toISOString(),
      versions: versions.map((x) => ({ version: x.version, publishedAt: x.published_at.toISOString() })),
    };
  }

  /** The card at a body's own address: /enti/{body}/servizi/{slug}. */
  async getBySlug(tenantIdOrSlug: string, slug: string, version?: number) {
    const tenant = await this.tenants.findByIdOrSlug(tenantIdOrSlug);
    const found = tenant ? await this.repo.findBySlug(tenant.id, slug) : undefined;
    if (!found) throw notFound('Il servizio richiesto');
    return this.get(found.id, version);
  }

  /** A tenant administrator creates a new card (version 1). */
  async create(actor: Actor | null, input: ServiceInput) {
    input = withOrderedForm(input);
    const a = requireAccess(actor, 'catalog.create', isStaff(actor) ? { tenantId: actor.tenantId } : {}) as StaffActor;
    const id = await this.saveNew({ tenantId: a.tenantId }, a.tenantId, input, `${a.kind}:${a.id}`);
    return this.get(id);
  }

  /** A tenant administrator publishes a new version of a card; earlier versions stay readable. */
  async publish(actor: Actor | null, serviceId: string, card: ServiceCard) {
    card = withOrderedForm(card);
    const row = await this.repo.findById(serviceId);
    // Another tenant's service answers as if it did not exist.
    if (!row) throw notFound('Il servizio richiesto');
    const a = requireAccess(actor, 'catalog.publish', { tenantId: row.tenant_id });
    await this.saveVersion({ tenantId: row.tenant_id }, row.tenant_id, serviceId, card, `${a.kind}:${a.id}`);
    return this.get(serviceId);
  }

  /**
   * Creates the service, or publishes a new version when the card differs from the current one. Used by the
   * demo seed and by imports, which run with the platform's scope. Returns what happened.
   */
  async upsert(scope: Scope, tenantId: string, input: ServiceInput, publishedBy: string): Promise<'created' | 'updated' | 'unchanged'> {
    input = withOrderedForm(input);
    const existing = await this.repo.findBySlug(tenantId, input.slug);
    if (!existing) {
      await this.saveNew(scope, tenantId, input, publishedBy);
      return 'created';
    }
    const current = await this.repo.version(existing.id, existing.current_version);
    const { slug: _slug, ...card } = input;
    // jsonb returns keys in its own order, and drops undefined ones: compare values, not text
    if (current && isDeepStrictEqual(current.card, JSON.parse(JSON.stringify(card)))) return 'unchanged';
    await this.saveVersion(scope, tenantId, existing.id, card, publishedBy);
    return 'updated';
  }

  /** Checks what the schema cannot: vocabulary codes and the office. Returns the office. */
  async validateCard(tenantId: string, card: ServiceCard): Promise<OfficeRow> {
    const errors: ProblemItem[] = [];
    if (!categoryByCode.has(card.category)) errors.push({ path: 'category', message: `categoria sconosciuta "${card.category}" (unknown category)` });
    card.lifeEvents.forEach((e, i) => {
      if (!lifeEventByCode.has(e)) errors.push({ path: `lifeEvents.${i}`, message: `evento della vita sconosciuto "${e}" (unknown life event)` });
    });
    if (card.access.online && !card.access.onlineDescription && !card.access.onlineUrl) {
      errors.push({ path: 'access.onlineDescription', message: 'spiega come accedere online o indica un indirizzo (describe online access)' });
    }
    if (card.status === 'inactive' && !card.statusReason) {
      errors.push({ path: 'statusReason', message: 'indica perché il servizio non è attivo (say why the service is inactive)' });
    }
    // the online form: a schema that compiles, steps, prefilled fields and documents that exist in it
    if (card.form) for (const p of checkFormDefinition(card.form)) errors.push({ path: p.path.replace(/\//g, '.'), message: p.message });
    const office = await this.tenants.officeByCode(tenantId, card.officeCode);
    if (!office) errors.push({ path: 'officeCode', message: `l'ufficio "${card.officeCode}" non esiste in questo ente (unknown office)` });
    // the workflow: approvals by offices of this body, recipients read from fields the form has, known placeholders
    if (card.workflow) {
      const officeCodes = (await this.tenants.offices(tenantId)).map((o) => o.code);
      const formPointers = card.form ? formFieldPointers(card.form.schema) : undefined;
      for (const p of checkWorkflowDefinition(card.workflow, { officeCodes, formPointers })) errors.push({ path: p.path.replace(/\//g, '.'), message: p.message });
    }
    if (errors.length) {
      throw badRequest(`La scheda ha ${errors.length} errori: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
    }
    return office!;
  }

  private async saveNew(scope: Scope, tenantId: string, input: ServiceInput, publishedBy: string): Promise<string> {
    const { slug, ...card } = input;
    const office = await this.validateCard(tenantId, card);
    const tenant = await this.tenants.findByIdOrSlug(tenantId);
    try {
      const created = await inScope(this.db, scope, async (trx) => {
        const repo = new CatalogRepository(trx);
        const { id } = await repo.insertService({ tenantId, slug, card, officeId: office.id, doc: documentParts(card, office, tenant?.name ?? '') });
        await repo.insertVersion({ tenantId, serviceId: id, version: 1, card, publishedBy });
        await repo.addTerms(cardWords(card));
        return id;
      });
      this.cache.clear();
      return created;
    } catch (err) {
      if ((err as { code?: string }).code === '23505') {
        throw conflict(`Esiste già un servizio con indirizzo "${slug}" in questo ente: scegline un altro. (Slug already used.)`);
      }
      throw err;
    }
  }

  private async saveVersion(scope: Scope, tenantId: string, serviceId: string, card: ServiceCard, publishedBy: string) {
    const office = await this.validateCard(tenantId, card);
    const tenant = await this.tenants.findByIdOrSlug(tenantId);
    await inScope(this.db, scope, async (trx) => {
      const repo = new CatalogRepository(trx);
      const locked = await repo.lockForNewVersion(serviceId);
      if (!locked) throw notFound('Il servizio richiesto');
      const version = locked.current_version + 1;
      await repo.insertVersion({ tenantId, serviceId, version, card, publishedBy });
      await repo.updateCurrent(serviceId, version, card, office.id, documentParts(card, office, tenant?.name ?? ''));
      await repo.addTerms(cardWords(card));
    });
    this.cache.clear();
  }

  /** Everything the CPSV-AP export needs, read in three queries. */
  async exportData(tenantIdOrSlug?: string) {
    const tenant = tenantIdOrSlug ? await this.tenants.findByIdOrSlug(tenantIdOrSlug) : undefined;
    if (tenantIdOrSlug && !tenant) throw notFound("L'ente richiesto");
    const tenants = tenant ? [tenant] : await this.tenants.list();
    const [cards, offices] = await Promise.all([
      this.repo.currentCards(tenant?.id),
      Promise.all(tenants.map((t) => this.tenants.offices(t.id))),
    ]);
    return { tenants, offices: offices.flat(), cards };
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WORD_RE = /^[\p{L}\p{N}]{1,60}$/u;
/** a rank as PostgreSQL's float4 holds it */
const isRank = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e30;

function parseCursor(raw: string, fingerprint: string): SearchCursor {
  const c = decodeCursor(raw) as Partial<SearchCursor> | undefined;
  const key = c?.k as unknown[] | undefined;
  const textKey = Array.isArray(key) && key.length === 3 && (key[0] === 1 || key[0] === 2) && isRank(key[1]) && UUID_RE.test(String(key[2]));
  const browseKey =
    Array.isArray(key) && key.length === 2 && typeof key[0] === 'string' && key[0].length <= 300 && !key[0].includes('\u0000') && UUID_RE.test(String(key[1]));
  const words = c?.w;
  const wordsOk = words === undefined || (Array.isArray(words) && words.length >= 1 && words.length <= 12 && words.every((w) => typeof w === 'string' && WORD_RE.test(w)));
  // a text cursor carries the words searched; a browsing cursor carries none
  const ok = c && wordsOk && Number.isInteger(c.t) && c.t! >= 0 && ((textKey && words) || (browseKey && !words));
  if (!ok) {
    throw badRequest('Il cursore non è valido: usa il valore nextCursor della pagina precedente. (Malformed cursor.)', [
      { path: 'query.cursor', message: 'cursore non valido (malformed cursor)' },
    ]);
  }
  if (c.f !== fingerprint) {
    throw badRequest(
      'Il cursore appartiene a un\'altra ricerca: ripeti la ricerca dalla prima pagina. (The cursor belongs to another search.)',
      [{ path: 'query.cursor', message: 'cursore di un\'altra ricerca (cursor of another search)' }],
    );
  }
  return c as SearchCursor;
}

/** A card whose form keeps its fields in the order written (see withFieldOrder). */
function withOrderedForm<T extends ServiceCard>(card: T): T {
  return card.form ? { ...card, form: withFieldOrder(card.form) } : card;
}

export function documentParts(card: ServiceCard, office: OfficeRow, tenantName: string) {
  return {
    title: card.title,
    keywords: card.keywords.join(' '),
    summary: card.shortDescription,
    body: [
      card.description,
      card.audienceDescription,
      card.output,
      categoryByCode.get(card.category)?.it ?? '',
      ...card.lifeEvents.map((e) => lifeEventByCode.get(e)?.it ?? ''),
    ].join('\n'),
    context: `${office.name} ${tenantName}`,
  };
}

export function cardWords(card: ServiceCard): string[] {
  return lexiconWords(
    [card.title, card.keywords.join(' '), card.shortDescription, categoryByCode.get(card.category)?.it ?? '', card.description].join(' '),
  );
}
