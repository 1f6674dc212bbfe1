/**
 * The flows to INPS's Casellario dell'Assistenza, end to end over HTTP on a fresh district of two comuni: the
 * preview names the record that lacks a field, the export is refused and stores nothing until it is fixed, the PSA
 * file passes the xmllint command against the official XSD with the SINA block of a non-self-sufficiency benefit, an
 * unchanged benefit is not sent again, a changed one goes as a C + I correction, the SINBA file validates and
 * carries no fiscal code, each beneficiary's access log shows the transmission, and only the coordinator may do it.
 */
import { spawnSync } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IseeInfo, SinaAssessment, SinbaRecord } from '../src/contracts/social.ts';
import { xsdPath } from '../src/server/modules/social/siuss-xml.ts';
import { inScope } from '../src/server/platform/tenancy.ts';
import { testApp } from './support/app.ts';
import { as, operatorLogin, type TestSession } from './support/auth.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'casellario-'));
const PERIOD = { from: '2025-01-01', to: '2025-06-30' };

function xmllint(flow: 'psa' | 'sinba', xml: string, name: string) {
  const file = path.join(dir, name);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', fileURLToPath(xsdPath(flow)), file], { encoding: 'utf8' });
  return { status: r.status, output: r.stderr };
}

let t: Awaited<ReturnType<typeof testApp>>;
let coordinator: TestSession;
let limited: TestSession;
let manager: TestSession;
const ids = { district: '', comuneA: '', comuneB: '', elderCase: '', elderIntervention: '', poorIntervention: '', minorCase: '' };
const people = {
  elder: { fiscalCode: 'BNCGNN40A41A001X', name: 'Giovanna Bianchi' },
  poor: { fiscalCode: 'RSSMRA80A01B002K', name: "Mario D'Angelo & Figli" },
  minor: { fiscalCode: 'RTOLCU16H15A001Z', name: 'Luca Rota' },
};
const isee: IseeInfo = { dsuProtocol: 'INPS-ISEE-2025-00012345-00', dsuYear: 2025, dsuDate: '2025-01-15', valueCents: 850_000, validUntil: '2025-12-31' };
const sina: SinaAssessment = {
  mobility: '2', dailyLiving: '3', behavioural: '1', healthCare: '2', income: '2', support: '2', source: '1', tool: '1',
  neededInterventions: ['B1.01', 'B2.01'], invalidity: ['2'], invaliditySource: '1', assessedOn: '2025-01-10',
};
const sinba: SinbaRecord = {
  unaccompaniedForeignMinor: '2', condition: '1', livingPlace: '1', school: '5', work: '1', disability: '2', household: ['1', '3'],
  reportSource: '13', firstReportMonth: '03/2024', minorAssessment: '2', familyAssessment: '2', reportedToCourt: '2', courtMeasure: '2',
  interventions: ['D1.01'],
};

