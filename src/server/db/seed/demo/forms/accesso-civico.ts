/**
 * Richiesta di accesso civico (D.Lgs. 33/2013, art. 5): generalised access (FOIA) to data and documents the comune
 * holds, with no need to give reasons, or simple access to what should have been published in "Amministrazione
 * trasparente". Anyone may ask; an identity document is needed only when the request is not signed with SPID/CIE,
 * so here it is optional.
 */
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import type { ComuneProfile } from '../services-common.ts';
import {
  applicantFields,
  applicantPrefill,
  area,
  choice,
  comuneOffices,
  defineForm,
  email,
  list,
  identityDocument,
  flag,
  text,
  accept,
} from './common.ts';

export function accessoCivicoForm(p: ComuneProfile): ServiceForm {
  const applicant = applicantFields();
  return defineForm({
    steps: [
      {
        id: 'richiedente',
        title: 'Richiedente',
        description: 'Chiunque può presentare la richiesta, anche chi non risiede nel Comune.',
        fields: {
          ...applicant.fields,
          perConto: choice(
            'Presenti la richiesta',
            [
              ['proprio', 'Per me'],
              ['ente', "Per un'associazione, un'impresa, una testata giornalistica o un altro ente"],
            ],
            { widget: 'radio' },
          ),
        },
        required: [...applicant.required, 'perConto'],
        when: [
          {
            field: 'perConto',
            is: 'ente',
            fields: { ente: text("Nome dell'ente che rappresenti", 200, { minLength: 2 }) },
            required: ['ente'],
          },
        ],
      },
      {
        id: 'richiesta',
        title: 'Che cosa chiedi',
        fields: {
          tipo: choice(
            'Tipo di accesso',
            [
              ['generalizzato', 'Accesso generalizzato: voglio dati o documenti che il Comune detiene'],
              ['semplice', 'Accesso semplice: il Comune non ha pubblicato ciò che doveva pubblicare in Amministrazione trasparente'],
            ],
            { widget: 'radio', default: 'generalizzato' },
          ),
          oggetto: area('Dati o documenti richiesti', 4000, {
            minLength: 10,
            rows: 6,
            help: "Descrivili nel modo più preciso possibile (tipo di atto, argomento, periodo, numero e data se li conosci): non serve spiegare perché li chiedi.",
          }),
          periodo: text('Periodo a cui si riferiscono (facoltativo)', 100, { placeholder: 'Anni 2024 e 2025' }),
          ufficio: choice('Ufficio che li detiene, se lo sai', [...comuneOffices(p), ['non-so', 'Non lo so']], {
            default: 'non-so',
          }),
          // the office writes to these addresses when it takes the request in charge (art. 5, c. 5: 10 days to oppose)
          emailControinteressati: list('Controinteressati (e-mail)', email('E-mail del controinteressato'), { maxItems: 10, uniqueItems: true }, {
            help: "Facoltativo: se sai che i dati riguardano altre persone o imprese, indica il loro indirizzo e-mail. Il Comune le avviserà della richiesta, come prevede la legge.",
          }),
        },
        required: ['tipo', 'oggetto'],
        when: [
          {
            field: 'tipo',
            is: 'semplice',
            fields: {
              sezione: text('Sezione di Amministrazione trasparente in cui dovrebbero essere pubblicati', 200, {
                minLength: 3,
                placeholder: 'Bandi di gara e contratti',
              }),
            },
            required: ['sezione'],
          },
        ],
      },
      {
        id: 'consegna',
        title: 'Come vuoi riceverli',
        description: 'La copia digitale è gratuita; per le copie su carta si rimborsano solo i costi di riproduzione.',
        fields: {
          formato: choice(
            'Modalità di consegna',
            [
              ['area-personale', 'Copia digitale nella mia area personale'],
              ['email', 'Copia digitale per e-mail'],
              ['carta-ritiro', 'Copia su carta, da ritirare in Comune'],
              ['carta-posta', 'Copia su carta, spedita per posta'],
              ['visione', 'Solo visione in ufficio'],
            ],
            { widget: 'radio', default: 'area-personale' },
          ),
          formatoAperto: flag('Se si tratta di dati, li preferisco in un formato aperto (ad esempio CSV o ODS)'),
        },
        required: ['formato'],
        when: [
          {
            field: 'formato',
            is: 'carta-posta',
            fields: { indirizzo: text('Indirizzo di spedizione', 300, { minLength: 10, placeholder: 'Via Roma 1, 24029 Castelrocca (BG)' }) },
            required: ['indirizzo'],
          },
        ],
      },
      {
        id: 'dichiarazioni',
        title: 'Dichiarazioni',
        fields: {
          controinteressati: accept(
            'So che, se la richiesta riguarda dati di altre persone, il Comune le avvisa e il termine di 30 giorni si sospende fino a 10 giorni',
          ),
          privacy: accept("Ho letto l'informativa sul trattamento dei dati personali (Regolamento UE 2016/679, art. 13)"),
        },
        required: ['controinteressati', 'privacy'],
      },
    ],
    prefill: applicantPrefill('richiedente'),
    attachments: [
      identityDocument({
        required: false,
        description: "Facoltativo: non serve se accedi con SPID o CIE; allegalo se presenti la richiesta per conto di un ente.",
      }),
    ],
    limits: { maxFiles: 2, maxTotalMb: 10 },
  });
}
