/**
 * Demo staff: the three tenant administrators, and per comune a manager, two office operators, a desk operator
 * and an operator of the financial office (the accounting visa on tax refunds); in the Ambito sociale two social
 * workers with a scope and a coordinator; one platform administrator.
 * The Ambito manages social services on behalf of both comuni (associated management).
 * The Ambito also has social workers for disability and elderly people (all comuni) and for adults and
 * poverty (Valdoro and the three small comuni), a manager for the district's figures, and serves all five comuni.
 *
 * Everyone is invented and every account uses the public demo password. One operator (Paolo Rinaldi, Valdoro
 * registry office) is also a person of the bundled test identity provider, so that operator sign-in with
 * SPID/CIE can be shown: his fiscal code comes from there.
 */
import type { Kysely } from 'kysely';
import type { StaffRole } from '../../../platform/access.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Services } from '../../../platform/context.ts';
import { inScope } from '../../../platform/tenancy.ts';
import { findTestIdentity } from '../../../modules/identity/test-idp/identities.ts';
import type { DB } from '../../schema.ts';
import { AMBITO_SLUG, CASTELROCCA_SLUG, DEMO_ADMINS, PRADALTO_SLUG, ROCCAFONDA_SLUG, SORGIVA_SLUG, VALDORO_SLUG } from './tenants.ts';

export const DEMO_PASSWORD = 'Sportello2026!';
export const DEMO_PLATFORM_ADMIN = 'piattaforma@sportello.example';
/** the test identity provider's person who also works at Valdoro's registry office */
export const DEMO_OIDC_OPERATOR_IDENTITY = 'paolo-rinaldi';

export interface DemoGrant {
  role: StaffRole;
  /** office code in the operator's body (operator and desk) */
  officeCode?: string;
  /** social worker scope: slugs of the comuni whose cases they see; none = all */
  comuni?: string[];
  sectors?: string[];
  targetAreas?: string[];
  /** social worker: the explicit permission to the reserved parts of a case (court measures, health data) */
  reserved?: boolean;
}

export interface DemoOperator {
  tenantSlug: string;
  email: string;
  name: string;
  password: string;
  /** test identity provider id whose fiscal code the account carries (SPID/CIE operator login) */
  identity?: string;
  /** what the account is for, for the README and the demo page */
  description: string;
  grants: DemoGrant[];
}

const op = (tenantSlug: string, email: string, name: string, description: string, grants: DemoGrant[], identity?: string): DemoOperator => ({
  tenantSlug, email, name, password: DEMO_PASSWORD, description, grants, ...(identity ? { identity } : {}),
});

