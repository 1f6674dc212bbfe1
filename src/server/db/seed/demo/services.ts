/**
 * Demo service catalogue for the demo tenants (see tenants.ts): about ninety distinct services of two fictional
 * comuni and of the Ambito sociale that runs their social services in associated management.
 *
 * The same service may exist in both comuni with the same slug and different office, costs or text. The cards are
 * split by subject into services-*.ts; this file assembles them per tenant.
 */
import type { ServiceInput } from '../../../../contracts/catalog.ts';
import { anagrafeServices } from './services-anagrafe.ts';
import { elettoraleServices } from './services-elettorale.ts';
import { statoCivileServices } from './services-stato-civile.ts';
import { CASTELROCCA, VALDORO, type ComuneProfile } from './services-common.ts';
import { impreseServices } from './services-imprese.ts';
import { scuolaServices } from './services-scuola.ts';
import { AMBITO_SERVICES, socialiComuneServices } from './services-sociali.ts';
import { territorioServices } from './services-territorio.ts';
import { tributiServices } from './services-tributi.ts';
import { AMBITO_SLUG } from './tenants.ts';

const comuneCatalogue = (p: ComuneProfile): ServiceInput[] => [
  ...anagrafeServices(p),
  ...statoCivileServices(p),
  ...elettoraleServices(p),
  ...tributiServices(p),
  ...scuolaServices(p),
  ...socialiComuneServices(p),
  ...territorioServices(p),
  ...impreseServices(p),
];

export const DEMO_SERVICES: { tenantSlug: string; services: ServiceInput[] }[] = [
  { tenantSlug: AMBITO_SLUG, services: AMBITO_SERVICES },
  { tenantSlug: CASTELROCCA.tenantSlug, services: comuneCatalogue(CASTELROCCA) },
  { tenantSlug: VALDORO.tenantSlug, services: comuneCatalogue(VALDORO) },
];
