/**
 * Autolettura del contatore dell'acqua: where the comune runs the water service itself, the holder of a supply
 * sends the meter reading so that the next bill charges what was actually used instead of an estimate.
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
  IMAGES,
  integer,
  streetNumber,
  text,
} from './common.ts';

export function autoletturaForm(): ServiceForm {
  const applicant = applicantFields();
  return defineForm({
    steps: [
      {
        id: 'richiedente',
        title: 'Chi comunica la lettura',
        fields: {
          ...applicant.fields,
          qualita: choice(
            'Comunichi la lettura come',
            [
              ['intestatario', "Intestatario dell'utenza"],
              ['familiare', "Familiare o convivente dell'intestatario"],
              ['amministratore', 'Amministratore del condominio (contatore condominiale)'],
            ],
            { widget: 'radio' },
          ),
        },
        required: [...applicant.required, 'qualita'],
      },
      {
        id: 'utenza',
        title: 'Utenza e contatore',
        description: 'Trovi il codice utente e la matricola del contatore sulla bolletta.',
        fields: {
          codiceUtente: text('Codice utente', 8, {
            minLength: 8,
            pattern: '^[0-9]{8}$',
            placeholder: '00012345',
            help: 'Le 8 cifre scritte in alto a destra sulla bolletta.',
          }),
          via: text('Via o piazza della fornitura', 120, { minLength: 3 }),
          civico: streetNumber(),
          matricola: text('Matricola del contatore', 14, {
            minLength: 6,
            pattern: '^[A-Z0-9]{6,14}$',
            placeholder: 'MD18123456',
            help: 'Il numero inciso sul contatore, sopra o accanto alle cifre della lettura; lettere maiuscole e cifre.',
          }),
        },
        required: ['codiceUtente', 'via', 'civico', 'matricola'],
      },
      {
        id: 'lettura',
        title: 'Lettura',
        fields: {
          dataLettura: date('Data della lettura'),
          metriCubi: integer('Lettura (metri cubi)', 0, 999_999, {
            help: 'Solo le cifre nere su fondo bianco, senza quelle rosse dopo la virgola (sono litri).',
          }),
          note: area('Note (facoltative)', 500, {
            help: 'Ad esempio: contatore difficile da leggere, perdita dopo il contatore, contatore fermo.',
          }),
        },
        required: ['dataLettura', 'metriCubi'],
      },
      declarations(),
    ],
    prefill: applicantPrefill('richiedente'),
    attachments: [
      attachment('foto-contatore', 'Foto del contatore', {
        description: 'Facoltativa: una foto in cui si leggano bene le cifre e la matricola; ci aiuta se la lettura sembra anomala.',
        maxFiles: 2,
        maxSizeMb: 8,
        types: IMAGES,
      }),
    ],
    limits: { maxFiles: 2, maxTotalMb: 16 },
  });
}
