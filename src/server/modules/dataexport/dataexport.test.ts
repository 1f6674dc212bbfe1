import { describe, expect, it } from 'vitest';
import { Value } from 'typebox/value';
import { NOT_INCLUDED, SECTION_DESCRIPTIONS, SECTION_LABELS, SECTION_ORDER } from './dataexport.labels.ts';
import { renderDataExportPdf } from './dataexport.pdf.ts';
import { DataExportSchema, type DataExport, type Sections } from './dataexport.schemas.ts';
import { chooseFormat } from './dataexport.service.ts';

describe('chooseFormat', () => {
  it('takes ?format= first, then the Accept header, and JSON when nothing says', () => {
    expect(chooseFormat('pdf', 'application/json')).toBe('pdf');
    expect(chooseFormat('json', 'application/pdf')).toBe('json');
    expect(chooseFormat(undefined, undefined)).toBe('json');
    expect(chooseFormat(undefined, '')).toBe('json');
    expect(chooseFormat(undefined, 'application/pdf')).toBe('pdf');
    expect(chooseFormat(undefined, 'application/json')).toBe('json');
    // a browser's navigation: anything goes, so JSON
    expect(chooseFormat(undefined, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8')).toBe('json');
    expect(chooseFormat(undefined, 'application/json;q=0.5, application/pdf')).toBe('pdf');
    expect(chooseFormat(undefined, 'application/*;q=0.2, application/pdf;q=0.9')).toBe('pdf');
    expect(chooseFormat(undefined, 'application/pdf;q=0, */*')).toBe('json');
  });

  it('answers 406 when neither JSON nor PDF is acceptable', () => {
    expect(() => chooseFormat(undefined, 'text/csv')).toThrow(expect.objectContaining({ status: 406 }));
    expect(() => chooseFormat(undefined, 'application/json;q=0, application/pdf;q=0')).toThrow(expect.objectContaining({ status: 406 }));
  });
});

/** An export with every section empty, to fill in. */
function emptyExport(): DataExport {
  const head = (key: keyof Sections) => ({ label: SECTION_LABELS[key], description: SECTION_DESCRIPTIONS[key] });
  const at = '2026-11-24T10:00:00.000Z';
  const sections = {
    about: { ...head('about'), purposes: 'Finalità.', rights: 'Diritti.', bodies: [] },
    profile: { ...head('profile'), fiscalCode: 'DRDJVC80A01Z118X', givenName: 'Đorđe', familyName: 'Đorđević', birthDate: '1980-01-01', birthPlace: 'Niš',
      address: null, language: 'it', accountCreatedAt: at, lastSignInAt: null },
    contacts: { ...head('contacts'), items: [] },
    preferences: { ...head('preferences'), language: 'it', messages: [], advice: [], privacyNotices: [] },
    registry: { ...head('registry'), items: [] },
    companies: { ...head('companies'), items: [] },
    delegations: { ...head('delegations'), items: [] },
    applications: { ...head('applications'), items: [] },
    payments: { ...head('payments'), items: [] },
    appointments: { ...head('appointments'), items: [] },
    deskContacts: { ...head('deskContacts'), items: [] },
    certificates: { ...head('certificates'), items: [] },
    notifications: { ...head('notifications'), items: [] },
    recommendations: { ...head('recommendations'), items: [] },
    favourites: { ...head('favourites'), items: [] },
    dataReports: { ...head('dataReports'), items: [] },
    socialServices: { ...head('socialServices'), items: [] },
    accessLog: { ...head('accessLog'), total: 0, items: [] },
    signIns: { ...head('signIns'), items: [] },
    notIncluded: { ...head('notIncluded'), items: NOT_INCLUDED.map((n) => ({ ...n })) },
  } satisfies Sections;
  return { format: 'sportello.dati-personali', version: 1, title: 'I miei dati', generatedAt: at, person: { fiscalCode: 'DRDJVC80A01Z118X', name: 'Đorđe Đorđević' }, sections };
}

async function pdfText(pdf: Buffer): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('\n'));
  await doc.destroy();
  return pages;
}

describe('the PDF', () => {
  it('prints every section in order, wraps long texts, repeats on many numbered pages, keeps accents', async () => {
    const data = emptyExport();
    const longWords = 'Perché è già così: '.repeat(200);
    data.sections.accessLog.items = Array.from({ length: 400 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 0, 1, 8, i)).toISOString(), body: { id: 'b', name: 'Comune di Castelrocca' }, office: 'Anagrafe', who: 'Un operatore',
      operation: 'ha aperto la pratica', data: `Pratica CR-2026-${String(i).padStart(5, '0')}`, whose: 'Tu', purpose: 'Istruttoria della domanda',
      legalBasis: 'Art. 6, par. 1, lett. e) GDPR', deferred: null,
    }));
    data.sections.accessLog.total = 400;
    data.sections.notifications.items = [{
      at: '2026-11-24T10:00:00.000Z', body: { id: 'b', name: 'Comune di Castelrocca' }, kind: 'outcome', kindLabel: 'Esito', channel: 'inbox', channelLabel: 'Area personale',
      address: null, subject: 'Esito della domanda', text: longWords + 'x'.repeat(500), status: 'delivered', statusLabel: 'Consegnato', legal: true,
      sentAt: null, deliveredAt: null, readAt: null, application: null,
    }];
    expect(Value.Errors(DataExportSchema, data)).toEqual([]);
    const pdf = await renderDataExportPdf(data);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pdfText(pdf);
    expect(pages.length).toBeGreaterThan(8);
    pages.forEach((p, i) => expect(p).toContain(`Pagina ${i + 1} di ${pages.length}`));
    const all = pages.join('\n');
    expect(all).toContain('Đorđe Đorđević');
    expect(all).toContain('Perché è già così');
    expect(all).toContain('CR-2026-00399');
    // a table that crosses pages says so and repeats its header
    expect(pages.filter((p) => p.includes('Chi ha consultato i tuoi dati (segue)') && p.includes('Finalità e base giuridica')).length).toBeGreaterThan(3);
    // sections in their order
    const positions = SECTION_ORDER.filter((k) => k !== 'about').map((k) => all.lastIndexOf(SECTION_LABELS[k]));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  }, 60_000);
});
