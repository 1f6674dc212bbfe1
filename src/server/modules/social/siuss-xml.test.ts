import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { SinaAssessment, SinbaRecord } from '../../../contracts/social.ts';
import {
  buildPsaXml, buildSinbaXml, enteMissing, euros, psaMissing, sinbaAgeBand, sinbaIseeBand, sinbaMissing, validateSiuss, xsdPath,
  type PsaBenefit, type PsaPerson, type SiussEnte, type SinbaInput,
} from './siuss-xml.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'siuss-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real xmllint command on a file: exit status and what it printed. */
function xmllint(flow: 'psa' | 'sinba', xml: string, name = `${flow}.xml`) {
  const file = path.join(dir, name);
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', fileURLToPath(xsdPath(flow)), file], { encoding: 'utf8' });
  return { status: r.status, output: r.stderr };
}
const xpath = (xml: string, expr: string, name = 'q.xml') => {
  const file = path.join(dir, name);
  writeFileSync(file, xml);
  return execFileSync('xmllint', ['--xpath', expr, file], { encoding: 'utf8' }).replace(/\n$/, '');
};

const ente: SiussEnte = { fiscalCode: '95034120162', name: "Ambito Sociale Valle dell'Orsa", cadastralCode: 'C123' };
const person: PsaPerson = {
  fiscalCode: 'BNCGNN40A41C123X', familyName: 'Bianchi', givenName: 'Giovanna', birthDate: '1940-01-01', sex: 'F',
  birthPlaceCode: 'C123', citizenshipCode: '100', comuneIstatCode: '016999', regionCode: '03',
};
const sina: SinaAssessment = {
  mobility: '2', dailyLiving: '3', behavioural: '1', healthCare: '2', income: '2', support: '2', source: '1', tool: '1',
  neededInterventions: ['B1.01', 'B2.01'], invalidity: ['2'], invaliditySource: '1', assessedOn: '2025-01-10',
};
const isee = { dsuProtocol: 'INPS-ISEE-2025-00012345-00', dsuYear: 2025, dsuDate: '2025-01-15', valueCents: 850_000, validUntil: '2025-12-31' };
const values = (over: Partial<PsaBenefit['values']> = {}): PsaBenefit['values'] => ({
  code: 'B1.01', requestedOn: '2025-01-05', authorisedOn: '2025-01-20', startOn: '2025-02-01', endOn: '2025-12-31', requestProtocol: '2025/0001234',
  meansTest: '1', periodicity: '1', amountCents: 123_450, monthlyAmountCents: 11_223, periodMonths: 11, shareBodyCents: 100_000,
  shareUserCents: 23_450, shareHealthCents: 0, hoursMonthly: 20, ...over,
});
const benefit = (over: Partial<PsaBenefit> = {}): PsaBenefit => ({
  operation: 'I', values: values(), inCharge: true, targetArea: 'anziani', isee, sina, ...over,
});
const sinbaRecord: SinbaRecord = {
  unaccompaniedForeignMinor: '2', condition: '1', livingPlace: '1', school: '5', work: '1', disability: '2', household: ['1', '3'],
  reportSource: '13', firstReportMonth: '03/2024', minorAssessment: '2', familyAssessment: '2', reportedToCourt: '1', courtMeasure: '1',
  courtMeasureType: '7', courtAuthority: '2', interventions: ['D1.01'],
};
const sinbaInput = (over: Partial<SinbaInput> = {}): SinbaInput => ({
  pseudonym: 'A1B2C3D4E5F6A7B8C9D0', record: sinbaRecord, birthDate: '2016-06-15', periodFrom: '2025-01-01', periodTo: '2025-06-30',
  isee, household: [{ relation: 'madre', name: 'Anna Rota' }, { relation: 'fratello', name: 'Luca Rota' }], regionCode: '03', closeReason: null, ...over,
});

