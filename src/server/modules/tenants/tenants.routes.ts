import { Type } from 'typebox';
import type { App, AppContext } from '../../platform/context.ts';
import { problemResponses } from '../../platform/schemas.ts';
import { NoQuery, OfficeList, TenantList, TenantParams, TenantWithOffices } from './tenants.schemas.ts';

export async function tenantsRoutes(app: App, ctx: AppContext) {
  const svc = ctx.services.tenants;
  app.get('/api/v1/tenants', {
    schema: { tags: ['enti'], summary: 'Elenco degli enti', operationId: 'listTenants', querystring: NoQuery, response: { 200: TenantList, 400: problemResponses[400] } },
  }, async () => ({ items: await svc.list() }));

  app.get('/api/v1/tenants/:tenantId', {
    schema: { tags: ['enti'], summary: "Un ente con i suoi uffici", operationId: 'readTenant', params: TenantParams, querystring: NoQuery, response: { 200: TenantWithOffices, ...problemResponses } },
  }, async (req) => svc.getWithOffices(req.params.tenantId));

  app.get('/api/v1/tenants/:tenantId/offices', {
    schema: { tags: ['enti'], summary: "Uffici di un ente, con indirizzi e orari", operationId: 'listOffices', params: TenantParams, querystring: NoQuery, response: { 200: OfficeList, ...problemResponses } },
  }, async (req) => ({ items: await svc.offices(req.params.tenantId) }));
  void Type;
}