const post = (session: TestSession, url: string, payload: object) => t.app.inject(as(session, { method: 'POST', url, payload }));
const countRows = (table: 'social_exports' | 'social_export_items') =>
  inScope(t.database.db, { platform: true }, async (trx) => Number((await trx.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', ids.district).executeTakeFirstOrThrow()).n));

async function download(session: TestSession, exportId: string) {
  const r = await t.app.inject(as(session, { url: `/api/v1/social/exports/${exportId}/file` }));
  return r;
}

beforeAll(async () => {
  t = await testApp();
  const cipher = t.ctx.services.fieldCipher;
  const suffix = randomUUID().slice(0, 8);
  await inScope(t.database.db, { platform: true }, async (trx) => {
    const district = await trx.insertInto('tenants').values({
      slug: `ambito-prova-${suffix}`, name: 'Ambito Sociale di Prova', type: 'social_district', fiscal_code: `9${String(randomInt(10 ** 9, 10 ** 10))}`,
      ipa_code: `ats_${suffix}`, aoo_code: 'AOO', cadastral_code: 'A001',
    }).returning('id').executeTakeFirstOrThrow();
    ids.district = district.id;
    const comune = async (name: string, istat: string, cadastral: string) => (await trx.insertInto('tenants').values({
      slug: `${name.toLowerCase()}-${suffix}`, name: `Comune di ${name}`, type: 'comune', fiscal_code: `0${String(randomInt(10 ** 9, 10 ** 10))}`,
      ipa_code: `c_${cadastral.toLowerCase()}_${suffix}`, aoo_code: 'AOO', parent_id: district.id, istat_code: istat, cadastral_code: cadastral, region_code: '03',
    }).returning('id').executeTakeFirstOrThrow()).id;
    ids.comuneA = await comune('Primavalle', '016001', 'A001');
    ids.comuneB = await comune('Secondavalle', '016002', 'B002');

    const person = async (p: { fiscalCode: string; given: string; family: string; birth: string; sex: 'M' | 'F'; place: string; comuneId: string }) =>
      (await trx.insertInto('social_persons').values({
        tenant_id: district.id, fiscal_code: p.fiscalCode, given_name: p.given, family_name: p.family, birth_date: p.birth, sex: p.sex,
        birth_place_code: p.place, citizenship_code: '100', comune_id: p.comuneId,
      }).returning('id').executeTakeFirstOrThrow()).id;
    let n = 0;
    const openCase = async (personId: string, comuneId: string, targetArea: 'anziani' | 'adulti_poverta' | 'famiglie_minori', sealed: { sina?: unknown; sinba?: unknown }) => {
      const id = randomUUID();
      await trx.insertInto('social_cases').values({
        id, tenant_id: district.id, reference: `2025/${++n}`, person_id: personId, comune_id: comuneId,
        sector: targetArea === 'famiglie_minori' ? 'tutela_minori' : targetArea === 'anziani' ? 'anziani' : 'inclusione', target_area: targetArea,
        status: 'in_charge', first_contact_on: '2024-12-01', opened_on: '2024-12-02', in_charge_on: '2024-12-20', isee: JSON.stringify(isee),
        household: JSON.stringify([{ relation: 'madre', name: 'Anna Rota' }, { relation: 'fratello', name: 'Marco Rota' }]),
        sina_sealed: sealed.sina ? cipher.sealJson(sealed.sina, id) : null, sinba_sealed: sealed.sinba ? cipher.sealJson(sealed.sinba, id) : null,
      }).execute();
      return id;
    };
    const intervention = async (caseId: string, v: { code: string; protocol: string | null; meansTest: '1' | '4'; periodicity: '1' | '2'; amount: number; hours?: number }) =>
      (await trx.insertInto('social_interventions').values({
        case_id: caseId, tenant_id: district.id, code: v.code, status: 'delivered', requested_on: '2025-01-05', authorised_on: '2025-01-20',
        start_on: '2025-02-01', end_on: v.periodicity === '1' ? '2025-12-31' : null, request_protocol: v.protocol, means_test: v.meansTest,
        periodicity: v.periodicity, amount_cents: v.amount, monthly_amount_cents: v.periodicity === '1' ? Math.round(v.amount / 11) : null,
        period_months: v.periodicity === '1' ? 11 : null, share_body_cents: v.amount, share_user_cents: 0, share_health_cents: 0, hours_monthly: v.hours ?? null,
      }).returning('id').executeTakeFirstOrThrow()).id;

    const elder = await person({ fiscalCode: people.elder.fiscalCode, given: 'Giovanna', family: 'Bianchi', birth: '1940-01-01', sex: 'F', place: 'A001', comuneId: ids.comuneA });
    ids.elderCase = await openCase(elder, ids.comuneA, 'anziani', { sina });
    ids.elderIntervention = await intervention(ids.elderCase, { code: 'B1.01', protocol: '2025/0000101', meansTest: '1', periodicity: '1', amount: 240_000, hours: 20 });
    const poor = await person({ fiscalCode: people.poor.fiscalCode, given: 'Mario', family: "D'Angelo & Figli", birth: '1980-01-01', sex: 'M', place: 'B002', comuneId: ids.comuneB });
    const poorCase = await openCase(poor, ids.comuneB, 'adulti_poverta', {});
    // no protocol of the request yet: the export must name it
    ids.poorIntervention = await intervention(poorCase, { code: 'A1.05', protocol: null, meansTest: '1', periodicity: '2', amount: 50_000 });
    const minor = await person({ fiscalCode: people.minor.fiscalCode, given: 'Luca', family: 'Rota', birth: '2016-06-15', sex: 'M', place: 'A001', comuneId: ids.comuneA });
    ids.minorCase = await openCase(minor, ids.comuneA, 'famiglie_minori', { sinba });
    await intervention(ids.minorCase, { code: 'D1.01', protocol: '2025/0000103', meansTest: '4', periodicity: '1', amount: 0, hours: 12 });
  });

  const account = async (email: string, grants: Parameters<typeof t.ctx.services.identity.createOperator>[0]['grants']) => {
    await t.ctx.services.identity.createOperator({ tenantId: ids.district, email, name: email.split('@')[0]!, password: 'Password-casellario-1', grants, createdBy: 'test' });
    return operatorLogin(t.app, email, 'Password-casellario-1');
  };
  coordinator = await account(`coordinatrice-${ids.district.slice(0, 8)}@ambito.example`, [{ role: 'social_worker' }]);
  limited = await account(`assistente-${ids.district.slice(0, 8)}@ambito.example`, [{ role: 'social_worker', comuni: [ids.comuneA], targetAreas: ['anziani'] }]);
  manager = await account(`dirigente-${ids.district.slice(0, 8)}@ambito.example`, [{ role: 'manager' }]);
}, 120_000);

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the flows to the Casellario dell'Assistenza", () => {
  let firstExportId = '';

  it('the preview lists the benefit without a request protocol, and the export is refused with nothing stored', async () => {
    const preview = await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({ flow: 'psa', inserts: 3, corrections: 0, unchanged: 0 });
    expect(body.problems).toEqual([expect.objectContaining({
      interventionId: ids.poorIntervention, person: people.poor.name, intervention: 'Contributo economico una tantum per spese straordinarie',
      missing: ['protocollo della domanda'],
    })]);

    const refused = await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json().problems).toEqual([expect.objectContaining({ interventionId: ids.poorIntervention, missing: ['protocollo della domanda'] })]);
    expect(await countRows('social_exports')).toBe(0);
    expect(await countRows('social_export_items')).toBe(0);
    const marked = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_interventions').select('id')
      .where('tenant_id', '=', ids.district).where('exported_at', 'is not', null).execute());
    expect(marked).toEqual([]);
  });

  it('once fixed, produces a PSA file that the xmllint command validates, with the SINA block, and logs the transmission', async () => {
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_interventions').set({ request_protocol: '2025/0000102' })
      .where('id', '=', ids.poorIntervention).execute());
    const made = await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD });
    expect(made.statusCode).toBe(201);
    const exp = made.json();
    expect(exp).toMatchObject({ flow: 'psa', from: PERIOD.from, to: PERIOD.to, records: 3, corrections: 0 });
    expect(exp.fileName).toMatch(/^PSA_9\d{10}_\d{8}_1\.xml$/);
    firstExportId = exp.id;

    const file = await download(coordinator, exp.id);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(file.headers['content-disposition']).toContain(`attachment; filename="${exp.fileName}"`);
    const xml = file.body;
    const cli = xmllint('psa', xml, 'psa-1.xml');
    expect(cli.output).toContain('validates');
    expect(cli.status).toBe(0);
    // the SINA block rides on the non-self-sufficiency benefit only
    expect(xml.match(/<SINA /g)).toHaveLength(1);
    expect(xml).toMatch(/<PrestazioniSociali [^>]*CodicePrestazione="B1\.01"[^>]*>\s*<SINA Mobilita="2"/);
    expect(xml).toContain('Cognome="D&apos;Angelo &amp; Figli"');
    expect(xml).toContain('ProtocolloDomanda="2025/0000102"');
    expect(xml).not.toContain('TipoOperazione="C"');

    const log = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('access_log')
      .select(['subject_fiscal_code', 'operation', 'purpose', 'legal_basis', 'object_id']).where('object_id', '=', exp.id).execute());
    expect(log.map((l) => l.subject_fiscal_code).sort()).toEqual([people.elder.fiscalCode, people.minor.fiscalCode, people.poor.fiscalCode].sort());
    expect(log[0]).toMatchObject({ operation: 'export', purpose: "Trasmissione al Casellario dell'Assistenza (INPS)" });
    expect(log[0]!.legal_basis).toContain('D.Lgs. 147/2017');

    const list = await t.app.inject(as(coordinator, { url: '/api/v1/social/exports' }));
    expect(list.json().items.map((i: { id: string }) => i.id)).toEqual([exp.id]);
  });

  it('exporting again sends nothing new', async () => {
    const preview = (await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).json();
    expect(preview).toMatchObject({ inserts: 0, corrections: 0, unchanged: 3, problems: [] });
    const again = await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD });
    expect(again.statusCode).toBe(409);
    expect(await countRows('social_exports')).toBe(1);
  });

  it('a changed amount goes as a correction: C with the values sent, then I with the new ones, and the file is still valid', async () => {
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_interventions').set({ amount_cents: 65_050, share_body_cents: 65_050 })
      .where('id', '=', ids.poorIntervention).execute());
    const preview = (await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).json();
    expect(preview).toMatchObject({ inserts: 0, corrections: 1, unchanged: 2, problems: [] });
    const made = await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ records: 1, corrections: 1 });
    expect(made.json().fileName).toMatch(/_2\.xml$/);
    const xml = (await download(coordinator, made.json().id)).body;
    const cli = xmllint('psa', xml, 'psa-2.xml');
    expect(cli.output).toContain('validates');
    expect(cli.status).toBe(0);
    const records = [...xml.matchAll(/<PrestazioniSociali TipoOperazione="(.)"[^>]*ImportoPrestazione="([\d.]+)"/g)].map((m) => [m[1], m[2]]);
    expect(records).toEqual([['C', '500.00'], ['I', '650.50']]);
    // only the changed benefit and its person
    expect(xml.match(/<Beneficiario /g)).toHaveLength(1);
    const items = await inScope(t.database.db, { platform: true }, (trx) => trx.selectFrom('social_export_items').select(['intervention_id', 'operation'])
      .where('export_id', '=', made.json().id).execute());
    expect(items).toEqual([{ intervention_id: ids.poorIntervention, operation: 'correction' }]);
  });

  it('what the record takes from the case counts: a new SINA assessment is a correction, a status the flow does not carry is not', async () => {
    // delivered → ended: the PSA record has no status, nothing to correct
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_interventions').set({ status: 'ended' })
      .where('id', '=', ids.elderIntervention).execute());
    expect((await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).json())
      .toMatchObject({ inserts: 0, corrections: 0, unchanged: 3 });
    // the SINA assessment of the case is redone: the benefit's record changes, so it goes again as a correction
    const cipher = t.ctx.services.fieldCipher;
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_cases')
      .set({ sina_sealed: cipher.sealJson({ ...sina, mobility: sina.mobility === '3' ? '2' : '3' }, ids.elderCase) })
      .where('id', '=', ids.elderCase).execute());
    expect((await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).json())
      .toMatchObject({ inserts: 0, corrections: 1, unchanged: 2 });
    const made = await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD });
    expect(made.statusCode, made.body).toBe(201);
    expect(xmllint('psa', (await download(coordinator, made.json().id)).body, 'psa-3.xml').status).toBe(0);
  });

  it('a benefit refused after it was sent is cancelled once (C only), then left out', async () => {
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_interventions').set({ status: 'refused' })
      .where('id', '=', ids.poorIntervention).execute());
    expect((await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).json())
      .toMatchObject({ inserts: 0, corrections: 1, problems: [] });
    const made = await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD });
    expect(made.statusCode, made.body).toBe(201);
    const xml = (await download(coordinator, made.json().id)).body;
    expect(xmllint('psa', xml, 'psa-4.xml').status).toBe(0);
    expect([...xml.matchAll(/<PrestazioniSociali TipoOperazione="(.)"/g)].map((m) => m[1])).toEqual(['C']);
    // cancelled: nothing more to send about it
    const again = (await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).json();
    expect(again).toMatchObject({ inserts: 0, corrections: 0, unchanged: 2 });
  });

  it('the SINBA file validates against SINBA.xsd and names the minor by a pseudonym, never the fiscal code', async () => {
    const made = await post(coordinator, '/api/v1/social/exports', { flow: 'sinba', ...PERIOD });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ flow: 'sinba', records: 1, corrections: 0 });
    const xml = (await download(coordinator, made.json().id)).body;
    const cli = xmllint('sinba', xml, 'sinba-1.xml');
    expect(cli.output).toContain('validates');
    expect(cli.status).toBe(0);
    expect(xml).not.toContain(people.minor.fiscalCode);
    expect(xml).not.toContain('Rota');
    const id = /IDBeneficiario="([^"]+)"/.exec(xml)![1]!;
    expect(id).toMatch(/^[0-9A-F]{20}$/);
    // born 2016-06-15: 9 on 2025-06-30 (band 9-12); ISEE 8,500 euro (band 6,000-9,000); the minor and two others
    expect(xml).toContain('FasciaEtaBeneficiario="4"');
    expect(xml).toContain('FasciaISEEBeneficiario="4"');
    expect(xml).toContain('NumeroComponentiISEE="3"');

    // unchanged: nothing to send; changed: sent again in full, counted as a correction, same pseudonym
    expect((await post(coordinator, '/api/v1/social/exports', { flow: 'sinba', ...PERIOD })).statusCode).toBe(409);
    await inScope(t.database.db, { platform: true }, (trx) => trx.updateTable('social_cases')
      .set({ sinba_sealed: t.ctx.services.fieldCipher.sealJson({ ...sinba, school: '6' }, ids.minorCase) }).where('id', '=', ids.minorCase).execute());
    const again = await post(coordinator, '/api/v1/social/exports', { flow: 'sinba', ...PERIOD });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ records: 1, corrections: 1 });
    const xml2 = (await download(coordinator, again.json().id)).body;
    expect(xmllint('sinba', xml2, 'sinba-2.xml').status).toBe(0);
    expect(xml2).toContain(`IDBeneficiario="${id}"`);
    expect(xml2).toContain('ScuolaFrequentata="6"');
  });

  it('only the coordinator: a worker limited to a comune and area, and a manager, are refused', async () => {
    for (const session of [limited, manager]) {
      expect((await post(session, '/api/v1/social/exports/preview', { flow: 'psa', ...PERIOD })).statusCode).toBe(403);
      expect((await post(session, '/api/v1/social/exports', { flow: 'psa', ...PERIOD })).statusCode).toBe(403);
      expect((await t.app.inject(as(session, { url: '/api/v1/social/exports' }))).statusCode).toBe(403);
      expect((await download(session, firstExportId)).statusCode).toBe(403);
    }
    expect((await download(coordinator, randomUUID())).statusCode).toBe(404);
  });

  it('refuses a period that ends before it starts, and unknown fields', async () => {
    expect((await post(coordinator, '/api/v1/social/exports/preview', { flow: 'psa', from: '2025-06-30', to: '2025-01-01' })).statusCode).toBe(400);
    expect((await post(coordinator, '/api/v1/social/exports', { flow: 'psa', ...PERIOD, tenantId: ids.district })).statusCode).toBe(400);
  });
});
