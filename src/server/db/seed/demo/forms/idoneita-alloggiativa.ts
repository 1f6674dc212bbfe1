/**
 * Richiesta di certificazione di idoneità alloggiativa: the comune certifies that a dwelling meets the
 * hygiene and occupancy standards (DM Sanità 5 luglio 1975 and the regional rules), as foreign citizens need for
 * family reunification, the EU long-term residence permit and the contratto di soggiorno (D.Lgs. 286/1998, artt. 5-bis,
 * 9 and 29). The technician checks surfaces and rooms against the number of people who will live there.
 */
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import type { ComuneProfile } from '../services-common.ts';
import {
  applicantFields,
  applicantPrefill,
  area,
  attachment,
  cadastralFields,
  choice,
  comunePostalCode,
  date,
  declarations,
  defineForm,
  decimal,
  fiscalCode,
  flag,
  integer,
  list,
  object,
  PDF_OR_IMAGE,
  postalCode,
  streetNumber,
  text,
} from './common.ts';

export const IDONEITA_PURPOSES = [
  ['ricongiungimento-familiare', 'Ricongiungimento familiare (nulla osta dello Sportello unico per l\'immigrazione)'],
  ['permesso-ue-lungo-periodo', 'Permesso di soggiorno UE per soggiornanti di lungo periodo'],
  ['contratto-soggiorno', 'Contratto di soggiorno per lavoro subordinato'],
  ['rinnovo-permesso', 'Rilascio o rinnovo del permesso di soggiorno'],
  ['coesione-familiare', 'Permesso di soggiorno per coesione familiare'],
  ['altro', 'Altro motivo'],
] as const;

