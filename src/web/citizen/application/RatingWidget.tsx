/**
 * The Designers Italia rating of a service: "Quanto è stato facile usare questo servizio?" with 1–5 stars (a radio
 * group: arrow keys move, each star named "3 stelle su 5"), then a reason (the difficulties for 1–3 stars, what
 * went well for 4–5), then optional free text, and "Invia". One request at the end; a failure keeps everything.
 * Used after sending an application and on the application's page.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RATING_REASONS_HIGH, RATING_REASONS_LOW, type RatingReason } from '../../../contracts/applications';
import { applicationsApi } from '../../api/applications';
import { isApiError } from '../../api/client';
import { messageIn } from '../identityFormat';
import './application.css';

const MAX_COMMENT = 2000;
type Phase = 'stars' | 'reason' | 'comment' | 'done';

export interface RatingWidgetProps {
  applicationId: string;
  initial?: { score: number } | null;
}

export function RatingWidget({ applicationId, initial }: RatingWidgetProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [phase, setPhase] = useState<Phase>(initial?.score ? 'done' : 'stars');
  const [score, setScore] = useState<number>(initial?.score ?? 0);
  const [reason, setReason] = useState<RatingReason | ''>('');
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const stepRef = useRef<HTMLDivElement>(null);
  const moved = useRef(false);

  useEffect(() => {
    if (moved.current) stepRef.current?.focus();
    moved.current = false;
  }, [phase]);

  const goTo = (next: Phase) => {
    setProblem(null);
    moved.current = true;
    setPhase(next);
  };

  const reasons = score >= 4 ? RATING_REASONS_HIGH : RATING_REASONS_LOW;

  const send = async () => {
    if (sending) return;
    setSending(true);
    setProblem(null);
    try {
      await applicationsApi.rate(applicationId, { score, ...(reason ? { reason } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setSent(true);
      goTo('done');
    } catch (error) {
      setProblem(isApiError(error) && error.problem?.detail ? messageIn(error.problem.detail, i18n.language) : t('application.rating.failed'));
    } finally {
      setSending(false);
    }
  };

  const questionId = `${id}-domanda`;
  return (
    <section className="sp-rating" aria-labelledby={questionId}>
      {phase === 'done' ? (
        <div ref={stepRef} tabIndex={-1} className="sp-rating-step sp-rating-done">
          <h2 className="h4" id={questionId}>
            {sent ? t('application.rating.thanks') : t('application.rating.already')}
          </h2>
          <p className="mb-2">
            <Stars score={score} /> <span>{t('application.rating.starsOf', { count: score })}</span>
          </p>
          {sent && <p className="mb-2">{t('application.rating.thanksBody')}</p>}
          <button
            type="button"
            className="btn btn-link p-0"
            onClick={() => {
              setSent(false);
              setReason('');
              setComment('');
              goTo('stars');
            }}
          >
            {t('application.rating.change')}
          </button>
        </div>
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (phase === 'stars') {
              if (!score) setProblem(t('application.rating.chooseStars'));
              else goTo('reason');
            } else if (phase === 'reason') {
              if (!reason) setProblem(t('application.rating.chooseReason'));
              else goTo('comment');
            } else void send();
          }}
        >
          <h2 className="h4" id={questionId}>
            {t('application.rating.question')}
          </h2>
          <p className="sp-rating-progress">{t('application.rating.progress', { n: phase === 'stars' ? 1 : phase === 'reason' ? 2 : 3 })}</p>
          <div ref={stepRef} tabIndex={-1} className="sp-rating-step">
            {phase === 'stars' && (
              <fieldset className="sp-rating-fieldset" aria-describedby={problem ? `${id}-errore` : undefined}>
                <legend className="visually-hidden">{t('application.rating.question')}</legend>
                <div className="sp-stars">
                  {[1, 2, 3, 4, 5].map((n) => (
                    <span className="sp-star" key={n}>
                      <input
                        type="radio"
                        className="sp-star-input"
                        id={`${id}-stella-${n}`}
                        name={`${id}-stelle`}
                        value={n}
                        checked={score === n}
                        onChange={() => {
                          setScore(n);
                          setProblem(null);
                        }}
                      />
                      <label htmlFor={`${id}-stella-${n}`} className={`sp-star-label${n <= score ? ' is-on' : ''}`}>
                        <StarIcon />
                        <span className="visually-hidden">{t('application.rating.starsOf', { count: n })}</span>
                      </label>
                    </span>
                  ))}
                </div>
                <p className="sp-rating-scale" aria-hidden="true">
                  <span>{t('application.rating.scaleLow')}</span>
                  <span>{t('application.rating.scaleHigh')}</span>
                </p>
              </fieldset>
            )}
            {phase === 'reason' && (
              <fieldset className="sp-rating-fieldset" aria-describedby={problem ? `${id}-errore` : undefined}>
                <legend className="sp-rating-legend">{score >= 4 ? t('application.rating.reasonHigh') : t('application.rating.reasonLow')}</legend>
                {reasons.map((r) => (
                  <div className="form-check" key={r}>
                    <input
                      type="radio"
                      id={`${id}-motivo-${r}`}
                      name={`${id}-motivo`}
                      value={r}
                      checked={reason === r}
                      onChange={() => {
                        setReason(r);
                        setProblem(null);
                      }}
                    />
                    <label htmlFor={`${id}-motivo-${r}`}>{t(`application.rating.reasons.${r}`)}</label>
                  </div>
                ))}
              </fieldset>
            )}
            {phase === 'comment' && (
              <div className="sp-field sp-plain-field">
                <label htmlFor={`${id}-commento`}>{t('application.rating.commentLabel')}</label>
                <textarea
                  id={`${id}-commento`}
                  className="form-control sp-rf-textarea"
                  rows={4}
                  maxLength={MAX_COMMENT}
                  value={comment}
                  aria-describedby={`${id}-commento-hint${problem ? ` ${id}-errore` : ''}`}
                  onChange={(e) => setComment(e.target.value)}
                />
                <p id={`${id}-commento-hint`} className="form-text sp-hint">
                  {t('application.rating.commentHint', { max: MAX_COMMENT, left: MAX_COMMENT - comment.length })}
                </p>
              </div>
            )}
          </div>
          {problem && (
            <p id={`${id}-errore`} className="sp-field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="sp-rating-actions">
            {phase !== 'stars' && (
              <button type="button" className="btn btn-outline-primary btn-sm" onClick={() => goTo(phase === 'comment' ? 'reason' : 'stars')}>
                {t('application.rating.back')}
              </button>
            )}
            <button type="submit" className="btn btn-primary btn-sm" disabled={sending}>
              {phase === 'comment' ? (sending ? t('application.rating.sending') : t('application.rating.send')) : t('application.rating.next')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

function StarIcon() {
  return (
    <svg className="sp-star-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="m12 2.5 2.9 6 6.6.8-4.9 4.6 1.3 6.6L12 17.2l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8L12 2.5Z" />
    </svg>
  );
}

function Stars({ score }: { score: number }) {
  return (
    <span className="sp-stars-static" aria-hidden="true">
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} className={n <= score ? 'is-on' : undefined}>
          <StarIcon />
        </span>
      ))}
    </span>
  );
}

export default RatingWidget;
