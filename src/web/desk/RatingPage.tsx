/**
 * /sportello/valutazione: the tablet by a counter. Three faces, each a real button with its words. It asks the
 * server every few seconds for the visit just ended at its counter ("Valuta la visita del numero A012"); with
 * none, the rating is a general one. After a tap: "Grazie!", then back to waiting. A visit already rated (or too old)
 * gets a gentle word instead of thanks for a rating that was not kept; a revoked key shows the "pair again" screen.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import type { Rating } from '../../contracts/desk';
import { isApiError } from '../api/client';
import { deskApi, deskKeys, newIdempotencyKey } from '../api/desk';
import { Clock, FloorFrame, FloorLoading, FloorRecovery, NotPaired, useFloorTitle } from './floor';
import { pageOfKind } from './PairPage';
import { isNetworkFailure, isUnpaired, retryDelay, useDevice } from './useDevice';

const THANKS_MS = 6_000;
const TARGET_POLL_MS = 5_000;

/** What the tablet says after a tap, for a few seconds, before waiting again. */
type Answer = 'thanks' | 'alreadyRated' | 'tooSoon';
const FACES: { rating: Rating; tone: string }[] = [
  { rating: 'satisfied', tone: 'good' },
  { rating: 'neutral', tone: 'fair' },
  { rating: 'unsatisfied', tone: 'poor' },
];

function RatingPageContent() {
  const device = useDevice();
  if (device.unpaired) return <NotPaired />;
  if (!device.me) return <FloorLoading />;
  if (device.me.device.kind !== 'rating') return <Navigate to={pageOfKind(device.me.device.kind)} replace />;
  return <RatingTablet deviceKey={device.key!} counterName={device.me.counterName} officeName={device.me.officeName} />;
}

function RatingTablet({ deviceKey, counterName, officeName }: { deviceKey: string; counterName: string | null; officeName: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);
  // the server refused this tablet's key while rating (revoked): nothing more can be recorded here
  const [refused, setRefused] = useState(false);
  const thanks = useRef<HTMLHeadingElement>(null);
  useFloorTitle(t('desk.rating.title'));

  const target = useQuery({
    queryKey: deskKeys.ratingTarget(deviceKey),
    queryFn: ({ signal }) => deskApi.ratingTarget(deviceKey, signal),
    refetchInterval: answer || refused ? false : TARGET_POLL_MS,
    refetchOnWindowFocus: true,
    // a refused key is an answer (the tablet must be paired again); anything else is waited out
    retry: (_count, error) => !isUnpaired(error),
    retryDelay,
  });
  const ticket = target.data?.ticket ?? null;

  useEffect(() => {
    if (!answer) return;
    thanks.current?.focus();
    const timer = setTimeout(() => {
      setAnswer(null);
      void queryClient.invalidateQueries({ queryKey: deskKeys.ratingTarget(deviceKey) });
    }, THANKS_MS);
    return () => clearTimeout(timer);
  }, [answer, deviceKey, queryClient]);

  if (refused || (target.isError && isUnpaired(target.error))) return <NotPaired />;

  const rate = async (rating: Rating) => {
    if (sending) return;
    setSending(true);
    setFailed(false);
    const key = newIdempotencyKey();
    let outcome: Answer = 'thanks';
    for (let attempt = 0; attempt < 4; attempt++) {
      try {
        await deskApi.rate(deviceKey, rating, ticket?.id, key);
        break;
      } catch (error) {
        if (isApiError(error, 401) || isApiError(error, 403)) {
          // revoked: thanking would hide that the rating was lost
          setSending(false);
          setRefused(true);
          void queryClient.invalidateQueries({ queryKey: deskKeys.deviceMe(deviceKey) });
          return;
        }
        if (isApiError(error, 409)) {
          // a visit rated already or too long ago, or a general rating right after another one (not kept):
          // said gently, then the tablet waits for the next visit
          outcome = ticket ? 'alreadyRated' : 'tooSoon';
          break;
        }
        if (!isNetworkFailure(error) || attempt === 3) {
          setSending(false);
          setFailed(true);
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
      }
    }
    setSending(false);
    queryClient.setQueryData(deskKeys.ratingTarget(deviceKey), { ticket: null });
    setAnswer(outcome);
  };

  return (
    <FloorFrame kind="rating">
      <header className="sp-rating-top">
        <p className="mb-0">
          {officeName}
          {counterName ? ` · ${counterName}` : ''}
        </p>
        <Clock />
      </header>
      {answer ? (
        <div className="sp-rating-thanks" role="status">
          <h1 ref={thanks} tabIndex={-1}>
            {answer === 'alreadyRated' ? t('desk.rating.alreadyRated') : t('desk.rating.thanks')}
          </h1>
          <p>{t(`desk.rating.${answer}Body`)}</p>
        </div>
      ) : (
        <div className="sp-rating-ask">
          <h1 className="sp-rating-question" data-testid="rating-question">
            {ticket ? t('desk.rating.forTicket', { label: ticket.label }) : t('desk.rating.general')}
          </h1>
          <p className="sp-rating-hint">{t('desk.rating.hint')}</p>
          <ul className="sp-rating-faces">
            {FACES.map((f) => (
              <li key={f.rating}>
                <button type="button" className={`sp-rating-face sp-rating-${f.tone}`} onClick={() => void rate(f.rating)} disabled={sending}>
                  <Face tone={f.tone} />
                  <span className="sp-rating-label">{t(`desk.rating.${f.rating}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          {failed && (
            <p className="sp-kiosk-error" role="alert">
              {t('desk.rating.failed')}
            </p>
          )}
        </div>
      )}
    </FloorFrame>
  );
}

/** A simple face drawn in SVG (no emoji font needed); the button's words carry the meaning. */
function Face({ tone }: { tone: string }) {
  const mouth = tone === 'good' ? 'M30 62 Q50 80 70 62' : tone === 'fair' ? 'M32 66 L68 66' : 'M30 72 Q50 54 70 72';
  return (
    <svg className="sp-rating-svg" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="46" fill="currentColor" opacity="0.15" />
      <circle cx="50" cy="50" r="46" fill="none" stroke="currentColor" strokeWidth="6" />
      <circle cx="35" cy="40" r="6" fill="currentColor" />
      <circle cx="65" cy="40" r="6" fill="currentColor" />
      <path d={mouth} fill="none" stroke="currentColor" strokeWidth="7" strokeLinecap="round" />
    </svg>
  );
}

export default function RatingPage() {
  return (
    <FloorRecovery>
      <RatingPageContent />
    </FloorRecovery>
  );
}
