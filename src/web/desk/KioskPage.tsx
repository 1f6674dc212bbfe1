/**
 * /sportello/totem: the touch screen at the entrance. One big button per category (letter, name, people waiting,
 * estimated wait); a tap issues a ticket and shows its number, which can be printed on the 80 mm receipt printer.
 * "Ho un appuntamento" checks in with the booking's code (a QR reader types it and presses Enter).
 * Nobody is there to press "retry": every screen goes back to the start by itself, and network failures are
 * retried with the same idempotency key (the same ticket, never two).
 */
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { QueueState, Ticket } from '../../contracts/desk';
import { isApiError } from '../api/client';
import { deskApi, deskKeys, newIdempotencyKey } from '../api/desk';
import i18n from '../i18n';
import { Clock, FloorFrame, FloorLanguageSwitch, FloorLoading, FloorRecovery, NotPaired, useFloorTitle, useWaitText } from './floor';
import { shortDateTime } from '../ui/romeTime';
import { pageOfKind } from './PairPage';
import { ScanBuffer } from './floorLogic';
import { isNetworkFailure, retryDelay, useDevice } from './useDevice';

const TICKET_SCREEN_SECONDS = 15;
const MESSAGE_SCREEN_SECONDS = 12;
const IDLE_FORM_SECONDS = 60;
/** attempts at a ticket while the network is down, before saying so (about 30 s in all) */
const ISSUE_ATTEMPTS = 5;

type Screen =
  | { name: 'start' }
  | { name: 'issuing' }
  | { name: 'ticket'; ticket: Ticket }
  | { name: 'appointment' }
  | { name: 'message'; title: string; body: string; retryCode?: boolean };

/** The server's own words for a refusal (Italian first; the English follows in brackets), or a fallback. */
const problemText = (error: unknown, fallback: string) => (isApiError(error) && (error.problem?.detail || error.problem?.title)) || fallback;

/** Runs a POST until it gets an answer that is not a network failure; the caller passes the same idempotency key. */
async function withRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isNetworkFailure(error) || i >= ISSUE_ATTEMPTS - 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryDelay(i)));
    }
  }
}

function KioskPageContent() {
  const device = useDevice();
  if (device.unpaired) return <NotPaired />;
  if (!device.me) return <FloorLoading />;
  if (device.me.device.kind !== 'kiosk') return <Navigate to={pageOfKind(device.me.device.kind)} replace />;
  return <Kiosk deviceKey={device.key!} officeId={device.me.device.officeId} officeName={device.me.officeName} />;
}

function Kiosk({ deviceKey, officeId, officeName }: { deviceKey: string; officeId: string; officeName: string }) {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ name: 'start' });
  useFloorTitle(t('desk.kiosk.title'));
  const queues = useQuery({
    queryKey: deskKeys.queues(officeId),
    queryFn: ({ signal }) => deskApi.queues(officeId, signal),
    refetchInterval: 10_000,
    refetchOnWindowFocus: true,
    retry: true,
    retryDelay,
    staleTime: 5_000,
  });

  const backToStart = useCallback(() => {
    setScreen({ name: 'start' });
    // the next visitor starts in Italian
    if (i18n.language !== 'it') void i18n.changeLanguage('it');
    void queues.refetch();
  }, [queues]);

  const take = async (queue: QueueState) => {
    setScreen({ name: 'issuing' });
    const key = newIdempotencyKey();
    try {
      const ticket = await withRetries(() => deskApi.takeTicket(deviceKey, officeId, queue.categoryId, key));
      setScreen({ name: 'ticket', ticket });
    } catch (error) {
      setScreen({
        name: 'message',
        title: t('desk.kiosk.failedTitle'),
        body: isNetworkFailure(error) ? t('desk.kiosk.unreachable') : problemText(error, t('desk.kiosk.failedBody')),
      });
    }
  };

  const checkIn = async (code: string) => {
    setScreen({ name: 'issuing' });
    const key = newIdempotencyKey();
    try {
      const ticket = await withRetries(() => deskApi.checkIn(deviceKey, code, key));
      setScreen({ name: 'ticket', ticket });
    } catch (error) {
      setScreen({
        name: 'message',
        title: t('desk.kiosk.checkInFailedTitle'),
        body: isNetworkFailure(error) ? t('desk.kiosk.unreachable') : problemText(error, t('desk.kiosk.checkInFailedBody')),
        // a wrong, late or other day's code: type it again, or take a number like everyone else
        retryCode: !isNetworkFailure(error),
      });
    }
  };

  useScannedCode(screen.name === 'start', (code) => void checkIn(code));

  return (
    <FloorFrame kind="kiosk">
      <header className="sp-kiosk-top">
        <p className="sp-kiosk-office">{officeName}</p>
        <Clock className="sp-kiosk-clock" />
        <FloorLanguageSwitch />
      </header>
      {screen.name === 'start' && (
        <StartScreen queues={queues.data?.items} stale={queues.isError} onTake={(q) => void take(q)} onAppointment={() => setScreen({ name: 'appointment' })} />
      )}
      {screen.name === 'issuing' && (
        <div className="sp-kiosk-center" role="status">
          <h1 className="sp-kiosk-title">{t('desk.kiosk.issuing')}</h1>
        </div>
      )}
      {screen.name === 'ticket' && <TicketScreen ticket={screen.ticket} officeName={officeName} onDone={backToStart} />}
      {screen.name === 'appointment' && <AppointmentScreen onSubmit={(code) => void checkIn(code)} onCancel={backToStart} />}
      {screen.name === 'message' && (
        <MessageScreen
          title={screen.title}
          body={screen.body}
          onDone={backToStart}
          onRetryCode={screen.retryCode ? () => setScreen({ name: 'appointment' }) : undefined}
        />
      )}
    </FloorFrame>
  );
}

