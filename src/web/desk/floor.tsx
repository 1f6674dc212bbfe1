/**
 * What the floor pages share: the full-screen frame (no portal header: these screens stand in the waiting room),
 * the clock, the message of a device that is not paired, and a big language switch that does not stick (the next
 * visitor starts in Italian again).
 */
import { Component, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import i18n from '../i18n';
import { clockTime } from '../ui/romeTime';
import './desk.css';

export function useNow(everyMs = 10_000) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "10:42", in Rome's time whatever the device's zone. */
export function Clock({ className }: { className?: string }) {
  const now = useNow();
  const { i18n: i } = useTranslation();
  const text = clockTime(now, i.language);
  return (
    <time className={className} dateTime={now.toISOString()}>
      {text}
    </time>
  );
}

export function useFloorTitle(title: string) {
  useEffect(() => {
    document.title = `${title} — Sportello`;
  }, [title]);
}

/**
 * Nobody stands by a kiosk or a display to reload it: if a page breaks, it says "one moment" and loads itself
 * again after a few seconds (the key and the choices are in localStorage, so it comes back as it was).
 */
export class FloorRecovery extends Component<{ children: ReactNode }, { broken: boolean }> {
  state = { broken: false };
  private timer: ReturnType<typeof setTimeout> | undefined;

  static getDerivedStateFromError() {
    return { broken: true };
  }

  componentDidCatch() {
    this.timer = setTimeout(() => window.location.reload(), 10_000);
  }

  componentWillUnmount() {
    clearTimeout(this.timer);
  }

  render() {
    if (!this.state.broken) return this.props.children;
    return (
      <main className="sp-floor sp-floor-pair">
        <div className="sp-floor-message" role="status">
          <h1>{i18n.t('desk.kiosk.issuing')}</h1>
        </div>
      </main>
    );
  }
}

/** The frame of a floor page: one main landmark, full screen, with its own colour scheme. */
export function FloorFrame({ kind, children, lang }: { kind: 'kiosk' | 'display' | 'rating' | 'pair'; children: ReactNode; lang?: string }) {
  useEffect(() => {
    document.body.classList.add('sp-floor-body');
    return () => document.body.classList.remove('sp-floor-body');
  }, []);
  return (
    <main id="main-content" className={`sp-floor sp-floor-${kind}`} lang={lang}>
      {children}
    </main>
  );
}

/** Italian / English for the person in front of the kiosk; not stored, and reset to Italian at the next visitor. */
export function FloorLanguageSwitch() {
  const { t, i18n: i } = useTranslation();
  const options = [
    { lng: 'it', label: 'Italiano' },
    { lng: 'en', label: 'English' },
  ];
  return (
    <div className="sp-floor-lang" role="group" aria-label={t('desk.floor.language')}>
      {options.map((o) => (
        <button key={o.lng} type="button" lang={o.lng} className="sp-floor-lang-button" aria-pressed={i.language === o.lng} onClick={() => void i18n.changeLanguage(o.lng)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** What a kiosk or tablet shows without a valid key. */
export function NotPaired() {
  const { t } = useTranslation();
  useFloorTitle(t('desk.pair.notPairedTitle'));
  return (
    <FloorFrame kind="pair">
      <div className="sp-floor-message">
        <h1>{t('desk.pair.notPairedTitle')}</h1>
        <p>{t('desk.pair.notPairedBody')}</p>
      </div>
    </FloorFrame>
  );
}

export function FloorLoading() {
  const { t } = useTranslation();
  return (
    <FloorFrame kind="pair">
      <div className="sp-floor-message" role="status">
        <p>{t('common.loading')}</p>
      </div>
    </FloorFrame>
  );
}

/** Minutes as people say them: "circa 12 minuti", "meno di un minuto", or nothing when not known. */
export function useWaitText() {
  const { t } = useTranslation();
  return (minutes: number | null | undefined): string =>
    minutes === null || minutes === undefined ? t('desk.wait.unknown') : minutes < 1 ? t('desk.wait.lessThanOne') : t('desk.wait.minutes', { count: Math.round(minutes) });
}