describe('the PSA flow (PS_PSA_SINA201806.xsd)', () => {
  it('builds a file the xmllint command validates, with the SINA block on a non-self-sufficiency benefit and a correction as C then I', async () => {
    const xml = buildPsaXml({
      fileName: 'PSA_95034120162_20250701_1.xml', ente,
      beneficiaries: [
        { person, benefits: [
          benefit(),
          // a correction: the values sent before (cancelled), then the new ones
          benefit({ operation: 'C', values: values({ code: 'A1.05', periodicity: '2', amountCents: 50_000, requestProtocol: '2025/0000999' }), sina: null }),
          benefit({ operation: 'I', values: values({ code: 'A1.05', periodicity: '2', amountCents: 65_000, requestProtocol: '2025/0000999' }), sina: null }),
        ] },
        { person: { ...person, fiscalCode: 'RSSMRA80A01C123K', sex: 'M', familyName: 'Rossi', givenName: 'Mario', regionCode: null },
          benefits: [benefit({ values: values({ code: 'A1.04', meansTest: '4' }), targetArea: 'adulti_poverta', inCharge: false, isee: null, sina: null })] },
      ],
    });
    const cli = xmllint('psa', xml);
    expect(cli.output).toContain('validates');
    expect(cli.status).toBe(0);
    expect(await validateSiuss('psa', xml)).toEqual({ valid: true, errors: [] });

    expect(xpath(xml, "count(//*[local-name()='Beneficiario'])")).toBe('2');
    expect(xpath(xml, "count(//*[local-name()='SINA'])")).toBe('1');
    expect(xpath(xml, "string(//*[local-name()='SINA']/@Mobilita)")).toBe('2');
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@CodicePrestazione='B1.01']/@ImportoPrestazione)")).toBe('1234.50');
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@CodicePrestazione='B1.01']/@DenominazionePrestazione)")).toBe('Assistenza domiciliare socio-assistenziale (SAD)');
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@CodicePrestazione='B1.01']/@NumeroProtocolloDSU)")).toBe(isee.dsuProtocol);
    // the one-off benefit: C with the old amount, then I with the new one, in this order
    const ops = xpath(xml, "//*[local-name()='PrestazioniSociali'][@CodicePrestazione='A1.05']/@TipoOperazione");
    expect(ops.match(/TipoOperazione="(.)"/g)).toEqual(['TipoOperazione="C"', 'TipoOperazione="I"']);
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@TipoOperazione='C']/@ImportoPrestazione)")).toBe('500.00');
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@TipoOperazione='C']/@DataErogazionePrestazione)")).toBe('2025-02-01');
    // the area of the elderly is AreaUtenza 2, poverty 3; not in charge is PresaCarico 2
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@CodicePrestazione='A1.04']/@AreaUtenza)")).toBe('3');
    expect(xpath(xml, "string(//*[local-name()='PrestazioniSociali'][@CodicePrestazione='A1.04']/@PresaCarico)")).toBe('2');
    expect(xpath(xml, "string(//*[local-name()='Ente']/@Indirizzo)")).toBe('C123');
  });

  it("escapes & < > \" ' in names, and the file still validates and reads back the same", () => {
    const tricky = { ...person, familyName: `D'Angelo & <Figli> "Srl"`, givenName: "Maria\tLuisa" };
    const xml = buildPsaXml({ fileName: 'PSA_escape.xml', ente: { ...ente, name: 'Ambito "Orsa" & <Valle>' }, beneficiaries: [{ person: tricky, benefits: [benefit()] }] });
    expect(xml).toContain('Cognome="D&apos;Angelo &amp; &lt;Figli&gt; &quot;Srl&quot;"');
    expect(xml).toContain('Denominazione="Ambito &quot;Orsa&quot; &amp; &lt;Valle&gt;"');
    const cli = xmllint('psa', xml, 'escape.xml');
    expect(cli.output).toContain('validates');
    expect(cli.status).toBe(0);
    expect(xpath(xml, "string(//*[local-name()='Anagrafica']/@Cognome)")).toBe(`D'Angelo & <Figli> "Srl"`);
    expect(xpath(xml, "string(//*[local-name()='Anagrafica']/@Nome)")).toBe('Maria\tLuisa');
  });

  it('lists in Italian what a record lacks, and refuses to build it', () => {
    const incomplete = { ...person, birthPlaceCode: null, citizenshipCode: null };
    const b = benefit({ values: values({ requestProtocol: null, startOn: null }), sina: null, isee: null });
    expect(psaMissing(incomplete, b)).toEqual([
      'luogo di nascita', 'cittadinanza', 'protocollo della domanda', 'data di inizio', 'ISEE (protocollo, anno e data della DSU)', 'valutazione SINA',
    ]);
    expect(psaMissing(person, benefit({ sina: { ...sina, invalidity: [] } }))).toEqual(['invalidità civile (SINA)']);
    expect(psaMissing(person, benefit())).toEqual([]);
    expect(() => buildPsaXml({ fileName: 'x.xml', ente, beneficiaries: [{ person: incomplete, benefits: [b] }] })).toThrow(/luogo di nascita/);
    expect(enteMissing({ ...ente, cadastralCode: null })).toEqual(["codice catastale del comune sede dell'ente"]);
  });

  it('in-process validation names what the schema refuses', async () => {
    const xml = buildPsaXml({ fileName: 'PSA_bad.xml', ente, beneficiaries: [{ person, benefits: [benefit()] }] }).replace('PresaCarico="1"', 'PresaCarico="9"');
    const r = await validateSiuss('psa', xml);
    expect(r.valid).toBe(false);
    expect(r.errors.join('\n')).toMatch(/PresaCarico/);
    expect(xmllint('psa', xml, 'bad.xml').status).not.toBe(0);
  });
});