export function idoneitaAlloggiativaForm(p: ComuneProfile): ServiceForm {
  const applicant = applicantFields({ birth: true, phoneRequired: true });
  const catasto = cadastralFields({ subalternoRequired: true });
  return defineForm({
    steps: [
      {
        id: 'richiedente',
        title: 'Richiedente',
        fields: {
          ...applicant.fields,
          cittadinanza: text('Cittadinanza', 60, { minLength: 1 }),
          qualita: choice(
            "Abiti nell'alloggio come",
            [
              ['proprietario', 'Proprietario'],
              ['conduttore', 'Inquilino (contratto di locazione)'],
              ['comodatario', "Comodatario (comodato d'uso)"],
              ['ospite', "Ospite del titolare dell'alloggio"],
            ],
            { widget: 'radio' },
          ),
        },
        required: [...applicant.required, 'cittadinanza', 'qualita'],
        when: [
          {
            field: 'qualita',
            is: 'ospite',
            fields: {
              ospitante: object(
                "Chi ti ospita (titolare dell'alloggio)",
                {
                  nome: text('Nome', 100, { minLength: 1 }),
                  cognome: text('Cognome', 100, { minLength: 1 }),
                  codiceFiscale: fiscalCode(),
                },
                ['nome', 'cognome', 'codiceFiscale'],
              ),
            },
            required: ['ospitante'],
          },
        ],
      },
      {
        id: 'motivo',
        title: 'Motivo della richiesta',
        description: 'Il certificato indica per quale procedimento è rilasciato.',
        fields: {
          scopo: choice('Ti serve per', IDONEITA_PURPOSES, { widget: 'radio' }),
        },
        required: ['scopo'],
        when: [
          {
            field: 'scopo',
            is: 'ricongiungimento-familiare',
            fields: {
              familiari: list(
                'Familiari che vuoi ricongiungere',
                object(
                  'Familiare',
                  {
                    nome: text('Nome', 100, { minLength: 1 }),
                    cognome: text('Cognome', 100, { minLength: 1 }),
                    dataNascita: date('Data di nascita'),
                    cittadinanza: text('Cittadinanza', 60, { minLength: 1 }),
                    rapporto: choice('Rapporto con te', [
                      ['coniuge', 'Coniuge'],
                      ['figlio-minore', 'Figlio minorenne'],
                      ['figlio-maggiorenne', 'Figlio maggiorenne a carico'],
                      ['genitore', 'Genitore a carico'],
                    ]),
                  },
                  ['nome', 'cognome', 'dataNascita', 'cittadinanza', 'rapporto'],
                ),
                { minItems: 1, maxItems: 10 },
              ),
            },
            required: ['familiari'],
          },
          {
            field: 'scopo',
            is: 'altro',
            fields: { descrizione: area('Per quale procedimento ti serve', 500, { minLength: 10 }) },
            required: ['descrizione'],
          },
        ],
      },
      {
        id: 'alloggio',
        title: "L'alloggio",
        description: `L'abitazione del ${p.ente} da certificare, con i dati della planimetria catastale.`,
        fields: {
          via: text('Via o piazza', 120, { minLength: 3 }),
          civico: streetNumber(),
          scala: text('Scala', 10),
          piano: text('Piano', 10),
          interno: text('Interno', 10),
          cap: postalCode('CAP', { default: comunePostalCode(p) }),
          ...catasto.fields,
          categoria: choice('Categoria catastale', [
            ['A/2', 'A/2 - Abitazione di tipo civile'],
            ['A/3', 'A/3 - Abitazione di tipo economico'],
            ['A/4', 'A/4 - Abitazione di tipo popolare'],
            ['A/5', 'A/5 - Abitazione di tipo ultrapopolare'],
            ['A/6', 'A/6 - Abitazione di tipo rurale'],
            ['A/7', 'A/7 - Villino'],
            ['A/1', 'A/1 - Abitazione di tipo signorile'],
            ['A/8', 'A/8 - Villa'],
          ]),
          superficie: decimal('Superficie utile abitabile (m²)', 14, 1000, {
            placeholder: '65',
            help: 'La superficie calpestabile dei locali abitabili, senza muri, balconi, cantine e garage.',
          }),
          camere: integer('Camere da letto', 1, 20),
          altriVani: integer('Altri locali abitabili (soggiorno, cucina abitabile, studio)', 0, 20),
          bagni: integer('Bagni', 1, 10),
          cucina: choice('Cucina', [
            ['cucina', 'Cucina abitabile'],
            ['angolo-cottura', 'Angolo cottura nel soggiorno'],
          ]),
          riscaldamento: flag("L'alloggio ha un impianto di riscaldamento funzionante"),
          occupantiAttuali: integer("Persone che vivono oggi nell'alloggio, te compreso", 1, 30),
          occupantiPrevisti: integer("Persone che vi vivranno in tutto, dopo l'arrivo dei familiari", 1, 30, {
            help: "Il certificato attesta se l'alloggio è adatto a questo numero di persone.",
          }),
        },
        required: [
          'via', 'civico', 'cap', ...catasto.required, 'categoria', 'superficie', 'camere', 'altriVani', 'bagni', 'cucina',
          'occupantiAttuali', 'occupantiPrevisti',
        ],
      },
      declarations(),
    ],
    prefill: {
      ...applicantPrefill('richiedente', { birth: true }),
      '/richiedente/cittadinanza': 'subject.citizenship',
    },
    attachments: [
      attachment('planimetria', "Planimetria catastale dell'alloggio", {
        description: "La planimetria aggiornata, che puoi chiedere all'Agenzia delle Entrate; con le misure dei locali se non sono leggibili.",
        required: true,
        maxFiles: 3,
        maxSizeMb: 10,
        types: PDF_OR_IMAGE,
      }),
      attachment('titolo-alloggio', "Titolo di disponibilità dell'alloggio", {
        description: 'Atto di proprietà, contratto di locazione o di comodato registrato.',
        required: true,
        maxSizeMb: 10,
      }),
      attachment('assenso-ospitante', "Dichiarazione di ospitalità e assenso del titolare dell'alloggio", {
        description: "Firmata dal titolare, con copia del suo documento d'identità.",
        requiredWhen: { pointer: '/richiedente/qualita', equals: 'ospite' },
        maxFiles: 2,
      }),
      attachment('permesso-soggiorno', 'Passaporto e permesso di soggiorno del richiedente', {
        required: true,
        maxFiles: 4,
      }),
      attachment('conformita-impianti', 'Dichiarazioni di conformità degli impianti', {
        description: 'Facoltative: impianto elettrico, del gas e di riscaldamento (DM 37/2008); accelerano il sopralluogo.',
        maxFiles: 4,
      }),
    ],
    limits: { maxFiles: 16, maxTotalMb: 50 },
  });
}
