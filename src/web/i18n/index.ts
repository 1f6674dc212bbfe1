import i18n, { type BackendModule } from 'i18next';
import { initReactI18next } from 'react-i18next';
import applicationIt from './application.it.json';
import it from './it.json';
import practicesIt from './practices.it.json';
import verifyIt from './verify.it.json';
import workflowIt from './workflow.it.json';
import messagesIt from './messages.it.json';
import threadIt from './thread.it.json';
import myspaceIt from './myspace.it.json';
import certificatesIt from './certificates.it.json';
import recommendationsIt from './recommendations.it.json';
import mydataIt from './mydata.it.json';
import profilesIt from './profiles.it.json';
import bookingIt from './booking.it.json';
import deskIt from './desk.it.json';
// the citizen's payments
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

/**
 * Italian is bundled (it is the fallback for every key, and what most visitors read); English is fetched when it is
 * chosen. As a backend, every way of switching (the header's switch, the kiosk's buttons) waits for the strings:
 * i18next announces the new language only once they are loaded.
 */
const lazyLanguages: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (language !== 'en') return callback(null, {});
    import('./en').then(
      (strings) => callback(null, strings.default),
      (error: Error) => callback(error, null),
    );
  },
};

/** Resolves once the starting language's strings are in: main.tsx renders after it, so nothing flashes in Italian. */
export const i18nReady = i18n.use(lazyLanguages).use(initReactI18next).init({
  // each capability keeps its strings in its own file, under its own top-level key; the back office's own are added
  // when it loads (./backoffice.ts)
  resources: {
    it: { translation: { ...it, ...applicationIt, ...practicesIt, ...verifyIt, ...workflowIt, ...messagesIt, ...threadIt, ...myspaceIt, ...certificatesIt, ...recommendationsIt, ...mydataIt, ...profilesIt, ...bookingIt, ...deskIt, ...paymentsIt } },
  },
  lng: typeof window === 'undefined' ? 'it' : storedLanguage(),
  fallbackLng: 'it',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
  // the bundled Italian is used as is; only languages without resources go through the backend
  partialBundledLanguages: true,
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
