import type { CatalogExportInput } from './cpsv/cpsv.types.ts';
import { toJsonLd, toTurtle } from './cpsv/cpsv.export.ts';
import type { CatalogService } from './catalog.service.ts';

/** Reads the current catalogue (optionally one body's) into the shape the CPSV-AP mapping takes. */
export async function exportInput(svc: CatalogService, publicUrl: string, tenant?: string): Promise<CatalogExportInput> {
  const { tenants, offices, cards } = await svc.exportData(tenant);
  return {
    publicUrl,
    generatedAt: new Date(),
    tenants: tenants.map((t) => ({
      id: t.id,
      slug: t.slug,
      name: t.name,
      type: t.type,
      fiscalCode: t.fiscal_code,
      ipaCode: t.ipa_code,
      website: t.website ?? undefined,
      email: t.email ?? undefined,
      phone: t.phone ?? undefined,
      parentId: t.parent_id,
      offices: offices
        .filter((o) => o.tenant_id === t.id)
        .map((o) => ({
          id: o.id,
          code: o.code,
          name: o.name,
          address: o.address,
          postalCode: o.postal_code,
          city: o.city,
          province: o.province,
          email: o.email ?? undefined,
          phone: o.phone ?? undefined,
          openingHours: o.opening_hours,
        })),
    })),
    services: cards.map((c) => ({
      id: c.id,
      tenantId: c.tenant_id,
      slug: c.slug,
      version: c.current_version,
      publishedAt: c.published_at,
      card: c.card,
    })),
  };
}

export async function catalogJsonLd(svc: CatalogService, publicUrl: string, tenant?: string) {
  return toJsonLd(await exportInput(svc, publicUrl, tenant));
}

export async function catalogTurtle(svc: CatalogService, publicUrl: string, tenant?: string) {
  return toTurtle(await exportInput(svc, publicUrl, tenant));
}
