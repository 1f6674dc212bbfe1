import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import applicationEn from './application.en.json';
import applicationIt from './application.it.json';
import dashboardEn from './dashboard.en.json';
import dashboardIt from './dashboard.it.json';
import en from './en.json';
import formEditorEn from './formeditor.en.json';
import formEditorIt from './formeditor.it.json';
import it from './it.json';
import practicesEn from './practices.en.json';
import practicesIt from './practices.it.json';
import verifyEn from './verify.en.json';
import verifyIt from './verify.it.json';
import workspaceEn from './workspace.en.json';
import workspaceIt from './workspace.it.json';
import workflowEn from './workflow.en.json';
import workflowIt from './workflow.it.json';
import messagesEn from './messages.en.json';
import messagesIt from './messages.it.json';
import threadEn from './thread.en.json';
import threadIt from './thread.it.json';
import webhooksEn from './webhooks.en.json';
import webhooksIt from './webhooks.it.json';
import myspaceEn from './myspace.en.json';
import myspaceIt from './myspace.it.json';
import certificatesEn from './certificates.en.json';
import certificatesIt from './certificates.it.json';
import recommendationsEn from './recommendations.en.json';
import recommendationsIt from './recommendations.it.json';
import mydataEn from './mydata.en.json';
import mydataIt from './mydata.it.json';
import profilesEn from './profiles.en.json';
import profilesIt from './profiles.it.json';
import bookingEn from './booking.en.json';
import bookingIt from './booking.it.json';
import deskEn from './desk.en.json';
import deskIt from './desk.it.json';
import deskAdminEn from './deskadmin.en.json';
import deskAdminIt from './deskadmin.it.json';
import deskFiguresEn from './deskfigures.en.json';
import deskFiguresIt from './deskfigures.it.json';
// the back office's payments
import officePaymentsEn from './officepayments.en.json';
import officePaymentsIt from './officepayments.it.json';
// the citizen's payments
import paymentsEn from './payments.en.json';
import paymentsIt from './payments.it.json';

export const LANGUAGES = ['it', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'sportello.lang';

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(LANGUAGE_STORAGE_KEY);
    if (value === 'it' || value === 'en') return value;
  } catch {
    // storage may be unavailable (privacy mode): Italian first
  }
  return 'it';
}

function applyToDocument(lng: string) {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

void i18n.use(initReactI18next).init({
  // each capability keeps its strings in its own file, under its own top-level key
  resources: {
    it: { translation: { ...it, ...applicationIt, ...practicesIt, ...verifyIt, ...formEditorIt, ...workflowIt, ...workspaceIt, ...dashboardIt, ...messagesIt, ...threadIt, ...webhooksIt, ...myspaceIt, ...certificatesIt, ...recommendationsIt, ...mydataIt, ...profilesIt, ...bookingIt, ...deskIt, ...deskAdminIt, ...deskFiguresIt, ...officePaymentsIt, ...paymentsIt } },
    en: { translation: { ...en, ...applicationEn, ...practicesEn, ...verifyEn, ...formEditorEn, ...workflowEn, ...workspaceEn, ...dashboardEn, ...messagesEn, ...threadEn, ...webhooksEn, ...myspaceEn, ...certificatesEn, ...recommendationsEn, ...mydataEn, ...profilesEn, ...bookingEn, ...deskEn, ...deskAdminEn, ...deskFiguresEn, ...officePaymentsEn, ...paymentsEn } },
  },
  lng: typeof window === 'undefined' ? 'it' : storedLanguage(),
  fallbackLng: 'it',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
});

applyToDocument(i18n.language);
i18n.on('languageChanged', applyToDocument);

export function setLanguage(lng: Language) {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, lng);
  } catch {
    // ignore: the choice then lasts for this page only
  }
  void i18n.changeLanguage(lng);
}

export const currentLanguage = (): Language => (i18n.language === 'en' ? 'en' : 'it');

export default i18n;
