/**
 * A complete, valid application for each demo service with an online form, as a demo person would send it: the
 * prefilled fields carry what the body holds on that person (see demo-prefill.ts), the others plausible answers.
 * Tests and benchmarks create drafts from these; `requiredAttachments` lists the documents the answers make
 * necessary (one file each is enough).
 */
import { DEMO_COMPANIES, DEMO_REGISTRY } from '../people.ts';
import { CASTELROCCA, VALDORO, type ComuneProfile } from '../services-common.ts';
import type { ServiceForm } from '../../../../../contracts/forms.ts';
import { findTestIdentity } from '../../../../modules/identity/test-idp/identities.ts';
import { accessoCivicoForm } from './accesso-civico.ts';
import { autoletturaForm } from './autolettura-acquedotto.ts';
import { residenceForm } from './cambio-residenza.ts';
import { demoPrefillValues, requiredAttachmentIds, withPrefill, type DemoSubject } from './demo-prefill.ts';
import { idoneitaAlloggiativaForm } from './idoneita-alloggiativa.ts';
import { nidoForm } from './iscrizione-nido.ts';
import { pannoliniLavabiliForm } from './pannolini-lavabili.ts';
import { rimborsoTributiForm } from './rimborso-tributi.ts';
import { sciaEdiliziaForm } from './scia-edilizia.ts';

/** Slugs of the demo services that have an online form. */
export const FORM_SERVICE_SLUGS = {
  iscrizioneResidenza: 'iscrizione-anagrafica-trasferimento-residenza',
  cambioAbitazione: 'cambio-abitazione-stesso-comune',
  nido: 'iscrizione-asilo-nido',
  idoneitaAlloggiativa: 'certificato-idoneita-alloggiativa',
  pannoliniLavabili: 'contributo-pannolini-lavabili',
  autolettura: 'autolettura-contatore-acqua',
  rimborsoTributi: 'rimborso-tributi-comunali',
  accessoCivico: 'accesso-civico',
  sciaEdilizia: 'scia-edilizia',
} as const;

export interface DemoFormSample {
  tenantSlug: string;
  serviceSlug: string;
  /** the test identity (modules/identity/test-idp/identities.ts) who files it */
  identityId: string;
  /** whom it is for, when not the identity: a minor of their family, or a client who gave a delegation */
  subject?: DemoSubject;
  /** the whole answer document, valid against the form's schema */
  answers: Record<string, unknown>;
  /** ids of the attachment requirements these answers make necessary */
  requiredAttachments: string[];
}

/** An Italian IBAN with correct CIN and check digits, from ABI, CAB and account number. */
export function italianIban(abi: string, cab: string, account: string): string {
  const bban = abi + cab + account.padStart(12, '0');
  const odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  let sum = 0;
  [...bban].forEach((ch, i) => {
    const n = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? odd[n] : n;
  });
  const cin = String.fromCharCode(65 + (sum % 26));
  const digits = [...`${cin}${bban}IT00`].map((ch) => (/[0-9]/.test(ch) ? ch : String(ch.charCodeAt(0) - 55))).join('');
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return `IT${String(98 - rest).padStart(2, '0')}${cin}${bban}`;
}

const DECLARED = { veridicita: true, privacy: true };

/** The fiscal code of a person in a demo registry, by name. */
function resident(tenantSlug: string, givenName: string, familyName: string): string {
  const person = DEMO_REGISTRY.find((r) => r.tenantSlug === tenantSlug)?.people.find(
    (x) => x.givenName === givenName && x.familyName === familyName,
  );
  if (!person) throw new Error(`Persona non presente nell'anagrafe di prova: ${givenName} ${familyName}`);
  return person.fiscalCode;
}

function identity(id: string) {
  const found = findTestIdentity(id);
  if (!found) throw new Error(`Identità di prova sconosciuta: ${id}`);
  return found;
}

function sample(
  p: ComuneProfile,
  serviceSlug: string,
  form: ServiceForm,
  identityId: string,
  answers: Record<string, unknown>,
  subject?: DemoSubject,
): DemoFormSample {
  const prefilled = withPrefill(form, demoPrefillValues(p.tenantSlug, identityId, subject), answers);
  // steps in the form's order, for whoever reads the sample
  const filled = Object.fromEntries(form.steps.filter((st) => st.id in prefilled).map((st) => [st.id, prefilled[st.id]]));
  return {
    tenantSlug: p.tenantSlug,
    serviceSlug,
    identityId,
    ...(subject ? { subject } : {}),
    answers: filled,
    requiredAttachments: requiredAttachmentIds(form, filled),
  };
}

