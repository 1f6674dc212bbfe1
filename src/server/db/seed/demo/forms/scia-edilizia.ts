/**
 * SCIA edilizia (DPR 380/2001, artt. 22-23), filed by the professional the owner has instructed, with a special
 * power of attorney (procura): the technician, the client, the building with its cadastral reference, the works
 * and the start date; the sworn technical report and the drawings are attached as signed PDF files. Content
 * follows the "modulo unificato e standardizzato" of the Conferenza unificata, much abridged.
 */
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import {
  accept,
  applicantFields,
  applicantPrefill,
  area,
  attachment,
  cadastralFields,
  choice,
  date,
  defineForm,
  email,
  flag,
  IMAGES,
  integer,
  PATTERN,
  PDF,
  streetNumber,
  text,
} from './common.ts';

export const SCIA_WORKS = [
  ['manutenzione-straordinaria-strutturale', 'Manutenzione straordinaria che riguarda parti strutturali o i prospetti'],
  ['restauro-risanamento', 'Restauro e risanamento conservativo che riguarda parti strutturali'],
  ['ristrutturazione', 'Ristrutturazione edilizia che non richiede il permesso di costruire'],
  ['variante', 'Variante a un permesso di costruire che non ne modifica i parametri essenziali'],
] as const;

export function sciaEdiliziaForm(): ServiceForm {
  const professional = applicantFields({ phoneRequired: true });
  const catasto = cadastralFields();
  return defineForm({
    filedBy: 'representative',
    steps: [
      {
        id: 'tecnico',
        title: 'Tecnico incaricato',
        description: 'Tu, che presenti la segnalazione per il committente: i tuoi dati arrivano da SPID o CIE.',
        fields: {
          ...professional.fields,
          pec: email('PEC', { placeholder: 'nome@pec.esempio.it', help: 'Le comunicazioni ufficiali sulla pratica arrivano qui.' }),
          albo: choice('Albo o collegio professionale', [
            ['architetti', 'Ordine degli Architetti, Pianificatori, Paesaggisti e Conservatori'],
            ['ingegneri', 'Ordine degli Ingegneri'],
            ['geometri', 'Collegio dei Geometri e Geometri laureati'],
            ['periti-industriali', 'Ordine dei Periti industriali e dei Periti industriali laureati'],
            ['periti-agrari', 'Collegio dei Periti agrari e dei Periti agrari laureati'],
            ['agrotecnici', 'Collegio degli Agrotecnici e degli Agrotecnici laureati'],
          ]),
          provinciaAlbo: text("Provincia dell'albo (sigla)", 2, { minLength: 2, pattern: PATTERN.province, placeholder: 'BS' }),
          numeroIscrizione: text("Numero di iscrizione all'albo", 12, { minLength: 1, pattern: '^[0-9A-Z/-]{1,12}$', placeholder: '2841' }),
          studio: text('Indirizzo dello studio', 200, { minLength: 5, placeholder: 'Via Roma 1, 25121 Brescia (BS)' }),
        },
        required: [...professional.required, 'pec', 'albo', 'provinciaAlbo', 'numeroIscrizione', 'studio'],
      },
      {
        id: 'committente',
        title: 'Committente',
        description: 'La persona che ti ha conferito la procura: i dati arrivano dalla delega che hai registrato.',
        fields: {
          codiceFiscale: text('Codice fiscale', 16, { minLength: 11, pattern: `${PATTERN.fiscalCode}|${PATTERN.partitaIva}` }),
          nome: text('Nome', 100, { minLength: 1 }),
          cognome: text('Cognome', 100, { minLength: 1 }),
          titolo: choice(
            "Titolo del committente sull'immobile",
            [
              ['proprietario', 'Proprietario esclusivo'],
              ['comproprietario', 'Comproprietario, con l\'assenso degli altri proprietari'],
              ['usufruttuario', 'Usufruttuario o titolare di altro diritto reale'],
              ['conduttore', 'Inquilino, con l\'assenso del proprietario'],
              ['amministratore', 'Amministratore di condominio, su delibera dell\'assemblea'],
            ],
            { widget: 'radio' },
          ),
          recapito: email('E-mail o PEC del committente (facoltativa)'),
        },
        required: ['codiceFiscale', 'nome', 'cognome', 'titolo'],
      },
      {
        id: 'immobile',
        title: 'Immobile',
        fields: {
          via: text('Via o piazza', 120, { minLength: 3 }),
          civico: streetNumber(),
          ...catasto.fields,
          destinazione: choice("Destinazione d'uso attuale", [
            ['residenziale', 'Residenziale'],
            ['commerciale', 'Commerciale'],
            ['direzionale', 'Direzionale (uffici)'],
            ['produttiva', 'Produttiva o artigianale'],
            ['agricola', 'Agricola'],
          ]),
          vincoloPaesaggistico: flag("L'immobile è in un'area con vincolo paesaggistico (D.Lgs. 42/2004, parte III)"),
          beneCulturale: flag("L'immobile è un bene culturale vincolato (D.Lgs. 42/2004, parte II)"),
        },
        required: ['via', 'civico', ...catasto.required, 'destinazione'],
      },
      {
        id: 'intervento',
        title: 'Intervento',
        fields: {
          tipo: choice('Tipo di intervento', SCIA_WORKS, { widget: 'radio' }),
          descrizione: area('Descrizione sintetica dei lavori', 3000, {
            minLength: 20,
            rows: 6,
            help: 'La descrizione completa è nella relazione tecnica asseverata allegata.',
          }),
          dataInizio: date('Data di inizio dei lavori', {
            help: 'I lavori possono iniziare dal giorno della presentazione della segnalazione completa.',
          }),
          durataGiorni: integer('Durata prevista (giorni)', 1, 1095),
          strutturale: flag('I lavori riguardano le strutture (serve la denuncia dei lavori strutturali)'),
          esecuzione: choice(
            'Chi esegue i lavori',
            [
              ['impresa', 'Una o più imprese'],
              ['economia', 'Il committente in proprio (lavori in economia)'],
            ],
            { widget: 'radio' },
          ),
        },
        required: ['tipo', 'descrizione', 'dataInizio', 'durataGiorni', 'esecuzione'],
        when: [
          {
            field: 'esecuzione',
            is: 'impresa',
            fields: {
              impresa: text('Ragione sociale della prima impresa', 200, { minLength: 2 }),
              partitaIvaImpresa: text('Partita IVA dell\'impresa', 11, { minLength: 11, pattern: PATTERN.partitaIva }),
            },
            required: ['impresa', 'partitaIvaImpresa'],
          },
        ],
      },
      {
        id: 'dichiarazioni',
        title: 'Asseverazione e dichiarazioni',
        fields: {
          asseverazione: accept(
            "Assevero, come tecnico abilitato, che l'intervento è conforme agli strumenti urbanistici approvati, al regolamento edilizio e alle norme di sicurezza, igienico-sanitarie e sul risparmio energetico",
          ),
          procura: accept('Dichiaro di aver ricevuto dal committente la procura speciale a presentare la segnalazione e di conservarne l\'originale'),
          veridicita: accept(
            'Dichiaro che quanto indicato è vero, consapevole delle conseguenze penali delle dichiarazioni false (DPR 445/2000, artt. 75 e 76; DPR 380/2001, art. 29)',
          ),
          privacy: accept("Ho letto l'informativa sul trattamento dei dati personali (Regolamento UE 2016/679, art. 13)"),
        },
        required: ['asseverazione', 'procura', 'veridicita', 'privacy'],
      },
    ],
    prefill: {
      ...applicantPrefill('tecnico'),
      '/committente/codiceFiscale': 'subject.fiscalCode',
      '/committente/nome': 'subject.givenName',
      '/committente/cognome': 'subject.familyName',
    },
    attachments: [
      attachment('relazione-tecnica', 'Relazione tecnica di asseverazione', {
        description: 'Firmata digitalmente dal tecnico (PAdES), in PDF.',
        required: true,
        maxSizeMb: 20,
        types: PDF,
      }),
      attachment('elaborati-grafici', 'Elaborati grafici: stato di fatto, progetto e sovrapposizione', {
        description: 'Tavole firmate digitalmente, in PDF.',
        required: true,
        maxFiles: 10,
        maxSizeMb: 20,
        types: PDF,
      }),
      attachment('procura', 'Procura speciale (delega) del committente', {
        description: "Firmata dal committente, con copia del suo documento d'identità.",
        required: true,
        maxFiles: 2,
        types: PDF,
      }),
      attachment('documentazione-fotografica', 'Documentazione fotografica', {
        description: 'Facoltativa: foto dello stato dei luoghi.',
        maxFiles: 10,
        maxSizeMb: 10,
        types: [...PDF, ...IMAGES],
      }),
      attachment('autorizzazione-paesaggistica', 'Autorizzazione paesaggistica', {
        requiredWhen: { pointer: '/immobile/vincoloPaesaggistico', equals: true },
        maxSizeMb: 20,
        types: PDF,
      }),
      attachment('autorizzazione-soprintendenza', 'Autorizzazione della Soprintendenza', {
        requiredWhen: { pointer: '/immobile/beneCulturale', equals: true },
        maxSizeMb: 20,
        types: PDF,
      }),
      attachment('denuncia-strutturale', 'Denuncia dei lavori strutturali', {
        description: 'Con il progetto strutturale, o la ricevuta del deposito sul portale regionale.',
        requiredWhen: { pointer: '/intervento/strutturale', equals: true },
        maxFiles: 5,
        maxSizeMb: 20,
        types: PDF,
      }),
    ],
    limits: { maxFiles: 34, maxTotalMb: 100 },
  });
}
