/**
 * Dichiarazione di residenza (DPR 223/1989, art. 13; DL 5/2012, art. 5), in two variants that share most of the
 * form: the move into the comune from another comune or from abroad (`iscrizione`), and the move to another home
 * within the comune (`cambio-abitazione`), where the family sheet is already in the comune's registry and is
 * prefilled. The content follows the ministerial model of the "residenza in tempo reale" declaration.
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
  familySheet,
  fiscalCode,
  identityDocument,
  list,
  object,
  postalCode,
  streetNumber,
  text,
  type StepSpec,
} from './common.ts';

export type ResidenceKind = 'iscrizione' | 'cambio-abitazione';

/** How the declarant may occupy the home (ministerial model, "titolo di occupazione", DL 47/2014, art. 5). */
export const OCCUPANCY_TITLES = [
  ['proprieta', 'Proprietà (anche in comproprietà)'],
  ['locazione', 'Locazione (affitto) con contratto registrato'],
  ['locazione-erp', 'Locazione di un alloggio di edilizia residenziale pubblica'],
  ['comodato', "Comodato d'uso con contratto registrato"],
  ['usufrutto', 'Usufrutto o diritto di abitazione'],
  ['altro', 'Altro (ad esempio ospite del proprietario o di un familiare)'],
] as const;

const RELATIONS = [
  ['coniuge', 'Coniuge'],
  ['unito-civilmente', 'Unito civilmente'],
  ['convivente', 'Convivente'],
  ['figlio', 'Figlia o figlio'],
  ['genitore', 'Genitore'],
  ['fratello-sorella', 'Fratello o sorella'],
  ['altro-parente', 'Altro parente o affine'],
  ['nessun-legame', 'Nessun legame di parentela'],
] as const;

/** Someone who moves with the declarant and is not on the comune's family sheet. */
const personWhoMoves = object(
  'Persona',
  {
    givenName: text('Nome', 100, { minLength: 1 }),
    familyName: text('Cognome', 100, { minLength: 1 }),
    fiscalCode: fiscalCode(),
    birthDate: date('Data di nascita'),
    relation: choice('Rapporto con te', RELATIONS),
  },
  ['givenName', 'familyName', 'fiscalCode', 'birthDate', 'relation'],
);

