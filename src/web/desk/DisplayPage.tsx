/**
 * /sportello/display/:officeId: the waiting room's screen (public, no sign-in). The number just called and its
 * counter in very large type, the last calls, and how many wait per category, live from the office's event
 * stream. A new call or a recall flashes, chimes (once audio is switched on) and is read out to screen readers.
 * When the stream drops, the last state stays on screen with a small "Riconnessione…" badge until it is back.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { callKey, newCalls } from './floorLogic';
import { audioRunning, audioSupported, audioWanted, playChime, rememberAudio, unlockAudio } from './chime';
import { Clock, FloorFrame, FloorRecovery, useFloorTitle } from './floor';
import { useDisplayStream } from './useDisplayStream';

const FLASH_MS = 8_000;
const SHOWN_CALLS = 6;


function DisplayPageContent() {
  const { officeId } = useParams();
  const { t } = useTranslation();
  const [flashKey, setFlashKey] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  /** the calls already shown (null until the first state: what was called before loading is not announced) */
  const seen = useRef<Set<string> | null>(null);
  const flashTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  const { state, status } = useDisplayStream(officeId, (next) => {
    const { fresh, topIsNew } = newCalls(seen.current, next.calls);
    seen.current = new Set(next.calls.map(callKey));
    // two counters may call in the same second: every new call is read out, oldest first; one chime, the newest flashes
    if (fresh.length === 0) return;
    if (topIsNew) {
      setFlashKey(callKey(next.calls[0]));
      clearTimeout(flashTimer.current);
      flashTimer.current = setTimeout(() => setFlashKey(null), FLASH_MS);
    }
    playChime();
    setAnnouncement(fresh.map((c) => t(c.recall ? 'desk.display.announceRecall' : 'desk.display.announce', { label: spell(c.label), counter: c.counterName })).join('. '));
  });
  useEffect(() => () => clearTimeout(flashTimer.current), []);
  useFloorTitle(state ? t('desk.display.titleOf', { office: state.officeName }) : t('desk.display.title'));

  const current = state?.calls[0];
  const previous = state?.calls.slice(1, SHOWN_CALLS + 1) ?? [];
  const flashing = current && flashKey === callKey(current);

  return (
    <FloorFrame kind="display">
      <header className="sp-display-top">
        <h1 className="sp-display-office">{state?.officeName ?? t('desk.display.title')}</h1>
        {status === 'reconnecting' && state && (
          <p className="sp-floor-badge sp-display-badge" role="status">
            {t('desk.floor.reconnecting')}
          </p>
        )}
        <AudioSwitch />
        <Clock className="sp-display-clock" />
      </header>
      {/* read out once per call; the big numbers themselves are not a live region (they would be read twice) */}
      <p className="visually-hidden" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
      {status === 'missing' ? (
        <p className="sp-display-waiting">{t('desk.display.missing')}</p>
      ) : !state ? (
        <p className="sp-display-waiting" role="status">
          {status === 'reconnecting' ? t('desk.floor.reconnecting') : t('common.loading')}
        </p>
      ) : (
        <div className="sp-display-grid">
          <section className={`sp-display-current${flashing ? ' sp-display-flash' : ''}`} aria-labelledby="display-current-heading">
            <h2 id="display-current-heading" className="sp-display-caption">
              {current?.recall ? t('desk.display.recalled') : t('desk.display.nowCalling')}
            </h2>
            {current ? (
              <p className="sp-display-call" data-testid="display-current">
                <span className="sp-display-label">{current.label}</span>
                <span className="sp-display-where">
                  <span className="sp-display-arrow" aria-hidden="true">
                    →
                  </span>
                  <span className="visually-hidden"> {t('desk.display.at')} </span>
                  <span className="sp-display-counter">{current.counterName}</span>
                </span>
              </p>
            ) : (
              <p className="sp-display-none">{t('desk.display.noCalls')}</p>
            )}
          </section>
          <section className="sp-display-history" aria-labelledby="display-history-heading">
            <h2 id="display-history-heading" className="sp-display-caption">
              {t('desk.display.lastCalls')}
            </h2>
            {previous.length === 0 ? (
              <p className="sp-display-empty">—</p>
            ) : (
              <ol className="sp-display-calls" data-testid="display-history">
                {previous.map((c) => (
                  <li key={callKey(c)}>
                    <span className="sp-display-calls-label">{c.label}</span>
                    <span className="sp-display-calls-counter">
                      <span className="visually-hidden">{t('desk.display.at')} </span>
                      {c.counterName}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="sp-display-queues" aria-labelledby="display-queues-heading">
            <h2 id="display-queues-heading" className="sp-display-caption">
              {t('desk.display.waiting')}
            </h2>
            <ul className="sp-display-queue-list">
              {state.queues.map((q) => (
                <li key={q.categoryId}>
                  <span className="sp-display-queue-letter" aria-hidden="true">
                    {q.prefix}
                  </span>
                  <span className="sp-display-queue-name">{q.name}</span>
                  <span className="sp-display-queue-count">
                    <span className="visually-hidden">{t('desk.display.waitingCount', { count: q.waiting })}</span>
                    <span aria-hidden="true">{q.waiting}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
    </FloorFrame>
  );
}

/** "A012" read as "A 0 1 2" rather than "A twelve" by speech synthesis. */
const spell = (label: string) => label.split('').join(' ');

/** Sound on/off. Browsers play nothing until someone touches the page, so the remembered "on" waits for a touch. */
function AudioSwitch() {
  const { t } = useTranslation();
  const [on, setOn] = useState(false);
  const [wanted, setWanted] = useState(audioWanted);

  useEffect(() => {
    if (!wanted) return;
    let stopped = false;
    void unlockAudio().then((running) => !stopped && setOn(running));
    // the choice was made before: the first touch or key anywhere wakes the sound
    const wake = () => void unlockAudio().then((running) => !stopped && setOn(running));
    window.addEventListener('pointerdown', wake, { once: true });
    window.addEventListener('keydown', wake, { once: true });
    return () => {
      stopped = true;
      window.removeEventListener('pointerdown', wake);
      window.removeEventListener('keydown', wake);
    };
  }, [wanted]);

  if (!audioSupported()) return null;
  const toggle = async () => {
    if (on) {
      rememberAudio(false);
      setWanted(false);
      setOn(false);
      return;
    }
    const running = await unlockAudio();
    rememberAudio(true);
    setWanted(true);
    setOn(running);
    if (running) playChime();
  };
  const active = on && audioRunning();
  return (
    <button type="button" className="sp-display-audio" aria-pressed={active} onClick={() => void toggle()}>
      {active ? t('desk.display.audioOn') : t('desk.display.audioOff')}
    </button>
  );
}

export default function DisplayPage() {
  return (
    <FloorRecovery>
      <DisplayPageContent />
    </FloorRecovery>
  );
}