/**
 * A booking's QR code shown to the reader while the start screen is up: the reader types the code quickly and
 * presses Enter, so the person need not tap "Ho un appuntamento" first. Keys typed at a person's pace are ignored,
 * and Enter after a scanned code does not also press the button that has the focus.
 */
function useScannedCode(active: boolean, onCode: (code: string) => void) {
  const handler = useRef(onCode);
  handler.current = onCode;
  useEffect(() => {
    if (!active) return;
    const buffer = new ScanBuffer();
    const keydown = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey) return;
      const code = buffer.key(e.key, Date.now());
      if (code) {
        e.preventDefault();
        handler.current(code);
      }
    };
    window.addEventListener('keydown', keydown, true);
    return () => window.removeEventListener('keydown', keydown, true);
  }, [active]);
}

function StartScreen({ queues, stale, onTake, onAppointment }: { queues: QueueState[] | undefined; stale: boolean; onTake: (q: QueueState) => void; onAppointment: () => void }) {
  const { t } = useTranslation();
  const waitText = useWaitText();
  return (
    <div className="sp-kiosk-start">
      <h1 className="sp-kiosk-title">{t('desk.kiosk.choose')}</h1>
      {stale && (
        <p className="sp-floor-badge" role="status">
          {t('desk.floor.reconnecting')}
        </p>
      )}
      {!queues ? (
        <p role="status">{t('common.loading')}</p>
      ) : queues.length === 0 ? (
        <p>{t('desk.kiosk.noCategories')}</p>
      ) : (
        <ul className="sp-kiosk-categories">
          {queues.map((q) => (
            <li key={q.categoryId}>
              <button type="button" className="sp-kiosk-category" onClick={() => onTake(q)}>
                <span className="sp-kiosk-letter" aria-hidden="true">
                  {q.prefix}
                </span>
                <span className="sp-kiosk-category-text">
                  <span className="sp-kiosk-category-name">{q.name}</span>
                  <span className="sp-kiosk-category-info">
                    {t('desk.kiosk.waiting', { count: q.waiting })} · {t('desk.kiosk.estimated', { wait: waitText(q.estimatedWaitMinutes) })}
                  </span>
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="sp-kiosk-appointment" onClick={onAppointment}>
        {t('desk.kiosk.haveAppointment')}
      </button>
    </div>
  );
}

/** Counts down and calls `onDone` at zero; any touch of the screen ends it at once. */
function useAutoReturn(seconds: number, onDone: () => void, resetKey?: unknown) {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  done.current = onDone;
  useEffect(() => {
    setLeft(seconds);
    const started = Date.now();
    const timer = setInterval(() => {
      const remaining = seconds - Math.floor((Date.now() - started) / 1000);
      setLeft(Math.max(0, remaining));
      if (remaining <= 0) {
        clearInterval(timer);
        done.current();
      }
    }, 250);
    return () => clearInterval(timer);
  }, [seconds, resetKey]);
  return left;
}

function TicketScreen({ ticket, officeName, onDone }: { ticket: Ticket; officeName: string; onDone: () => void }) {
  const { t, i18n: i } = useTranslation();
  const waitText = useWaitText();
  const left = useAutoReturn(TICKET_SCREEN_SECONDS, onDone);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const issued = shortDateTime(ticket.issuedAt, i.language);
  const ahead = ticket.waitingBefore;
  return (
    <div className="sp-kiosk-ticket" onClick={onDone}>
      <div className="sp-kiosk-ticket-card">
        <h1 className="sp-kiosk-ticket-heading" ref={heading} tabIndex={-1}>
          {ticket.appointment ? t('desk.kiosk.yourPriorityNumber') : t('desk.kiosk.yourNumber')}
        </h1>
        <p className="sp-kiosk-number" data-testid="kiosk-number">
          {ticket.label}
        </p>
        <p className="sp-kiosk-ticket-category">{ticket.categoryName}</p>
        <dl className="sp-kiosk-facts">
          {ahead !== undefined && (
            <div>
              <dt>{t('desk.kiosk.ahead')}</dt>
              <dd>{ahead}</dd>
            </div>
          )}
          <div>
            <dt>{t('desk.kiosk.estimatedWait')}</dt>
            <dd>{waitText(ticket.estimatedWaitMinutes)}</dd>
          </div>
        </dl>
        {ticket.appointment && <p className="sp-kiosk-note">{t('desk.kiosk.appointmentNote')}</p>}
        <div className="sp-kiosk-actions">
          <button
            type="button"
            className="sp-kiosk-button sp-kiosk-button-secondary"
            onClick={(e) => {
              e.stopPropagation();
              window.print();
            }}
          >
            {t('desk.kiosk.print')}
          </button>
          <button
            type="button"
            className="sp-kiosk-button"
            onClick={(e) => {
              // the card's own tap does the same: once is enough
              e.stopPropagation();
              onDone();
            }}
          >
            {t('desk.kiosk.done')}
          </button>
        </div>
        <p className="sp-kiosk-countdown">{t('desk.kiosk.backIn', { count: left })}</p>
      </div>
      {/* printed on the 80 mm receipt (see the print rules in desk.css); hidden on screen */}
      <div className="sp-receipt" aria-hidden="true">
        <p className="sp-receipt-office">{officeName}</p>
        <p className="sp-receipt-number">{ticket.label}</p>
        <p className="sp-receipt-category">{ticket.categoryName}</p>
        {ahead !== undefined && <p>{t('desk.kiosk.ahead')}: {ahead}</p>}
        <p>{t('desk.kiosk.estimatedWait')}: {waitText(ticket.estimatedWaitMinutes)}</p>
        <p className="sp-receipt-time">{issued}</p>
        <p className="sp-receipt-footer">{t('desk.kiosk.receiptFooter')}</p>
      </div>
    </div>
  );
}

const CODE_KEYS = '1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

function AppointmentScreen({ onSubmit, onCancel }: { onSubmit: (code: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // a person who walks away leaves the kiosk ready for the next one
  useAutoReturn(IDLE_FORM_SECONDS, onCancel, code);
  useEffect(() => input.current?.focus(), []);

  const clean = (value: string) => value.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const value = clean(code);
    if (value.length < 6) {
      setError(t('desk.kiosk.codeTooShort'));
      input.current?.focus();
      return;
    }
    onSubmit(value);
  };
  const press = (key: string) => {
    setCode((c) => clean(c + key));
    setError(null);
    input.current?.focus({ preventScroll: true });
  };

  return (
    <form className="sp-kiosk-appointment-form" onSubmit={submit} noValidate>
      <h1 className="sp-kiosk-title">{t('desk.kiosk.appointmentTitle')}</h1>
      <p className="sp-kiosk-hint" id="kiosk-code-hint">
        {t('desk.kiosk.appointmentHint')}
      </p>
      <label htmlFor="kiosk-code" className="sp-kiosk-label">
        {t('desk.kiosk.codeLabel')}
      </label>
      <input
        id="kiosk-code"
        ref={input}
        className="sp-kiosk-input"
        value={code}
        onChange={(e) => {
          setCode(clean(e.target.value));
          setError(null);
        }}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        inputMode="text"
        maxLength={20}
        aria-describedby={error ? 'kiosk-code-hint kiosk-code-error' : 'kiosk-code-hint'}
        aria-invalid={error ? true : undefined}
      />
      {error && (
        <p id="kiosk-code-error" className="sp-kiosk-error" role="alert">
          {error}
        </p>
      )}
      <div className="sp-kiosk-keys" role="group" aria-label={t('desk.kiosk.keyboard')}>
        {CODE_KEYS.map((k) => (
          <button key={k} type="button" className="sp-kiosk-key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="sp-kiosk-key sp-kiosk-key-wide" onClick={() => setCode((c) => c.slice(0, -1))} aria-label={t('desk.kiosk.deleteLast')}>
          ⌫
        </button>
      </div>
      <div className="sp-kiosk-actions">
        <button type="button" className="sp-kiosk-button sp-kiosk-button-secondary" onClick={onCancel}>
          {t('desk.kiosk.cancel')}
        </button>
        <button type="submit" className="sp-kiosk-button">
          {t('desk.kiosk.confirm')}
        </button>
      </div>
    </form>
  );
}

function MessageScreen({ title, body, onDone, onRetryCode }: { title: string; body: string; onDone: () => void; onRetryCode?: () => void }) {
  const { t } = useTranslation();
  const left = useAutoReturn(MESSAGE_SCREEN_SECONDS, onDone);
  return (
    <div className="sp-kiosk-center" role="alert">
      <h1 className="sp-kiosk-title">{title}</h1>
      <p className="sp-kiosk-message-body">{body}</p>
      {onRetryCode ? (
        <div className="sp-kiosk-actions">
          <button type="button" className="sp-kiosk-button sp-kiosk-button-secondary" onClick={onRetryCode}>
            {t('desk.kiosk.retryCode')}
          </button>
          <button type="button" className="sp-kiosk-button" onClick={onDone}>
            {t('desk.kiosk.takeNumber')}
          </button>
        </div>
      ) : (
        <button type="button" className="sp-kiosk-button" onClick={onDone}>
          {t('desk.kiosk.backToStart')}
        </button>
      )}
      <p className="sp-kiosk-countdown">{t('desk.kiosk.backIn', { count: left })}</p>
    </div>
  );
}

export default function KioskPage() {
  return (
    <FloorRecovery>
      <KioskPageContent />
    </FloorRecovery>
  );
}
