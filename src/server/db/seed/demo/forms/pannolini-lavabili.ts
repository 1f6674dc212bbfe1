/**
 * Contributo per l'acquisto di pannolini lavabili: the comune pays back half of what a family spent on washable
 * nappies for a child under three (up to 150 euro per child), to cut the waste that goes to the incinerator. The
 * 2026 call covers purchases made in 2026; a parent applies for the child, and is paid on their own account.
 */
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import {
  accept,
  applicantFields,
  applicantPrefill,
  attachment,
  choice,
  date,
  declarations,
  defineForm,
  euro,
  fiscalCode,
  iban,
  integer,
  text,
} from './common.ts';

/** The 2026 call: applications from 15 January 2026 to noon on 31 March 2027. */
export const PANNOLINI_WINDOW = { opensAt: '2026-01-15T09:00:00+01:00', closesAt: '2027-03-31T12:00:00+02:00' } as const;

/** Only purchases of the call's year count (a calendar date in 2026). */
export const PURCHASE_YEAR_PATTERN = '^2026-';

export function pannoliniLavabiliForm(): ServiceForm {
  const applicant = applicantFields();
  return defineForm({
    window: PANNOLINI_WINDOW,
    steps: [
      {
        id: 'richiedente',
        title: 'Genitore che chiede il contributo',
        description: 'Il contributo è pagato a te, sul conto che indichi più avanti.',
        fields: {
          ...applicant.fields,
          ruolo: choice(
            'Rapporto con il bambino',
            [
              ['genitore', 'Genitore'],
              ['tutore', 'Tutore o affidatario'],
            ],
            { widget: 'radio' },
          ),
        },
        required: [...applicant.required, 'ruolo'],
      },
      {
        id: 'bambino',
        title: 'Bambina o bambino',
        description: "I dati arrivano dall'anagrafe. Il bambino deve avere meno di 3 anni alla data dell'acquisto.",
        fields: {
          nome: text('Nome', 100, { minLength: 1 }),
          cognome: text('Cognome', 100, { minLength: 1 }),
          codiceFiscale: fiscalCode(),
          dataNascita: date('Data di nascita'),
        },
        required: ['nome', 'cognome', 'codiceFiscale', 'dataNascita'],
      },
      {
        id: 'acquisto',
        title: "L'acquisto",
        description: 'I dati della fattura o dello scontrino parlante intestato a te (con il tuo codice fiscale).',
        fields: {
          dataAcquisto: date("Data dell'acquisto", {
            help: 'Il bando 2026 copre gli acquisti dal 1° gennaio al 31 dicembre 2026.',
            pattern: PURCHASE_YEAR_PATTERN,
          }),
          tipo: choice(
            'Che cosa hai acquistato',
            [
              ['kit', 'Kit di pannolini lavabili (mutandine, inserti assorbenti, veli)'],
              ['pannolini', 'Pannolini lavabili singoli'],
              ['servizio-lavaggio', 'Abbonamento a un servizio di noleggio e lavaggio'],
            ],
            { widget: 'radio' },
          ),
          pezzi: integer('Numero di pannolini (o mesi di servizio)', 1, 80),
          venditore: text('Negozio o venditore online', 150, { minLength: 2 }),
          numeroDocumento: text('Numero della fattura o dello scontrino', 40, { minLength: 1 }),
          importo: euro('Importo pagato (euro, IVA compresa)', 1, 3000, {
            help: 'Il contributo è la metà della spesa, fino a 150 euro per bambino.',
          }),
        },
        required: ['dataAcquisto', 'tipo', 'pezzi', 'venditore', 'numeroDocumento', 'importo'],
      },
      {
        id: 'pagamento',
        title: 'Accredito del contributo',
        fields: {
          iban: iban(),
          intestatario: text('Intestatario del conto', 200, { minLength: 3, help: 'Il conto deve essere intestato o cointestato a te.' }),
        },
        required: ['iban', 'intestatario'],
      },
      declarations({
        nessunAltroContributo: accept('Per lo stesso acquisto non ho chiesto né ricevuto altri contributi pubblici'),
        utilizzo: accept('Mi impegno a usare i pannolini lavabili e accetto i controlli del Comune'),
      }),
    ],
    prefill: {
      ...applicantPrefill('richiedente'),
      '/bambino/nome': 'subject.givenName',
      '/bambino/cognome': 'subject.familyName',
      '/bambino/codiceFiscale': 'subject.fiscalCode',
      '/bambino/dataNascita': 'subject.birthDate',
    },
    attachments: [
      attachment('fattura', 'Fattura o scontrino parlante', {
        description: 'Intestato a te, con la descrizione dei prodotti e l\'importo; anche la ricevuta del pagamento online.',
        required: true,
        maxFiles: 3,
      }),
    ],
    limits: { maxFiles: 3, maxTotalMb: 15 },
  });
}
