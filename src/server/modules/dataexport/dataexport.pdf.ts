/**
 * "I miei dati" as a PDF for people: the same object as the JSON download (dataexport.schemas.ts), printed section
 * by section in the order of SECTION_ORDER with readable headings, label/value rows, tables whose header comes back
 * on every page they cross, long texts wrapped, a running head and "Pagina i di n" on every page.
 *
 * Laid out with the documents' shared kit (documents/pdf-kit.ts): the design system's fonts (Titillium Web and
 * Roboto Mono, Latin Extended, embedded as subsets through @pdf-lib/fontkit), so accented names and words print as
 * written. Not signed: it is a copy of data for the person, not a document of a body. A pure function of its input.
 */
import { PDFDocument } from 'pdf-lib';
import { formatEuro, formatNoticeNumber } from '../../../contracts/payments.ts';
import {
  A4, CONTENT_W, embedFonts, footers, INK, italianDate, italianDateTime, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, MUTED, PANEL, PRIMARY, RULE, setMetadata,
  Writer, type Fonts, type Row, type TextStyle,
} from '../documents/pdf-kit.ts';
import { SECTION_LABELS, SECTION_ORDER } from './dataexport.labels.ts';
import type { ApplicationItem, DataExport, SectionKey, Sections, SocialItem } from './dataexport.schemas.ts';

type Value = string | number | null | undefined | false;

