/**
 * Domanda di iscrizione al nido d'infanzia for the educational year 2027/2028. A parent (or guardian) files it for
 * the child, whose data come from the registry; the ranking uses the ISEE and the priority criteria of the
 * comune's regulation. Applications are accepted only inside the window below.
 */
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import { pick, type ComuneProfile } from '../services-common.ts';
import {
  applicantFields,
  applicantPrefill,
  accept,
  area,
  attachment,
  choice,
  date,
  declarations,
  defineForm,
  euro,
  fiscalCode,
  flag,
  integer,
  PATTERN,
  text,
} from './common.ts';

/** Applications open at 8:00 on 1 November 2026 and close at noon on 31 March 2027 (Italian time). */
export const NIDO_WINDOW = { opensAt: '2026-11-01T08:00:00+01:00', closesAt: '2027-03-31T12:00:00+02:00' } as const;

export const NIDO_SCHOOL_YEAR = '2027/2028';

/** The nidi a family can choose, per comune (the card's description names the same). */
export const nidiOf = (p: ComuneProfile): [string, string][] =>
  pick(
    p,
    [
      ['girasole', 'Nido comunale Il Girasole - Via dei Tigli 4'],
      ['bruco', 'Micronido convenzionato Il Bruco - Via San Rocco 20'],
    ],
    [
      ['girotondo', 'Nido accreditato Girotondo (posti convenzionati) - Via dei Castagni 11'],
      ['piccole-orme', 'Nido famiglia Piccole Orme (posti convenzionati) - Via della Chiesa 10'],
    ],
  );