export function residenceForm(p: ComuneProfile, kind: ResidenceKind): ServiceForm {
  const applicant = applicantFields({ birth: true });

  const dichiarante: StepSpec = {
    id: 'richiedente',
    title: 'Dichiarante',
    description: 'I tuoi dati arrivano da SPID o CIE; controlla e, se serve, correggi i recapiti.',
    fields: applicant.fields,
    required: applicant.required,
  };

  const provenienza: StepSpec = {
    id: 'provenienza',
    title: 'Provenienza',
    description: 'Da dove arrivi e la tua cittadinanza: servono per chiedere la cancellazione al Comune o al Consolato di prima.',
    fields: {
      da: choice(
        'Da dove ti trasferisci',
        [
          ['altro-comune', 'Da un altro Comune italiano'],
          ['estero', "Dall'estero (prima iscrizione in Italia o rientro senza iscrizione AIRE)"],
          ['aire', "Dall'estero, iscritto all'AIRE di un Comune italiano"],
        ],
        { widget: 'radio' },
      ),
      cittadinanza: choice(
        'Cittadinanza',
        [
          ['italiana', 'Italiana'],
          ['ue', "Di un altro Paese dell'Unione europea"],
          ['extra-ue', "Di un Paese non appartenente all'Unione europea"],
        ],
        { widget: 'radio', help: 'Per i cittadini non comunitari serve il permesso di soggiorno, da allegare.' },
      ),
    },
    required: ['da', 'cittadinanza'],
    when: [
      {
        field: 'da',
        is: 'altro-comune',
        fields: {
          comune: text('Comune di provenienza', 100, { minLength: 2, placeholder: 'Bergamo' }),
          provincia: text('Provincia (sigla)', 2, { minLength: 2, pattern: '^[A-Z]{2}$', placeholder: 'BG' }),
        },
        required: ['comune', 'provincia'],
      },
      {
        field: 'da',
        is: ['estero', 'aire'],
        fields: {
          stato: text('Stato estero di provenienza', 100, { minLength: 2 }),
        },
        required: ['stato'],
      },
      {
        field: 'da',
        is: 'aire',
        fields: {
          comuneAire: text("Comune di iscrizione all'AIRE", 100, { minLength: 2 }),
        },
        required: ['comuneAire'],
      },
    ],
  };

  const cap = comunePostalCode(p);
  const abitazione: StepSpec = {
    id: 'nuovaAbitazione',
    title: kind === 'iscrizione' ? `Indirizzo a ${p.name}` : 'Nuovo indirizzo',
    description: `L'abitazione del ${p.ente} in cui vivi o andrai a vivere stabilmente.`,
    fields: {
      via: text('Via o piazza', 120, { minLength: 3, placeholder: 'Via Roma', help: 'Scrivi il nome come sullo stradario comunale, senza il numero civico.' }),
      civico: streetNumber(),
      scala: text('Scala', 10),
      piano: text('Piano', 10, { placeholder: '2' }),
      interno: text('Interno', 10),
      cap: postalCode('CAP', { default: cap }),
      altriOccupanti: choice(
        "Nell'abitazione vivono già altre persone iscritte in anagrafe?",
        [
          ['no', 'No, è libera'],
          ['si', 'Sì'],
        ],
        { widget: 'radio' },
      ),
    },
    required: ['via', 'civico', 'cap', 'altriOccupanti'],
    when: [
      {
        field: 'altriOccupanti',
        is: 'si',
        fields: {
          intestatarioScheda: text('Nome e cognome di una delle persone che ci vivono', 200, { minLength: 3 }),
          legame: choice(
            'Hai legami con queste persone?',
            [
              ['parentela', 'Sì, di parentela, affinità, adozione, tutela o affettivi: entro a far parte della loro famiglia'],
              ['nessuno', 'No: formo una famiglia anagrafica a sé nella stessa abitazione'],
            ],
            { widget: 'radio' },
          ),
        },
        required: ['intestatarioScheda', 'legame'],
      },
    ],
  };

  const titolo: StepSpec = {
    id: 'titoloOccupazione',
    title: "Titolo per abitare l'alloggio",
    description: "La legge chiede di dichiarare a che titolo occupi l'abitazione (DL 47/2014, art. 5).",
    fields: {
      titolo: choice('Titolo di occupazione', OCCUPANCY_TITLES, { widget: 'radio' }),
    },
    required: ['titolo'],
    when: [
      {
        field: 'titolo',
        is: ['proprieta', 'usufrutto'],
        fields: {
          catasto: object('Dati catastali dell\'abitazione', cadastralFields({ subalternoRequired: true }).fields, cadastralFields({ subalternoRequired: true }).required, {
            help: 'Li trovi nell\'atto di acquisto o nella visura catastale.',
          }),
        },
        required: ['catasto'],
      },
      {
        field: 'titolo',
        is: ['locazione', 'comodato'],
        fields: {
          registrazione: object(
            'Registrazione del contratto',
            {
              ufficio: text("Ufficio dell'Agenzia delle Entrate", 100, { minLength: 2, placeholder: 'Bergamo' }),
              data: date('Data di registrazione'),
              numero: text('Numero di registrazione', 40, {
                minLength: 1,
                help: 'Per i contratti registrati online è il codice identificativo del contratto (ad esempio TNM25T001234000AB).',
              }),
            },
            ['ufficio', 'data', 'numero'],
          ),
        },
        required: ['registrazione'],
      },
      {
        field: 'titolo',
        is: 'locazione-erp',
        fields: {
          ente: text("Ente gestore dell'alloggio", 150, { minLength: 2, placeholder: 'ALER Bergamo Lecco Sondrio' }),
        },
        required: ['ente'],
      },
      {
        field: 'titolo',
        is: 'altro',
        fields: {
          descrizione: area('Spiega a che titolo abiti nell\'alloggio', 1000, {
            minLength: 10,
            help: 'Ad esempio: ospite del proprietario, che allega una dichiarazione di assenso con il suo documento.',
          }),
        },
        required: ['descrizione'],
      },
    ],
  };

  const nucleo: StepSpec =
    kind === 'cambio-abitazione'
      ? {
          id: 'nucleo',
          title: 'Chi cambia abitazione',
          description: 'La tua famiglia come risulta in anagrafe. Indica se cambia casa tutta la famiglia o solo alcune persone.',
          fields: {
            componenti: familySheet('La tua famiglia in anagrafe', {
              help: 'Dati del registro della popolazione: se non sono corretti, segnalalo all\'Ufficio Anagrafe.',
            }),
            chiSiTrasferisce: choice(
              'Chi si trasferisce nella nuova abitazione',
              [
                ['tutti', 'Tutta la famiglia'],
                ['alcuni', 'Solo alcune persone'],
              ],
              { widget: 'radio' },
            ),
            altrePersone: list('Altre persone che vengono a vivere con te', personWhoMoves, { maxItems: 10 }, {
              help: 'Solo chi non è già nella tua famiglia anagrafica, ad esempio il partner che arriva da un\'altra abitazione.',
            }),
          },
          required: ['componenti', 'chiSiTrasferisce'],
          when: [
            {
              field: 'chiSiTrasferisce',
              is: 'alcuni',
              fields: {
                codiciFiscali: list(
                  'Codici fiscali delle persone che si trasferiscono',
                  fiscalCode('Codice fiscale'),
                  { minItems: 1, maxItems: 20, uniqueItems: true },
                  { help: 'Scrivi anche il tuo, se ti trasferisci anche tu.' },
                ),
              },
              required: ['codiciFiscali'],
            },
          ],
        }
      : {
          id: 'nucleo',
          title: 'Chi si trasferisce con te',
          description: 'Le persone che vengono ad abitare con te, oltre a te. Lascia vuoto se ti trasferisci da solo.',
          fields: {
            persone: list('Persone che si trasferiscono con te', personWhoMoves, { maxItems: 15 }),
          },
          required: [],
        };

  const veicoli: StepSpec = {
    id: 'veicoli',
    title: 'Patente e veicoli',
    description:
      'Facoltativo: se li indichi, il Comune comunica il nuovo indirizzo alla Motorizzazione, che aggiorna patente e carte di circolazione.',
    fields: {
      patente: text('Numero della patente', 10, { pattern: '^[A-Z0-9]{10}$', placeholder: 'U1A234567B' }),
      targhe: list('Targhe dei veicoli intestati a te', text('Targa', 8, { pattern: '^[A-Z0-9]{5,8}$', placeholder: 'GA123BC' }), {
        maxItems: 5,
        uniqueItems: true,
      }),
    },
    required: [],
  };

  return defineForm({
    steps: [
      dichiarante,
      ...(kind === 'iscrizione' ? [provenienza] : []),
      abitazione,
      titolo,
      nucleo,
      veicoli,
      declarations(),
    ],
    prefill: {
      ...applicantPrefill('richiedente', { birth: true }),
      ...(kind === 'cambio-abitazione' ? { '/nucleo/componenti': 'subject.family' as const } : {}),
    },
    attachments: [
      identityDocument({
        description: "Fronte e retro di un tuo documento d'identità valido; per i cittadini stranieri, il passaporto.",
      }),
      attachment('documenti-familiari', "Documenti d'identità delle altre persone maggiorenni che si trasferiscono", { maxFiles: 10 }),
      attachment('contratto-locazione', 'Contratto di locazione registrato', {
        description: 'Il contratto di affitto completo, con gli estremi della registrazione.',
        requiredWhen: { pointer: '/titoloOccupazione/titolo', equals: 'locazione' },
        maxSizeMb: 10,
      }),
      attachment('contratto-comodato', "Contratto di comodato d'uso registrato", {
        requiredWhen: { pointer: '/titoloOccupazione/titolo', equals: 'comodato' },
        maxSizeMb: 10,
      }),
      attachment('assenso-proprietario', "Dichiarazione di assenso del proprietario, con copia del suo documento d'identità", {
        requiredWhen: { pointer: '/titoloOccupazione/titolo', equals: 'altro' },
        maxFiles: 2,
      }),
      ...(kind === 'iscrizione'
        ? [
            attachment('permesso-soggiorno', 'Permesso di soggiorno', {
              description: 'Permesso di soggiorno valido, o la ricevuta della domanda di rinnovo con il permesso scaduto.',
              requiredWhen: { pointer: '/provenienza/cittadinanza', equals: 'extra-ue' },
              maxFiles: 3,
            }),
            attachment('requisiti-cittadino-ue', 'Documenti sul soggiorno del cittadino UE', {
              description:
                'Contratto di lavoro o iscrizione a un corso di studi, oppure prova di risorse economiche sufficienti e di assicurazione sanitaria (D.Lgs. 30/2007).',
              requiredWhen: { pointer: '/provenienza/cittadinanza', equals: 'ue' },
              maxFiles: 5,
            }),
          ]
        : []),
      attachment('patente-libretti', 'Patente e carte di circolazione', {
        description: 'Facoltativo: copia della patente e delle carte di circolazione dei veicoli indicati.',
        maxFiles: 6,
      }),
    ],
    limits: { maxFiles: 30, maxTotalMb: 60 },
  });
}