describe('the SINBA flow (SINBA.xsd)', () => {
  it('builds a file the xmllint command validates, with a pseudonym and no fiscal code', async () => {
    const xml = buildSinbaXml({ fileName: 'SINBA_95034120162_20250701_1.xml', ente, records: [
      sinbaInput(),
      sinbaInput({ pseudonym: 'FFEE00112233445566AA', birthDate: '2024-02-01', isee: null, household: [], closeReason: 'goals_reached',
        record: { ...sinbaRecord, courtMeasure: '2', courtMeasureType: undefined, courtAuthority: undefined, disability: '1', disabilityType: '3' } }),
    ] });
    const cli = xmllint('sinba', xml);
    expect(cli.output).toContain('validates');
    expect(cli.status).toBe(0);
    expect((await validateSiuss('sinba', xml)).valid).toBe(true);
    expect(xml).not.toMatch(/[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]/);
    // born 2016-06-15: 9 on 2025-06-30 → band 4 (9-12); ISEE 8,500 € → band 4; household of 3
    expect(xpath(xml, "string(//*[local-name()='SINBA'][1]/@FasciaEtaBeneficiario)")).toBe('4');
    expect(xpath(xml, "string(//*[local-name()='SINBA'][1]/@FasciaISEEBeneficiario)")).toBe('4');
    expect(xpath(xml, "string(//*[local-name()='SINBA'][1]/@NumeroComponentiISEE)")).toBe('3');
    expect(xpath(xml, "string(//*[local-name()='SINBA'][2]/@FasciaEtaBeneficiario)")).toBe('1');
    expect(xpath(xml, "string(//*[local-name()='SINBA'][2]/@MotivazioneChiusuraCarico)")).toBe('4');
  });

  it('lists what a SINBA record lacks', () => {
    expect(sinbaMissing(sinbaInput({ birthDate: null, record: { ...sinbaRecord, interventions: [], firstReportMonth: '2024-03' } }))).toEqual([
      'data di nascita', 'mese della prima segnalazione (SINBA)', 'prestazioni erogate al minore (SINBA)',
    ]);
    expect(sinbaMissing(sinbaInput({ birthDate: '2000-01-01' }))).toEqual(['data di nascita (il beneficiario non era minorenne nel periodo)']);
  });
});

describe('codes', () => {
  it('age bands, ISEE bands and amounts', () => {
    expect([0, 2, 3, 5, 6, 9, 12, 14, 15, 17, 18].map(sinbaAgeBand)).toEqual(['1', '1', '2', '2', '3', '4', '5', '5', '6', '6', null]);
    expect([0, 1, 300_000, 300_001, 600_000, 900_001, 1_500_000, 2_000_000, 2_000_001].map(sinbaIseeBand)).toEqual(['1', '2', '2', '3', '3', '5', '6', '7', '8']);
    expect([0, 5, 123_450, 100].map(euros)).toEqual(['0.00', '0.05', '1234.50', '1.00']);
  });
});