export const DEMO_OPERATORS: DemoOperator[] = [
  ...DEMO_ADMINS.map((a) => ({ ...a, description: "Amministratore dell'ente", grants: [{ role: 'tenant_admin' as const }] })),

  op(CASTELROCCA_SLUG, 'g.pesenti@castelrocca.example', 'Giorgio Pesenti', 'Responsabile dei servizi (manager)', [{ role: 'manager' }]),
  op(CASTELROCCA_SLUG, 'l.brembilla@castelrocca.example', 'Laura Brembilla', 'Operatrice dei Servizi demografici', [{ role: 'operator', officeCode: 'anagrafe' }]),
  op(CASTELROCCA_SLUG, 's.milesi@castelrocca.example', 'Stefano Milesi', "Operatore dell'Ufficio Tributi", [{ role: 'operator', officeCode: 'tributi' }]),
  op(CASTELROCCA_SLUG, 'f.gotti@castelrocca.example', 'Francesca Gotti', 'Sportello URP (accoglienza e code)', [{ role: 'desk', officeCode: 'urp' }]),
  op(CASTELROCCA_SLUG, 'd.ravasio@castelrocca.example', 'Daniela Ravasio', 'Operatrice della Ragioneria (visto di regolarità contabile sui rimborsi)',
    [{ role: 'operator', officeCode: 'ragioneria' }]),

  op(VALDORO_SLUG, 'a.cattaneo@valdoro.example', 'Anna Cattaneo', 'Responsabile dei servizi (manager)', [{ role: 'manager' }]),
  op(VALDORO_SLUG, 'p.rinaldi@valdoro.example', 'Paolo Rinaldi', "Operatore dell'Anagrafe; accede anche con SPID/CIE (identità di prova Paolo Rinaldi)",
    [{ role: 'operator', officeCode: 'anagrafe' }], DEMO_OIDC_OPERATOR_IDENTITY),
  op(VALDORO_SLUG, 'c.mazzoleni@valdoro.example', 'Chiara Mazzoleni', "Operatrice dell'Ufficio tecnico", [{ role: 'operator', officeCode: 'tecnico' }]),
  op(VALDORO_SLUG, 'r.belotti@valdoro.example', 'Roberto Belotti', 'Sportello della Segreteria (accoglienza e code)', [{ role: 'desk', officeCode: 'segreteria' }]),
  op(VALDORO_SLUG, 'm.pezzotta@valdoro.example', 'Mauro Pezzotta', 'Operatore della Ragioneria (visto di regolarità contabile sui rimborsi)',
    [{ role: 'operator', officeCode: 'ragioneria' }]),

  op(AMBITO_SLUG, 'c.ghisleni@ambitovalleorsa.example', 'Cristina Ghisleni', 'Assistente sociale per i casi di Castelrocca',
    [{ role: 'social_worker', comuni: [CASTELROCCA_SLUG] }]),
  op(AMBITO_SLUG, 'm.bonfanti@ambitovalleorsa.example', 'Marco Bonfanti', 'Assistente sociale della Tutela minori, in tutti i comuni',
    // reserved: the court measures of the minors he follows
    [{ role: 'social_worker', targetAreas: ['famiglie_minori'], reserved: true }]),
  op(AMBITO_SLUG, 's.personeni@ambitovalleorsa.example', 'Silvia Personeni', "Coordinatrice del servizio sociale d'Ambito (vede tutti i casi)",
    [{ role: 'social_worker', reserved: true }]),
  // the district's other social workers and its manager (figures dashboard)
  op(AMBITO_SLUG, 'e.vavassori@ambitovalleorsa.example', 'Elisa Vavassori', 'Assistente sociale per disabilità, non autosufficienza e anziani, in tutti i comuni',
    [{ role: 'social_worker', targetAreas: ['disabilita_non_autosufficienza', 'anziani'] }]),
  op(AMBITO_SLUG, 'a.capelli@ambitovalleorsa.example', 'Andrea Capelli', 'Assistente sociale per adulti e povertà a Valdoro, Roccafonda, Pradalto e Sorgiva',
    [{ role: 'social_worker', comuni: [VALDORO_SLUG, ROCCAFONDA_SLUG, PRADALTO_SLUG, SORGIVA_SLUG], targetAreas: ['adulti_poverta'] }]),
  op(AMBITO_SLUG, 'g.zambelli@ambitovalleorsa.example', 'Giovanna Zambelli', "Responsabile dell'Ufficio di Piano (manager: i numeri dell'Ambito)",
    [{ role: 'manager' }]),
  op(AMBITO_SLUG, DEMO_PLATFORM_ADMIN, 'Roberta Valsecchi', 'Amministratrice della piattaforma (crea enti e gestioni associate)', [{ role: 'platform_admin' }]),
];