/** 2026-11-24 → 24/11/2026 */
const dayOf = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : null);
/** an instant, in Italy's time */
const at = (d: string | null | undefined) => (d ? italianDateTime(new Date(d)).replace(' alle ', ', ') : null);
const dateOf = (d: string | null | undefined) => (d ? italianDate(new Date(d)) : null);
const bytes = (n: number) => (n < 1024 ? `${n} byte` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1).replace('.', ',')} kB` : `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`);
const euro = (c: number | null | undefined) => (c === null || c === undefined ? null : formatEuro(c));
const yesNo = (b: boolean) => (b ? 'Sì' : 'No');

interface Styles {
  title: TextStyle;
  subtitle: TextStyle;
  h1: TextStyle;
  h2: TextStyle;
  h3: TextStyle;
  text: TextStyle;
  muted: TextStyle;
  small: TextStyle;
  label: TextStyle;
  value: TextStyle;
  mono: TextStyle;
  cell: TextStyle;
  cellHead: TextStyle;
  cellMono: TextStyle;
}

const stylesOf = (f: Fonts): Styles => ({
  title: { font: f.bold, size: 24, color: PRIMARY, leading: 1.15 },
  subtitle: { font: f.regular, size: 11, color: MUTED, leading: 1.35 },
  h1: { font: f.bold, size: 15, color: PRIMARY, leading: 1.25 },
  h2: { font: f.semibold, size: 11.5, color: INK, leading: 1.3 },
  h3: { font: f.semibold, size: 9.5, color: MUTED, leading: 1.3 },
  text: { font: f.regular, size: 9.5, leading: 1.4 },
  muted: { font: f.regular, size: 8.5, color: MUTED, leading: 1.35 },
  small: { font: f.regular, size: 8, color: MUTED, leading: 1.3 },
  label: { font: f.regular, size: 8.5, color: MUTED, leading: 1.3 },
  value: { font: f.regular, size: 9.5, leading: 1.35 },
  mono: { font: f.mono, size: 8, leading: 1.35 },
  cell: { font: f.regular, size: 8, leading: 1.3 },
  cellHead: { font: f.semibold, size: 8, color: MUTED, leading: 1.3 },
  cellMono: { font: f.mono, size: 6.8, leading: 1.3 },
});

interface Column {
  label: string;
  /** a share of the column width (the shares of a table add up to 1) */
  share: number;
  mono?: boolean;
}

/** The page writer with the export's own pieces: headings that come back on a new page, rows, tables. */
class ExportWriter {
  readonly s: Styles;
  private section = '';

  constructor(readonly w: Writer) {
    this.s = stylesOf(w.fonts);
  }

  startSection(key: SectionKey, description: string, count: number | null) {
    const { w, s } = this;
    this.section = SECTION_LABELS[key];
    w.continued = null;
    // a new section starts on a new page when less than a fifth of this one is left
    if (w.room < (A4[1] - MARGIN_TOP - MARGIN_BOTTOM) / 5) w.addPage();
    w.y -= 14;
    w.heading(this.section + (count === null ? '' : ` (${count})`), s.h1, { keepWith: 40, after: 3 });
    w.rule(1.2, PRIMARY);
    w.y -= 6;
    w.paragraph(description, s.muted, { after: 8 });
    w.continued = () => this.continuedHead();
  }

  private continuedHead() {
    const { w, s } = this;
    w.paragraph(`${this.section} (segue)`, s.h3, { after: 4 });
  }

  empty(text = 'Nessun dato.') {
    this.w.paragraph(text, this.s.muted, { after: 6 });
  }

  item(title: string, subtitle?: string | null) {
    const { w, s } = this;
    w.heading(title, s.h2, { before: 6, keepWith: 40, after: subtitle ? 0 : 2 });
    if (subtitle) w.paragraph(subtitle, s.small, { after: 3 });
  }

  part(title: string) {
    this.w.heading(title, this.s.h3, { before: 5, keepWith: 30, after: 2 });
  }

  /** A heading inside a part (a step of the answers, a case's diary), kept with what follows it. */
  sub(title: string) {
    this.w.heading(title, { ...this.s.text, font: this.w.fonts.semibold }, { before: 2, keepWith: 28, after: 1 });
  }

  text(text: string, style: TextStyle = this.s.text, after = 4) {
    this.w.paragraph(text, style, { after });
  }

  /** Label/value rows; a row with nothing to say is left out. */
  rows(pairs: [string, Value][], labelWidth = 150) {
    const rows: Row[] = pairs.filter(([, v]) => v !== null && v !== undefined && v !== '' && v !== false)
      .map(([label, value]) => ({ label, value: String(value) }));
    if (!rows.length) return;
    this.w.rows(rows, { labelWidth, labelStyle: this.s.label, valueStyle: this.s.value, pad: 2.5 });
    this.w.y -= 4;
  }

  /**
   * A table: each cell wrapped in its column, the row as tall as its tallest cell. A row that does not fit goes to
   * the next page, where the header is drawn again; a row taller than a page crosses it line by line.
   */
  table(columns: Column[], body: Value[][]) {
    const { w, s } = this;
    if (!body.length) return;
    const gap = 6;
    const widths = columns.map((c) => c.share * (CONTENT_W - gap * (columns.length - 1)));
    const xs = widths.map((_, i) => MARGIN_X + widths.slice(0, i).reduce((a, b) => a + b, 0) + gap * i);
    const head = () => {
      const lines = columns.map((c, i) => w.wrap(c.label, s.cellHead, widths[i]!));
      const lh = w.lineHeight(s.cellHead);
      const height = Math.max(...lines.map((l) => l.length)) * lh;
      w.page.drawRectangle({ x: MARGIN_X - 2, y: w.y - height - 3, width: CONTENT_W + 4, height: height + 4, color: PANEL });
      lines.forEach((l, i) => l.forEach((line, j) => w.drawLine(line, s.cellHead, xs[i]!, w.y - j * lh)));
      w.y -= height + 4;
      w.rule(0.6, RULE);
      w.y -= 3;
    };
    const outer = w.continued;
    w.ensure(w.lineHeight(s.cellHead) * 2 + w.lineHeight(s.cell) * 2 + 10);
    head();
    w.continued = () => {
      outer?.();
      head();
    };
    for (const row of body) {
      const cells = row.map((v, i) => w.wrap(v === null || v === undefined || v === false ? '—' : String(v), columns[i]!.mono ? s.cellMono : s.cell, widths[i]!));
      const lhs = columns.map((c) => w.lineHeight(c.mono ? s.cellMono : s.cell));
      const height = Math.max(...cells.map((c, i) => c.length * lhs[i]!)) + 4;
      if (height <= A4[1] - MARGIN_TOP - MARGIN_BOTTOM - 80) w.ensure(height);
      const lines = Math.max(...cells.map((c) => c.length));
      let top = w.y;
      for (let j = 0; j < lines; j++) {
        const step = Math.max(...cells.map((c, i) => (j < c.length ? lhs[i]! : 0)));
        if (top - step < MARGIN_BOTTOM) {
          w.addPage();
          top = w.y;
        }
        cells.forEach((c, i) => {
          if (j < c.length) w.drawLine(c[j]!, columns[i]!.mono ? s.cellMono : s.cell, xs[i]!, top);
        });
        top -= step;
      }
      w.y = top - 2;
      w.rule(0.3, RULE);
      w.y -= 2;
    }
    w.continued = outer;
    w.y -= 6;
  }
}

/** The export as PDF bytes. */
export async function renderDataExportPdf(data: DataExport): Promise<Buffer> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const generated = new Date(data.generatedAt);
  setMetadata(doc, {
    title: `I miei dati · ${data.person.name}`,
    author: 'Sportello',
    subject: `Tutti i dati personali di ${data.person.name} conservati su Sportello, al ${italianDateTime(generated)}`,
    keywords: ['dati personali', 'GDPR art. 15', 'accesso ai dati'],
    date: generated,
  });
  const w = new Writer(doc, fonts, `I miei dati · ${data.person.name} (${data.person.fiscalCode}) · ${italianDateTime(generated)}`);
  const x = new ExportWriter(w);
  const { s } = x;
  w.addPage();

  // ---- cover -------------------------------------------------------------------------------------------------------
  w.heading('I miei dati', s.title, { after: 4 });
  w.paragraph('Tutti i dati personali che gli enti su Sportello conservano su di te', s.subtitle, { after: 12 });
  x.rows([['Nome e cognome', data.person.name], ['Codice fiscale', data.person.fiscalCode], ['Preparato il', at(data.generatedAt)]], 120);
  const sec = data.sections;
  x.text(sec.about.description, s.text, 6);
  x.part('Per che cosa gli enti usano i tuoi dati');
  x.text(sec.about.purposes);
  x.part('I tuoi diritti');
  x.text(sec.about.rights);
  if (sec.about.bodies.length) {
    x.part('Enti che compaiono in questo documento');
    x.text(sec.about.bodies.map((b) => b.name).join(' · '));
  }
  x.part('Sezioni');
  const counts = countsOf(sec);
  x.table([{ label: 'Sezione', share: 0.78 }, { label: 'Elementi', share: 0.22 }],
    SECTION_ORDER.filter((k) => k !== 'about').map((k) => [SECTION_LABELS[k], counts[k] === null ? '—' : String(counts[k])]));

  // ---- sections ----------------------------------------------------------------------------------------------------
  for (const key of SECTION_ORDER) {
    if (key === 'about') continue;
    x.startSection(key, sec[key].description, counts[key]);
    DRAW[key](x, sec);
  }

  footers(w, `I miei dati · ${data.person.name} · preparato il ${italianDateTime(generated)}`);
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

function countsOf(sec: Sections): Record<SectionKey, number | null> {
  const counts = {} as Record<SectionKey, number | null>;
  for (const key of SECTION_ORDER) {
    const v = sec[key] as { items?: unknown[] };
    counts[key] = Array.isArray(v.items) ? v.items.length : null;
  }
  counts.accessLog = sec.accessLog.total;
  return counts;
}

type Draw = (x: ExportWriter, sec: Sections) => void;

const DRAW: Record<SectionKey, Draw> = {
  about: () => undefined,

  profile: (x, { profile: p }) => x.rows([
    ['Nome', p.givenName], ['Cognome', p.familyName], ['Codice fiscale', p.fiscalCode], ['Data di nascita', dayOf(p.birthDate)],
    ['Luogo di nascita', p.birthPlace], ['Indirizzo', p.address], ['Lingua dei messaggi', p.language === 'en' ? 'Inglese' : 'Italiano'],
    ['Primo accesso a Sportello', at(p.accountCreatedAt)], ['Ultimo accesso', at(p.lastSignInAt)],
  ]),

  contacts: (x, { contacts }) => x.rows(contacts.items.map((c) => [c.fieldLabel,
    `${c.value ? `${c.value}\nFonte: ${c.source}` : c.source}${c.updatedAt ? ` · aggiornato il ${dateOf(c.updatedAt)}` : ''}`])),

  preferences: (x, { preferences: p }) => {
    x.rows([['Lingua', p.language === 'en' ? 'Inglese' : 'Italiano']]);
    x.part('Canali per tipo di messaggio (l\'area personale riceve sempre tutto)');
    x.table([{ label: 'Messaggio', share: 0.45 }, { label: 'Canali scelti', share: 0.3 }, { label: 'Dovuto per legge', share: 0.25 }],
      p.messages.map((m) => [m.kindLabel, m.channels.length ? m.channels.map(channelWord).join(', ') : 'Solo area personale', yesNo(m.legal)]));
    x.part('Consigli «Per te»');
    x.rows(p.advice.map((a) => [a.kindLabel, a.on ? 'Attivi' : 'Disattivati da te']));
    if (p.privacyNotices.length) {
      x.part('Informative sul trattamento dei dati ricevute');
      x.table([{ label: 'Giorno', share: 0.18 }, { label: 'Ente', share: 0.37 }, { label: 'Occasione', share: 0.45 }],
        p.privacyNotices.map((n) => [dayOf(n.on), n.body.name, n.context]));
    }
  },

  registry: (x, { registry }) => {
    if (!registry.items.length) return x.empty('Nessun Comune su Sportello ti ha tra i suoi residenti.');
    for (const r of registry.items) {
      x.item(r.source, r.updatedAt ? `Aggiornata il ${dateOf(r.updatedAt)}` : null);
      x.rows(r.fields.map((f) => [f.label, /date|since/.test(f.field) ? dayOf(f.value) : f.value ?? 'Non registrato']));
      if (r.idCard) x.rows([["Carta d'identità", `n. ${r.idCard.number || '—'}${r.idCard.expiresOn ? `, scadenza ${dayOf(r.idCard.expiresOn)}` : ''}`]]);
      x.part(`Scheda di famiglia n. ${r.family.number}`);
      x.table([{ label: 'Nome', share: 0.34 }, { label: 'Relazione', share: 0.28 }, { label: 'Nascita', share: 0.16 }, { label: 'Note', share: 0.22 }],
        r.family.members.map((m) => [m.name, m.relationLabel, dayOf(m.birthDate), [m.you && 'Tu', m.minor && 'Minore', m.inYourCare && 'A tuo carico'].filter(Boolean).join(', ')]));
    }
  },

  companies: (x, { companies }) => {
    if (!companies.items.length) return x.empty();
    x.table([{ label: 'Impresa', share: 0.4 }, { label: 'Codice fiscale', share: 0.22 }, { label: 'Forma', share: 0.18 }, { label: 'Ruolo', share: 0.2 }],
      companies.items.map((c) => [c.name, c.fiscalCode, c.legalForm, c.role]));
  },

  delegations: (x, { delegations }) => {
    if (!delegations.items.length) return x.empty();
    for (const d of delegations.items) {
      x.item(d.otherPerson, d.directionLabel);
      x.rows([
        ['Codice fiscale', d.otherFiscalCode], ['Per', d.purpose], ['Valida fino al', dayOf(d.validUntil)], ['Stato', d.statusLabel],
        ['Registrata il', at(d.createdAt)], ['Revocata il', at(d.revokedAt)], ['Motivo della revoca', d.revokeReason],
        ['Documento', `${d.document.fileName} (${d.document.contentType}, ${bytes(d.document.size)})`], ['SHA-256', d.document.sha256],
      ]);
    }
  },

  applications: (x, { applications }) => {
    if (!applications.items.length) return x.empty();
    for (const a of applications.items) drawApplication(x, a);
  },

  payments: (x, { payments }) => {
    if (!payments.items.length) return x.empty();
    for (const p of payments.items) {
      x.item(`${p.description} · ${p.amount}`, `${p.body.name} · ${p.statusLabel}`);
      x.rows([
        ['Tipo', p.purposeLabel], ['Pratica', p.application?.code], ['Intestato a', `${p.debtor.name} (${p.debtor.fiscalCode})`],
        ['Codice avviso', formatNoticeNumber(p.noticeNumber)], ['IUV', p.iuv], ['Scadenza', dayOf(p.dueDate)], ['Stato', p.statusLabel],
        ['Motivo', p.statusReason], ['Creato il', at(p.createdAt)], ['Pagato il', at(p.paidAt)], ['Importo pagato', euro(p.paidAmountCents)],
        ['Ricevuta', p.receipt ? `${p.receipt.receiptId} · ${p.receipt.psp} · ${p.receipt.channel}` : null], ['Rimborso', p.receipt?.refundId],
      ]);
      if (p.items.length) x.table([{ label: 'Voce', share: 0.7 }, { label: 'Importo', share: 0.3 }], p.items.map((i) => [i.label, euro(i.amountCents)]));
      if (p.history.length) {
        x.part('Cronologia');
        x.table([{ label: 'Quando', share: 0.25 }, { label: 'Evento', share: 0.35 }, { label: 'Nota', share: 0.4 }], p.history.map((e) => [at(e.at), e.event, e.note]));
      }
    }
  },

  appointments: (x, { appointments }) => {
    if (!appointments.items.length) return x.empty();
    for (const p of appointments.items) {
      x.item(`${p.service} · ${at(p.startsAt)}`, `${p.body.name} · ${p.office}`);
      x.rows([
        ['Codice', p.code], ['Stato', p.statusLabel], ['Motivo', p.reason], ['Prenotato il', at(p.bookedAt)],
        ['Prenotato', p.channel === 'online' ? 'Online, da te' : p.channel === 'phone' ? "Al telefono, dall'ufficio" : "Allo sportello, dall'ufficio"],
        ['E-mail', p.email], ['Cellulare', p.phone], ['Promemoria inviato il', at(p.reminderSentAt)], ['Annullato il', at(p.cancelledAt)],
        ['Arrivo registrato il', at(p.checkedInAt)], ['Numero di coda', p.ticket ? `${p.ticket.label} del ${dayOf(p.ticket.day)}` : null],
      ]);
    }
  },

  deskContacts: (x, { deskContacts }) => {
    if (!deskContacts.items.length) return x.empty();
    x.table([{ label: 'Quando', share: 0.18 }, { label: 'Ufficio', share: 0.22 }, { label: 'Motivo', share: 0.3 }, { label: 'Esito', share: 0.3 }],
      deskContacts.items.map((c) => [at(c.at), `${c.office} (${c.body.name})`, [c.reason, c.service].filter(Boolean).join(' · '),
        [c.outcomeLabel, c.application && `pratica ${c.application}`, c.ticket && `numero ${c.ticket}`, c.note].filter(Boolean).join(' · ')]));
  },

  certificates: (x, { certificates }) => {
    if (!certificates.items.length) return x.empty();
    for (const c of certificates.items) {
      x.item(`${c.title} · ${c.about}`, c.body.name);
      x.rows([
        ['Emesso il', at(c.issuedAt)], ['Valido fino al', dayOf(c.validUntil)], ['Codice di verifica', c.verificationCode],
        ['File', `${c.file.fileName} (${bytes(c.file.size)})`], ['SHA-256', c.file.sha256], ['Revocato il', at(c.revokedAt)], ['Motivo della revoca', c.revokedReason],
      ]);
    }
  },

  notifications: (x, { notifications }) => {
    if (!notifications.items.length) return x.empty();
    for (const n of notifications.items) {
      x.item(n.subject, [at(n.at), n.channelLabel, n.address, n.statusLabel, n.body.name, n.application && `pratica ${n.application}`, n.legal && 'dovuto per legge']
        .filter(Boolean).join(' · '));
      x.text(n.text, x.s.text, 2);
      if (n.readAt) x.text(`Letto il ${at(n.readAt)}`, x.s.small, 2);
    }
  },

  recommendations: (x, { recommendations }) => {
    if (!recommendations.items.length) return x.empty();
    for (const r of recommendations.items) {
      x.item(r.title, [r.kindLabel, r.about, r.body?.name].filter(Boolean).join(' · '));
      x.rows([['Testo', r.message], ['Perché lo vedi', r.reason], ['Creato il', at(r.createdAt)], ['Non più valido dal', at(r.expiresAt)],
        ['Nascosto da te il', at(r.dismissedAt)]]);
    }
  },

  favourites: (x, { favourites }) => {
    if (!favourites.items.length) return x.empty();
    x.table([{ label: 'Servizio', share: 0.5 }, { label: 'Ente', share: 0.3 }, { label: 'Aggiunto il', share: 0.2 }],
      favourites.items.map((f) => [f.service.title, f.body.name, dateOf(f.addedAt)]));
  },

  dataReports: (x, { dataReports }) => {
    if (!dataReports.items.length) return x.empty();
    for (const r of dataReports.items) {
      x.item(`${r.itemLabel} · ${r.statusLabel}`, [r.body.name, r.office].filter(Boolean).join(' · '));
      x.rows([['Valore mostrato', r.shownValue], ['Che cosa è giusto', r.correction], ['Inviata il', at(r.createdAt)], ["Risposta dell'ufficio", r.answer],
        ['Trattata il', at(r.handledAt)]]);
    }
  },

  socialServices: (x, { socialServices }) => {
    if (!socialServices.items.length) return x.empty('Nessun dato dei servizi sociali.');
    for (const r of socialServices.items) drawSocial(x, r);
  },

  accessLog: (x, { accessLog }) => {
    if (!accessLog.items.length) return x.empty('Nessuno ha consultato i tuoi dati.');
    x.table([
      { label: 'Quando', share: 0.13 }, { label: 'Ente e ufficio', share: 0.18 }, { label: 'Chi', share: 0.13 }, { label: 'Che cosa', share: 0.24 },
      { label: 'Finalità e base giuridica', share: 0.32 },
    ], accessLog.items.map((e) => [
      at(e.at), [e.body.name, e.office].filter(Boolean).join(' · '), e.who,
      `${e.operation}: ${e.data}${e.whose === 'Tu' ? '' : ` (dati di ${e.whose})`}`,
      `${e.purpose} · ${e.legalBasis}${e.deferred ? ` · Notizia differita fino al ${at(e.deferred.until)}: ${e.deferred.reason}` : ''}`,
    ]));
  },

  signIns: (x, { signIns }) => {
    if (!signIns.items.length) return x.empty();
    x.table([{ label: 'Quando', share: 0.25 }, { label: 'Operazione', share: 0.45 }, { label: 'Dettagli', share: 0.3 }],
      signIns.items.map((e) => [at(e.at), e.actionLabel, e.details]));
  },

  notIncluded: (x, { notIncluded }) => {
    for (const n of notIncluded.items) {
      x.item(n.what);
      x.rows([['Perché', n.why], ['Come ottenerlo', n.how]], 110);
    }
  },
};

function channelWord(c: string) {
  return ({ email: 'e-mail', pec: 'PEC', sms: 'SMS', io: 'app IO', inbox: 'area personale' } as Record<string, string>)[c] ?? c;
}

function drawApplication(x: ExportWriter, a: ApplicationItem) {
  x.item(`${a.service.title} · ${a.code}`, `${a.body.name}${a.office ? ` · ${a.office}` : ''} · ${a.statusLabel}`);
  x.rows([
    ['Presentata da', a.filedByYou ? 'Te' : a.filedBy], ['Per chi', `${a.subject.name} (${a.subject.fiscalCode}) · ${a.subject.kindLabel}`],
    ['Stato', a.statusLabel], ['Creata il', at(a.createdAt)], ['Inviata il', at(a.submittedAt)],
    ['Protocollo', a.protocol ? `${a.protocol.label} del ${at(a.protocol.registeredAt)}` : null], ['Termine', dayOf(a.dueDate)],
    ['Presa in carico il', at(a.takenInChargeAt)], ['Conclusa il', at(a.closedAt)], ['Motivazione', a.outcomeMotivation],
    ['Valutazione del servizio', a.rating ? `${a.rating.score} su 5${a.rating.reason ? ` · ${a.rating.reason}` : ''}${a.rating.comment ? ` · ${a.rating.comment}` : ''}` : null],
  ]);
  if (!a.contentIncluded) x.text("Risposte, allegati e messaggi restano a chi ha presentato la pratica: vedi «Che cosa non è incluso e perché».", x.s.small);
  if (a.answers.length) {
    x.part('Risposte');
    for (const section of a.answers) {
      x.sub(section.title);
      x.rows(section.rows.map((r) => [r.label, r.value]));
    }
  }
  if (a.attachments.length) {
    x.part('Allegati (il file non è incluso)');
    x.table([{ label: 'Documento', share: 0.2 }, { label: 'File', share: 0.27 }, { label: 'Dimensione', share: 0.13 }, { label: 'SHA-256', share: 0.4, mono: true }],
      a.attachments.map((f) => [f.requirement, `${f.fileName}${f.sent ? '' : ' (non inviato)'}`, bytes(f.size), f.sha256]));
  }
  if (a.history.length) {
    x.part('Cronologia');
    x.table([{ label: 'Quando', share: 0.2 }, { label: 'Evento', share: 0.28 }, { label: 'Chi', share: 0.2 }, { label: 'Nota', share: 0.32 }],
      a.history.map((e) => [at(e.at), e.event, e.by, e.note]));
  }
  if (a.messages.length) {
    x.part("Messaggi con l'ufficio");
    for (const m of a.messages) {
      x.text(`${at(m.at)} · ${m.author}${m.readAt ? ` · letto il ${at(m.readAt)}` : ''}`, x.s.small, 1);
      x.text(m.body, x.s.text, 1);
      for (const f of m.files) x.text(`Allegato: ${f.fileName} (${bytes(f.size)}) · SHA-256 ${f.sha256}`, x.s.small, 1);
      x.w.y -= 3;
    }
  }
  if (a.documents.length) {
    x.part('Documenti emessi');
    x.table([{ label: 'Documento', share: 0.3 }, { label: 'Emesso', share: 0.17 }, { label: 'Verifica e protocollo', share: 0.2 }, { label: 'SHA-256', share: 0.33, mono: true }],
      a.documents.map((d) => [`${d.kindLabel}: ${d.title}${d.revokedAt ? ' (revocato)' : ''}`, at(d.issuedAt), [d.verificationCode, d.protocol].filter(Boolean).join(' · '), d.sha256]));
  }
}

function drawSocial(x: ExportWriter, r: SocialItem) {
  x.item(`${r.district.name} · ${r.comune}`, 'Servizio sociale');
  x.rows([['Nome', `${r.person.givenName} ${r.person.familyName}`], ['Data di nascita', dayOf(r.person.birthDate)], ['Indirizzo', r.person.address],
    ['Telefono', r.person.phone]]);
  if (r.contacts.length) {
    x.part('Primi contatti');
    x.table([{ label: 'Giorno', share: 0.13 }, { label: 'Chi e come', share: 0.22 }, { label: 'Bisogno', share: 0.4 }, { label: 'Risposta', share: 0.25 }],
      r.contacts.map((c) => [dayOf(c.on), `${c.requester} · ${c.channel}`, [c.need, c.needInYourWords && `«${c.needInYourWords}»`].filter(Boolean).join(': '),
        [c.answer, c.referralTo, c.caseReference && `cartella ${c.caseReference}`, `informativa: ${c.privacyNoticeGiven ? 'data' : 'non risulta'}`].filter(Boolean).join(' · ')]));
  }
  for (const k of r.cases) {
    x.part(`Cartella sociale ${k.reference} · ${k.status}`);
    x.rows([
      ['Comune', k.comune], ['Area', `${k.targetArea} · ${k.sector}`], ['Primo contatto', dayOf(k.firstContactOn)], ['Aperta il', dayOf(k.openedOn)],
      ['Presa in carico il', dayOf(k.inChargeOn)], ['Chiusa il', dayOf(k.closedOn)], ['Motivo della chiusura', [k.closeReason, k.closeNote].filter(Boolean).join(': ')],
      ['Prossima verifica', dayOf(k.nextReviewOn)],
      ['Professionisti', k.professionals.map((p) => `${p.role}: ${p.name} (dal ${dayOf(p.since)})`).join('\n')],
      ['Nucleo familiare', k.household.map((m) => `${m.name} (${m.relation}${m.birthYear ? `, ${m.birthYear}` : ''})`).join('\n')],
      ['ISEE', k.isee ? `${euro(k.isee.valueCents)} · DSU ${k.isee.dsuProtocol} del ${dayOf(k.isee.dsuDate)} · valido fino al ${dayOf(k.isee.validUntil)}` : null],
      ['Dati relativi alla salute', k.health],
    ]);
    if (k.sina) {
      x.sub('Valutazione della non autosufficienza (SINA)');
      x.rows(k.sina.map((row) => [row.label, row.value]));
    }
    if (k.interventions.length) {
      x.table([{ label: 'Intervento', share: 0.3 }, { label: 'Stato e periodo', share: 0.25 }, { label: 'Importi e quote', share: 0.25 }, { label: 'Note', share: 0.2 }],
        k.interventions.map((i) => [
          `${i.type} (${i.code})${i.requestProtocol ? ` · prot. ${i.requestProtocol}` : ''}`,
          [i.status, `richiesto il ${dayOf(i.requestedOn)}`, i.startOn && `dal ${dayOf(i.startOn)}`, i.endOn && `al ${dayOf(i.endOn)}`].filter(Boolean).join(', '),
          [i.amountCents !== null && `importo ${euro(i.amountCents)}`, i.monthlyAmountCents !== null && `al mese ${euro(i.monthlyAmountCents)}`,
            i.shareUserCents !== null && `a tuo carico ${euro(i.shareUserCents)}`, i.hoursMonthly !== null && `${i.hoursMonthly} ore al mese`, i.meansTest].filter(Boolean).join(' · '),
          [i.note, i.sentToInpsAt && `trasmesso all'INPS il ${dateOf(i.sentToInpsAt)}`].filter(Boolean).join(' · '),
        ]));
    }
    if (k.diary.length) {
      x.sub('Diario professionale (il testo non è incluso)');
      x.table([{ label: 'Giorno', share: 0.2 }, { label: 'Tipo', share: 0.4 }, { label: 'Autore', share: 0.4 }], k.diary.map((d) => [dayOf(d.on), d.kind, d.author]));
    }
    if (k.history.length) {
      x.sub('Storia della cartella');
      x.table([{ label: 'Quando', share: 0.2 }, { label: 'Evento', share: 0.3 }, { label: 'Chi', share: 0.2 }, { label: 'Nota', share: 0.3 }],
        k.history.map((e) => [at(e.at), [e.event, e.toStatus && `(${e.toStatus.toLowerCase()})`].filter(Boolean).join(' '), e.by, e.note]));
    }
  }
}
