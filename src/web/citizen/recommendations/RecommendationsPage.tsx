/**
 * /area-personale/per-te — "Per te": every alert built from the citizen's situation, each with why it is shown,
 * where to act and "Non mostrare più"; below, which kinds the citizen wants. After a dismissal the focus goes to
 * the next alert (or to the count), and a polite message says what happened.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { RecommendationCard } from './RecommendationCard';
import {
  RECOMMENDATION_KINDS, useDismissRecommendation, useRecommendationPreferences, useRecommendations, useSaveRecommendationPreferences,
  type Recommendation, type RecommendationKind,
} from './recommendationsApi';
import './recommendations.css';

export default function RecommendationsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('recommendations.title'));
  return <CitizenOnly>{() => <Recommendations />}</CitizenOnly>;
}

function Recommendations() {
  const { t } = useTranslation();
  const list = useRecommendations();
  const preferences = useRecommendationPreferences();
  const dismiss = useDismissRecommendation();
  const [announce, setAnnounce] = useState<string | null>(null);
  const countRef = useRef<HTMLParagraphElement>(null);
  /** after a dismissal: the id of the alert to focus next, or '' for the count */
  const focusNext = useRef<string | null>(null);
  const items = list.data?.items ?? [];

  useEffect(() => {
    if (focusNext.current === null) return;
    const target = focusNext.current ? document.getElementById(`avviso-${focusNext.current}`) : countRef.current;
    if (target && (!focusNext.current || items.some((i) => i.id === focusNext.current))) {
      target.focus();
      focusNext.current = null;
    }
  }, [items, announce]);

  const hide = (item: Recommendation) => {
    const index = items.findIndex((i) => i.id === item.id);
    const next = items[index + 1] ?? items[index - 1];
    setAnnounce(null);
    dismiss.mutate(item.id, {
      onSuccess: () => {
        focusNext.current = next ? next.id : '';
        setAnnounce(t('recommendations.dismissed'));
      },
    });
  };

  const allOff = preferences.data ? RECOMMENDATION_KINDS.every((k) => !preferences.data.kinds[k]) : false;

  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('recommendations.title') }]} />
      <div className="row">
        <div className="col-lg-9 col-xl-8">
          <h1>{t('recommendations.title')}</h1>
          <p className="lead">{t('recommendations.intro')}</p>

          <div role="status" className="sp-rec-status">
            {announce && <Notice tone="success" role="none" className="mb-3">{announce}</Notice>}
          </div>
          {dismiss.isError && <ErrorMessage error={dismiss.error} />}

          {!list.data ? (
            list.isError ? <ErrorMessage error={list.error} retry={() => void list.refetch()} /> : <Loading />
          ) : items.length === 0 ? (
            <Notice tone="info" role="none" className="sp-rec-empty">
              <p className="fw-semibold mb-1" ref={countRef} tabIndex={-1}>{t('recommendations.emptyTitle')}</p>
              <p className="mb-0">{allOff ? t('recommendations.emptyOff') : t('recommendations.emptyBody')}</p>
            </Notice>
          ) : (
            <>
              <p className="sp-rec-count" ref={countRef} tabIndex={-1}>{t('recommendations.count', { count: items.length })}</p>
              <ul className="sp-rec-list" aria-label={t('recommendations.listLabel')}>
                {items.map((item) => (
                  <li key={item.id}>
                    <RecommendationCard
                      item={item}
                      headingLevel="h2"
                      actions={
                        <Button type="button" color="primary" outline size="sm" disabled={dismiss.isPending} onClick={() => hide(item)}>
                          {t('recommendations.dismiss')}
                          <span className="visually-hidden"> {t('recommendations.dismissOf', { title: item.title })}</span>
                        </Button>
                      }
                    />
                  </li>
                ))}
              </ul>
            </>
          )}

          <Preferences />
        </div>
      </div>
    </div>
  );
}

function Preferences() {
  const { t } = useTranslation();
  const preferences = useRecommendationPreferences();
  const save = useSaveRecommendationPreferences();
  const [kinds, setKinds] = useState<Record<RecommendationKind, boolean> | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    if (preferences.data && !kinds) setKinds(preferences.data.kinds);
  }, [preferences.data, kinds]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!kinds) return;
    setSaved(false);
    save.mutate({ kinds }, { onSuccess: (done) => {
      setKinds(done.kinds);
      setSaved(true);
    } });
  };

  return (
    <section className="sp-rec-preferences" aria-labelledby="quali-avvisi">
      <h2 className="h3" id="quali-avvisi">{t('recommendations.preferences.title')}</h2>
      <p>{t('recommendations.preferences.intro')}</p>
      {!kinds ? (
        preferences.isError ? <ErrorMessage error={preferences.error} retry={() => void preferences.refetch()} /> : <Loading />
      ) : (
        <form onSubmit={submit}>
          <fieldset>
            <legend className="sp-legend">{t('recommendations.preferences.legend')}</legend>
            {RECOMMENDATION_KINDS.map((kind) => (
              <div key={kind} className="sp-rec-kind-choice">
                <input
                  type="checkbox"
                  className="sp-rec-check"
                  id={`avvisi-${kind}`}
                  checked={kinds[kind]}
                  onChange={(e) => {
                    setSaved(false);
                    setKinds({ ...kinds, [kind]: e.target.checked });
                  }}
                  aria-describedby={`avvisi-${kind}-nota`}
                />
                <div>
                  <label htmlFor={`avvisi-${kind}`}>{t(`recommendations.kinds.${kind}`)}</label>
                  <p className="sp-rec-kind-hint" id={`avvisi-${kind}-nota`}>{t(`recommendations.kindHints.${kind}`)}</p>
                </div>
              </div>
            ))}
          </fieldset>
          <Button type="submit" color="primary" disabled={save.isPending}>
            {save.isPending ? t('recommendations.preferences.saving') : t('recommendations.preferences.save')}
          </Button>
          <div role="status" className="sp-rec-status mt-3">
            {saved && <Notice tone="success" role="none" className="mb-0">{t('recommendations.preferences.saved')}</Notice>}
          </div>
          {save.isError && <ErrorMessage error={save.error} />}
        </form>
      )}
    </section>
  );
}