const S = FORM_SERVICE_SLUGS;

function buildSamples(): DemoFormSample[] {
  const aurora: DemoSubject = { kind: 'minor', fiscalCode: resident(VALDORO.tenantSlug, 'Aurora', 'Villa') };
  const bonetti = identity('giuseppe-bonetti');
  const galliCostruzioni = DEMO_COMPANIES.find((c) => c.name.startsWith('Galli Costruzioni'))!;

  return [
    // Giulia Ferrari and her family move to a flat they rent, within Castelrocca
    sample(CASTELROCCA, S.cambioAbitazione, residenceForm(CASTELROCCA, 'cambio-abitazione'), 'giulia-ferrari', {
      nuovaAbitazione: { via: 'Via dei Tigli', civico: '15', scala: 'B', piano: '2', interno: '6', cap: '24029', altriOccupanti: 'no' },
      titoloOccupazione: {
        titolo: 'locazione',
        registrazione: { ufficio: 'Bergamo', data: '2026-10-28', numero: 'TNM26T004512000KD' },
      },
      nucleo: { chiSiTrasferisce: 'tutti', altrePersone: [] },
      veicoli: { patente: 'U1B456789K', targhe: ['GF482KD'] },
      dichiarazioni: DECLARED,
    }),

    // Luca Moretti, an architect living in Brescia, moves to Castelrocca into a flat he bought
    sample(CASTELROCCA, S.iscrizioneResidenza, residenceForm(CASTELROCCA, 'iscrizione'), 'luca-moretti', {
      provenienza: { da: 'altro-comune', cittadinanza: 'italiana', comune: 'Brescia', provincia: 'BS' },
      nuovaAbitazione: { via: 'Piazza del Municipio', civico: '7', piano: '3', cap: '24029', altriOccupanti: 'no' },
      titoloOccupazione: { titolo: 'proprieta', catasto: { foglio: '12', particella: '348', subalterno: '9' } },
      nucleo: { persone: [] },
      veicoli: { targhe: [] },
      dichiarazioni: DECLARED,
    }),

    // Sara Villa, a single parent, applies for a place at the nido for her daughter Aurora
    sample(
      VALDORO,
      S.nido,
      nidoForm(VALDORO),
      'sara-villa',
      {
        bambino: { vaccinazioni: 'in-regola' },
        richiedente: { ruolo: 'madre' },
        altroGenitore: { situazione: 'assente' },
        frequenza: { primaScelta: 'girotondo', secondaScelta: 'piccole-orme', orario: 'tempo-pieno', inserimento: 'settembre' },
        isee: { presentaIsee: 'si', valore: 14820.5, protocollo: 'INPS-ISEE-2026-04518823A-00' },
        priorita: {
          disabilita: false,
          serviziSociali: false,
          lavoro: 'entrambi',
          dettaglioLavoro: 'Madre (nucleo monoparentale): impiegata a tempo pieno presso lo Studio associato Rota di Valdoro, 38 ore settimanali.',
          fratelli: false,
          altriFigli: 0,
        },
        dichiarazioni: { regolamento: true, ...DECLARED },
      },
      aurora,
    ),

    // Amina El Idrissi needs the certificate to bring her mother from Morocco
    sample(VALDORO, S.idoneitaAlloggiativa, idoneitaAlloggiativaForm(VALDORO), 'amina-el-idrissi', {
      richiedente: { qualita: 'conduttore' },
      motivo: {
        scopo: 'ricongiungimento-familiare',
        familiari: [{ nome: 'Fatima', cognome: 'Zahraoui', dataNascita: '1962-03-08', cittadinanza: 'marocchina', rapporto: 'genitore' }],
      },
      alloggio: {
        via: 'Via dei Campi',
        civico: '9',
        piano: '1',
        interno: '3',
        cap: '24017',
        foglio: '7',
        particella: '412',
        subalterno: '5',
        categoria: 'A/3',
        superficie: 78.5,
        camere: 2,
        altriVani: 1,
        bagni: 1,
        cucina: 'cucina',
        riscaldamento: true,
        occupantiAttuali: 3,
        occupantiPrevisti: 4,
      },
      dichiarazioni: DECLARED,
    }),

    // Sara Villa bought a kit of washable nappies for Aurora in February 2026
    sample(
      VALDORO,
      S.pannoliniLavabili,
      pannoliniLavabiliForm(),
      'sara-villa',
      {
        richiedente: { ruolo: 'genitore' },
        acquisto: {
          dataAcquisto: '2026-02-14',
          tipo: 'kit',
          pezzi: 20,
          venditore: 'Bottega Bimbi Naturali, Valdoro',
          numeroDocumento: '2026/0142',
          importo: 186.4,
        },
        pagamento: { iban: italianIban('05034', '53410', '4521'), intestatario: 'Sara Villa' },
        dichiarazioni: { nessunAltroContributo: true, utilizzo: true, ...DECLARED },
      },
      aurora,
    ),

    // Paolo Rinaldi reads his water meter
    sample(VALDORO, S.autolettura, autoletturaForm(), 'paolo-rinaldi', {
      richiedente: { qualita: 'intestatario' },
      utenza: { codiceUtente: '00031877', via: 'Via Giuseppe Verdi', civico: '3', matricola: 'MD19004521' },
      lettura: { dataLettura: '2026-11-20', metriCubi: 1487 },
      dichiarazioni: DECLARED,
    }),

    // Giulia Ferrari paid the 2025 TARI twice
    sample(CASTELROCCA, S.rimborsoTributi, rimborsoTributiForm(), 'giulia-ferrari', {
      richiedente: { qualita: 'contribuente' },
      tributo: {
        tributo: 'TARI',
        annualita: [{ anno: 2025, versato: 612, dovuto: 306 }],
        importoRichiesto: 306,
        immobile: 'Via Giuseppe Garibaldi 28, utenza domestica',
        motivo: 'doppio-versamento',
        spiegazione:
          "Il 16 ottobre 2025 ho pagato la seconda rata TARI con l'avviso pagoPA e il 20 ottobre, per errore, di nuovo con F24 (codice tributo 3944).",
      },
      modalita: { modalita: 'accredito', iban: italianIban('03069', '11166', '100000012345'), intestatario: 'Giulia Ferrari' },
      dichiarazioni: DECLARED,
    }),

    // Giulia Ferrari asks for the air-quality measurements near her children's school
    sample(CASTELROCCA, S.accessoCivico, accessoCivicoForm(CASTELROCCA), 'giulia-ferrari', {
      richiedente: { perConto: 'proprio' },
      richiesta: {
        tipo: 'generalizzato',
        oggetto:
          "Le misure della qualità dell'aria e del rumore fatte nel 2025 vicino alla scuola primaria di Via dei Tigli, con i verbali dei sopralluoghi e le eventuali relazioni dell'ARPA trasmesse al Comune.",
        periodo: 'Anno 2025',
        ufficio: 'edilizia',
        emailControinteressati: ['segreteria@scuola-via-dei-tigli.example'],
      },
      consegna: { formato: 'area-personale', formatoAperto: true },
      dichiarazioni: { controinteressati: true, privacy: true },
    }),

    // Luca Moretti, architect, files a SCIA for Giuseppe Bonetti, who gave him a delegation
    sample(
      CASTELROCCA,
      S.sciaEdilizia,
      sciaEdiliziaForm(),
      'luca-moretti',
      {
        tecnico: {
          pec: 'luca.moretti@pec.example.org',
          albo: 'architetti',
          provinciaAlbo: 'BS',
          numeroIscrizione: '2841',
          studio: 'Via Trieste 17, 25121 Brescia (BS)',
        },
        committente: { titolo: 'proprietario', recapito: 'giuseppe.bonetti@example.org' },
        immobile: {
          via: 'Via Papa Giovanni XXIII',
          civico: '40',
          foglio: '9',
          particella: '233',
          subalterno: '2',
          destinazione: 'residenziale',
          vincoloPaesaggistico: false,
          beneCulturale: false,
        },
        intervento: {
          tipo: 'manutenzione-straordinaria-strutturale',
          descrizione:
            'Rifacimento del solaio in legno del sottotetto con soletta collaborante in calcestruzzo alleggerito e apertura di una nuova finestra sul prospetto nord.',
          dataInizio: '2027-01-11',
          durataGiorni: 120,
          strutturale: true,
          esecuzione: 'impresa',
          impresa: galliCostruzioni.name,
          partitaIvaImpresa: galliCostruzioni.fiscalCode,
        },
        dichiarazioni: { asseverazione: true, procura: true, ...DECLARED },
      },
      { kind: 'delegation', fiscalCode: bonetti.fiscalCode, givenName: bonetti.givenName, familyName: bonetti.familyName },
    ),
  ];
}

/** One valid application per demo service with a form (two for the residence, one per variant). */
export const DEMO_FORM_SAMPLES: DemoFormSample[] = buildSamples();
