/**
 * Istanza di rimborso di tributi comunali (IMU, TARI, TASI) paid and not due (L. 296/2006, art. 1, c. 164): which
 * tax, which years and how much, why, and where to pay the refund back (or the wish to offset it against future
 * payments).
 */
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import {
  applicantFields,
  applicantPrefill,
  area,
  attachment,
  choice,
  date,
  declarations,
  defineForm,
  euro,
  fiscalCode,
  iban,
  integer,
  list,
  object,
  text,
} from './common.ts';

export const TAXES = [
  ['IMU', 'IMU - Imposta municipale propria'],
  ['TARI', 'TARI - Tassa sui rifiuti'],
  ['TASI', 'TASI - Tributo per i servizi indivisibili (fino al 2019)'],
] as const;

export const REFUND_REASONS = [
  ['doppio-versamento', 'Ho pagato due volte la stessa rata'],
  ['importo-eccedente', 'Ho pagato più del dovuto (errore di calcolo, aliquota o rendita sbagliata)'],
  ['comune-errato', 'Ho pagato a questo Comune un tributo dovuto a un altro Comune'],
  ['non-dovuto', "Il tributo non era dovuto (immobile venduto, inagibile, esente, utenza cessata)"],
  ['riduzione-non-applicata', 'Non è stata applicata una riduzione o agevolazione che mi spettava'],
  ['altro', 'Altro motivo'],
] as const;

/** The years of a refund and, for each, what was paid and what was due. */
const yearsAndAmounts = (lastYear: number) =>
  list(
    'Anni e importi',
    object(
      'Anno',
      {
        anno: integer("Anno d'imposta", 2014, lastYear, { help: 'La TASI si è pagata dal 2014 al 2019.' }),
        versato: euro('Importo versato (euro)', 0.01, 100_000),
        dovuto: euro('Importo effettivamente dovuto (euro)', 0, 100_000),
      },
      ['anno', 'versato', 'dovuto'],
    ),
    { minItems: 1, maxItems: 6 },
  );

export function rimborsoTributiForm(): ServiceForm {
  const applicant = applicantFields({ birth: true });
  return defineForm({
    steps: [
      {
        id: 'richiedente',
        title: 'Richiedente',
        fields: {
          ...applicant.fields,
          qualita: choice(
            'Chiedi il rimborso come',
            [
              ['contribuente', 'Contribuente che ha pagato'],
              ['erede', 'Erede del contribuente'],
            ],
            { widget: 'radio' },
          ),
        },
        required: [...applicant.required, 'qualita'],
        when: [
          {
            field: 'qualita',
            is: 'erede',
            fields: {
              defunto: object(
                'Contribuente deceduto',
                {
                  nome: text('Nome', 100, { minLength: 1 }),
                  cognome: text('Cognome', 100, { minLength: 1 }),
                  codiceFiscale: fiscalCode(),
                  dataDecesso: date('Data del decesso'),
                },
                ['nome', 'cognome', 'codiceFiscale', 'dataDecesso'],
              ),
            },
            required: ['defunto'],
          },
        ],
      },
      {
        id: 'tributo',
        title: 'Tributo e versamenti',
        description: 'Il rimborso si chiede entro 5 anni dal giorno del pagamento.',
        fields: {
          tributo: choice('Tributo', TAXES, { widget: 'radio' }),
          annualita: yearsAndAmounts(2026),
          importoRichiesto: euro('Totale chiesto a rimborso (euro)', 12, 500_000, {
            help: "Non si rimborsano importi inferiori a 12 euro per anno d'imposta.",
          }),
          immobile: text("Immobile o utenza a cui si riferisce (facoltativo)", 300, {
            placeholder: 'Via Roma 10, foglio 5 particella 120 sub 3',
          }),
          motivo: choice('Perché chiedi il rimborso', REFUND_REASONS),
          spiegazione: area('Spiega che cosa è successo', 2000, {
            minLength: 10,
            help: 'Indica date ed estremi dei versamenti e, se l\'hai ricevuto, dell\'avviso di pagamento.',
          }),
        },
        required: ['tributo', 'annualita', 'importoRichiesto', 'motivo', 'spiegazione'],
        when: [
          {
            // TASI was abolished from 2020 (L. 160/2019, art. 1, c. 738)
            field: 'tributo',
            is: 'TASI',
            // the same field, narrowed to the years of the TASI (repeated whole, so that a shallow merge keeps it right)
            fields: { annualita: yearsAndAmounts(2019) },
            required: [],
          },
        ],
      },
      {
        id: 'modalita',
        title: 'Come vuoi il rimborso',
        fields: {
          modalita: choice(
            'Modalità',
            [
              ['accredito', 'Accredito sul mio conto corrente'],
              ['compensazione', 'Compensazione con i prossimi versamenti dello stesso tributo'],
            ],
            { widget: 'radio' },
          ),
        },
        required: ['modalita'],
        when: [
          {
            field: 'modalita',
            is: 'accredito',
            fields: {
              iban: iban(),
              intestatario: text('Intestatario del conto', 200, { minLength: 3 }),
            },
            required: ['iban', 'intestatario'],
          },
        ],
      },
      declarations(),
    ],
    prefill: applicantPrefill('richiedente', { birth: true }),
    attachments: [
      attachment('ricevute-versamento', 'Ricevute dei versamenti', {
        description: 'Modelli F24 quietanzati o ricevute pagoPA dei pagamenti di cui chiedi il rimborso.',
        required: true,
        maxFiles: 10,
      }),
      attachment('documentazione', 'Documenti che provano il motivo', {
        description: 'Facoltativi: ad esempio atto di vendita, visura catastale, dichiarazione di inagibilità, avviso di pagamento.',
        maxFiles: 5,
        maxSizeMb: 10,
      }),
      attachment('qualita-erede', 'Dichiarazione di successione o atto notorio che attesta la qualità di erede', {
        requiredWhen: { pointer: '/richiedente/qualita', equals: 'erede' },
        maxFiles: 2,
        maxSizeMb: 10,
      }),
    ],
    limits: { maxFiles: 17, maxTotalMb: 60 },
  });
}
