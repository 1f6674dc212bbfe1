import { Button } from 'design-react-kit';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage, type Language } from '../i18n';

const NAMES: Record<Language, string> = { it: 'Italiano', en: 'English' };

/** Two toggle buttons, each labelled in its own language; the choice is stored in localStorage. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="sp-lang-switch" role="group" aria-label={t('header.language')}>
      {LANGUAGES.map((lng) => {
        const active = i18n.language === lng;
        return (
          <Button key={lng} type="button" size="sm" lang={lng} className="sp-lang-button" active={active} aria-pressed={active} onClick={() => setLanguage(lng)}>
            {NAMES[lng]}
          </Button>
        );
      })}
    </div>
  );
}