export function nidoForm(p: ComuneProfile): ServiceForm {
  const nidi = nidiOf(p);
  const applicant = applicantFields({ phoneRequired: true });
  return defineForm({
    window: NIDO_WINDOW,
    steps: [
      {
        id: 'bambino',
        title: 'Bambina o bambino',
        description: "I dati arrivano dall'anagrafe del Comune. Possono essere iscritti i bambini che a settembre 2027 hanno tra 3 e 36 mesi.",
        fields: {
          nome: text('Nome', 100, { minLength: 1 }),
          cognome: text('Cognome', 100, { minLength: 1 }),
          codiceFiscale: fiscalCode(),
          dataNascita: date('Data di nascita'),
          luogoNascita: text('Luogo di nascita', 100, { minLength: 1 }),
          cittadinanza: text('Cittadinanza', 60, { minLength: 1 }),
          vaccinazioni: choice(
            'Vaccinazioni obbligatorie',
            [
              ['in-regola', 'In regola con le vaccinazioni obbligatorie per età'],
              ['esonero', 'Esonerato o con vaccinazione differita per motivi di salute documentati'],
            ],
            {
              widget: 'radio',
              help: "Per il nido le vaccinazioni sono un requisito di accesso (DL 73/2017): il Comune lo verifica con l'ATS.",
            },
          ),
        },
        required: ['nome', 'cognome', 'codiceFiscale', 'dataNascita', 'luogoNascita', 'vaccinazioni'],
      },
      {
        id: 'richiedente',
        title: 'Genitore che presenta la domanda',
        fields: {
          ...applicant.fields,
          ruolo: choice(
            'Rapporto con il bambino',
            [
              ['madre', 'Madre'],
              ['padre', 'Padre'],
              ['tutore', 'Tutore'],
              ['affidatario', 'Affidatario'],
            ],
            { widget: 'radio' },
          ),
        },
        required: [...applicant.required, 'ruolo'],
      },
      {
        id: 'altroGenitore',
        title: 'Altro genitore',
        fields: {
          situazione: choice(
            "L'altro genitore",
            [
              ['convivente', 'Vive con il bambino'],
              ['non-convivente', 'Non vive con il bambino'],
              ['assente', 'Non c\'è: nucleo monoparentale (genitore deceduto, figlio non riconosciuto, affido esclusivo)'],
            ],
            { widget: 'radio', help: 'Il nucleo monoparentale dà punteggio in graduatoria.' },
          ),
        },
        required: ['situazione'],
        when: [
          {
            field: 'situazione',
            is: ['convivente', 'non-convivente'],
            fields: {
              nome: text('Nome', 100, { minLength: 1 }),
              cognome: text('Cognome', 100, { minLength: 1 }),
              codiceFiscale: fiscalCode(),
            },
            required: ['nome', 'cognome', 'codiceFiscale'],
          },
        ],
      },
      {
        id: 'frequenza',
        title: 'Nido e orario',
        description: `Anno educativo ${NIDO_SCHOOL_YEAR}. Indica il nido che preferisci e, se vuoi, una seconda scelta.`,
        fields: {
          primaScelta: choice('Nido preferito', nidi),
          secondaScelta: choice('Seconda scelta (facoltativa)', nidi, {
            help: 'Se non c\'è posto nel nido preferito, ti proponiamo questo.',
          }),
          orario: choice(
            'Orario di frequenza',
            [
              ['tempo-pieno', 'Tempo pieno, dalle 7.30 alle 16.30'],
              ['part-time', 'Part time, dalle 7.30 alle 13.00 (con il pranzo)'],
            ],
            { widget: 'radio' },
          ),
          inserimento: choice('Da quando vorresti iniziare', [
            ['settembre', 'Settembre 2027'],
            ['ottobre', 'Ottobre 2027'],
            ['novembre', 'Novembre 2027'],
            ['gennaio', 'Gennaio 2028'],
          ]),
        },
        required: ['primaScelta', 'orario', 'inserimento'],
      },
      {
        id: 'isee',
        title: 'ISEE',
        description: "L'ISEE per le prestazioni rivolte ai minorenni decide la retta mensile; senza ISEE si applica la retta massima.",
        fields: {
          presentaIsee: choice(
            'Vuoi usare la tua attestazione ISEE?',
            [
              ['si', "Sì, ho un'attestazione ISEE valida"],
              ['no', 'No, accetto la retta massima'],
            ],
            { widget: 'radio' },
          ),
        },
        required: ['presentaIsee'],
        when: [
          {
            field: 'presentaIsee',
            is: 'si',
            fields: {
              valore: euro('Valore ISEE (euro)', 0, 500_000, { help: "L'indicatore della situazione economica equivalente, come scritto sull'attestazione." }),
              protocollo: text('Numero di protocollo della DSU', 28, {
                minLength: 27,
                pattern: PATTERN.isee,
                placeholder: 'INPS-ISEE-2026-01234567X-00',
                help: "È scritto in alto sull'attestazione ISEE rilasciata dall'INPS.",
              }),
            },
            required: ['valore', 'protocollo'],
          },
        ],
      },
      {
        id: 'priorita',
        title: 'Criteri di priorità',
        description: 'Le condizioni che danno precedenza o punteggio secondo il regolamento del nido.',
        fields: {
          disabilita: flag('Il bambino ha una disabilità certificata (L. 104/1992)'),
          serviziSociali: flag('La famiglia è seguita dai servizi sociali o dal servizio Tutela minori'),
          lavoro: choice(
            'Lavoro dei genitori',
            [
              ['entrambi', "Lavorano entrambi i genitori (o l'unico genitore, nel nucleo monoparentale)"],
              ['uno', 'Lavora uno solo dei genitori'],
              ['studio-ricerca', 'Chi non lavora studia o cerca lavoro (iscritto al Centro per l\'impiego)'],
              ['nessuno', 'Nessun genitore lavora al momento'],
            ],
            { widget: 'radio' },
          ),
          fratelli: flag('Un fratello o una sorella frequenta già il nido o lo frequenterà nello stesso anno'),
          altriFigli: integer('Altri figli minori di 14 anni nel nucleo familiare', 0, 15, { default: 0 }),
        },
        required: ['lavoro'],
        when: [
          {
            field: 'lavoro',
            is: ['entrambi', 'uno', 'studio-ricerca'],
            fields: {
              dettaglioLavoro: area('Datore di lavoro (o scuola, o Centro per l\'impiego) e orario settimanale di ciascun genitore', 1000, {
                minLength: 10,
                help: 'Ad esempio: madre, impiegata presso Rossi S.p.A. di Bergamo, 36 ore; padre, libero professionista, 40 ore.',
              }),
            },
            required: ['dettaglioLavoro'],
          },
        ],
      },
      declarations({
        regolamento: accept('Ho letto il regolamento del nido e le tariffe, e so che la retta si paga anche nei mesi di assenza'),
      }),
    ],
    prefill: {
      '/bambino/nome': 'subject.givenName',
      '/bambino/cognome': 'subject.familyName',
      '/bambino/codiceFiscale': 'subject.fiscalCode',
      '/bambino/dataNascita': 'subject.birthDate',
      '/bambino/luogoNascita': 'subject.birthPlace',
      '/bambino/cittadinanza': 'subject.citizenship',
      ...applicantPrefill('richiedente'),
    },
    attachments: [
      attachment('certificazione-disabilita', 'Certificazione di disabilità del bambino', {
        description: 'Verbale della commissione medica (L. 104/1992) o certificazione equivalente.',
        requiredWhen: { pointer: '/priorita/disabilita', equals: true },
        maxFiles: 3,
      }),
      attachment('esonero-vaccinale', 'Certificato di esonero o differimento delle vaccinazioni', {
        description: 'Rilasciato dal medico di medicina generale o dal pediatra di libera scelta.',
        requiredWhen: { pointer: '/bambino/vaccinazioni', equals: 'esonero' },
      }),
      attachment('relazione-servizi-sociali', 'Relazione dei servizi sociali', {
        description: 'Facoltativa: se l\'hai già; altrimenti il Comune la chiede direttamente al servizio che vi segue.',
      }),
    ],
    limits: { maxFiles: 10, maxTotalMb: 30 },
  });
}
