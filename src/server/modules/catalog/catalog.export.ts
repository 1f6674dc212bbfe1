import type { CatalogExportInput } from './cpsv/cpsv.types.ts';
import { toJsonLd, toTurtle } from './cpsv/cpsv.export.ts';
import type { CatalogService } from './catalog.service.ts';
import { officeDto, tenantDto } from '../tenants/tenants.service.ts';

/** Reads the current catalogue (optionally one body's) into the shape the CPSV-AP mapping takes. */
export async function exportInput(svc: CatalogService, publicUrl: string, tenant?: string): Promise<CatalogExportInput> {
  const { tenants, offices, cards } = await svc.exportData(tenant);
  return {
    publicUrl,
    generatedAt: new Date(),
    // the export takes the same shapes the API gives for bodies and offices
    tenants: tenants.map((t) => ({
      ...tenantDto(t),
      offices: offices.filter((o) => o.tenant_id === t.id).map(officeDto),
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