/** Associated management: the Ambito handles social services on behalf of both comuni. */
export const DEMO_ASSOCIATIONS: { leadSlug: string; memberSlug: string; description: string }[] = [
  { leadSlug: AMBITO_SLUG, memberSlug: CASTELROCCA_SLUG, description: "Servizi sociali, tutela minori e misure di sostegno gestiti dall'Ambito per il Comune di Castelrocca" },
  { leadSlug: AMBITO_SLUG, memberSlug: VALDORO_SLUG, description: "Servizi sociali, tutela minori e misure di sostegno gestiti dall'Ambito per il Comune di Valdoro" },
  // the three small comuni of the district (demo/tenants.ts DISTRICT_COMUNI)
  ...[[ROCCAFONDA_SLUG, 'Roccafonda'], [PRADALTO_SLUG, 'Pradalto'], [SORGIVA_SLUG, 'Sorgiva']].map(([memberSlug, town]) => ({
    leadSlug: AMBITO_SLUG, memberSlug: memberSlug!, description: `Servizi sociali, tutela minori e misure di sostegno gestiti dall'Ambito per il Comune di ${town}`,
  })),
];

/** Creates the associations and the accounts that are missing (by e-mail); returns how many accounts were created. */
export async function seedDemoOperators(db: Kysely<DB>, services: Services, ids: Map<string, string>): Promise<number> {
  const idOf = (slug: string) => {
    const id = ids.get(slug);
    if (!id) throw new Error(`demo operators name an unknown body "${slug}"`);
    return id;
  };

  await inScope(db, { platform: true }, async (trx) => {
    for (const a of DEMO_ASSOCIATIONS) {
      const row = await trx
        .insertInto('tenant_associations')
        .values({ lead_tenant_id: idOf(a.leadSlug), member_tenant_id: idOf(a.memberSlug), description: a.description })
        .onConflict((oc) => oc.doNothing())
        .returning('created_at')
        .executeTakeFirst();
      if (!row) continue;
      for (const [tenantId, other] of [[idOf(a.leadSlug), idOf(a.memberSlug)], [idOf(a.memberSlug), idOf(a.leadSlug)]]) {
        await appendAudit(trx, { tenantId, actor: 'seed:demo', action: 'association.created', target: `tenant:${other}`,
          details: { leadTenantId: idOf(a.leadSlug), memberTenantId: idOf(a.memberSlug) } });
      }
    }
  });

  // offices by code, per body, for the office roles
  const offices = await db.selectFrom('offices').select(['id', 'tenant_id', 'code']).execute();
  const officeId = (tenantId: string, code: string) => {
    const o = offices.find((x) => x.tenant_id === tenantId && x.code === code);
    if (!o) throw new Error(`demo operators name an unknown office "${code}"`);
    return o.id;
  };

  // the password hashes (argon2) are the slow part and run in parallel
  const created = await Promise.all(DEMO_OPERATORS.map((o) => {
    const tenantId = idOf(o.tenantSlug);
    const fiscalCode = o.identity ? findTestIdentity(o.identity)?.fiscalCode : undefined;
    return services.identity.createOperator({
      tenantId, email: o.email, name: o.name, password: o.password, fiscalCode, createdBy: 'seed:demo',
      grants: o.grants.map((g) => ({
        role: g.role,
        officeId: g.officeCode ? officeId(tenantId, g.officeCode) : null,
        comuni: (g.comuni ?? []).map(idOf),
        sectors: g.sectors ?? [],
        targetAreas: g.targetAreas ?? [],
      })),
    });
  }));
  // the reserved permission (court measures, health data) of the social workers that have it. Written on
  // operator_roles.social_reserved directly: identity.createOperator's grants do not carry it (the organisation's
  // grant field `reserved` writes the same column); idempotent, and it also reaches accounts made by an older seed.
  const reservedEmails = DEMO_OPERATORS.filter((o) => o.grants.some((g) => g.role === 'social_worker' && g.reserved)).map((o) => o.email);
  if (reservedEmails.length) {
    await inScope(db, { platform: true }, (trx) => trx.updateTable('operator_roles').set({ social_reserved: true })
      .where('role', '=', 'social_worker')
      .where('operator_id', 'in', trx.selectFrom('operators').select('id').where('email', 'in', reservedEmails))
      .execute());
  }
  return created.filter(Boolean).length;
}
