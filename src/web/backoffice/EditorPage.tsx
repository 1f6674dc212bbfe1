/**
 * Service card editor: a form for every ServiceCard field, a preview that renders the citizen's card with the
 * unsaved values, and publication of a new version (or creation of a new service).
 */
import { useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useOutletContext, useParams } from 'react-router';
import { AUDIENCES } from '../../contracts/catalog';
import { CATEGORIES, LIFE_EVENTS } from '../../contracts/vocabularies';
import { api, isApiError, newIdempotencyKey } from '../api/client';
import { keys, useOffices, useService } from '../api/queries';
import type { Operator, ServiceDetail } from '../api/types';
import NotFoundPage from '../citizen/NotFoundPage';
import { ServiceCardView } from '../citizen/ServiceCardView';
import { Breadcrumbs } from '../ui/Breadcrumbs';
import { CheckboxField, SelectField, TextAreaField, TextField, type Option } from '../ui/fields';
import { formatDate, vocabularyLabel } from '../ui/format';
import { ErrorMessage, Loading, useDocumentTitle } from '../ui/status';
import { draftFromCard, draftToCard, emptyDraft, fieldId, normalisePath, slugify, type Draft, type FieldError } from './editorModel';
import { ListEditor } from './ListEditor';
import { Tabs } from './Tabs';

const withCurrent = (options: Option[], current: string): Option[] =>
  !current || options.some((o) => o.value === current) ? options : [...options, { value: current, label: current }];

export default function EditorPage({ mode }: { mode: 'new' | 'edit' }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const operator = useOutletContext<Operator>();
  const { serviceId } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const service = useService(mode === 'edit' ? serviceId : undefined);
  const offices = useOffices(operator.tenant.id);

  const [draft, setDraft] = useState<Draft | null>(mode === 'new' ? emptyDraft() : null);
  const [baseline, setBaseline] = useState<string>(() => (mode === 'new' ? JSON.stringify(emptyDraft()) : ''));
  const [loadedId, setLoadedId] = useState<string | null>(null);
  const [slugTouched, setSlugTouched] = useState(false);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [sessionExpired, setSessionExpired] = useState(false);
  const createdVersion = (location.state as { created?: number } | null)?.created;
  const [published, setPublished] = useState<number | null>(createdVersion ?? null);
  const [tab, setTab] = useState('edit');
  const [submitting, setSubmitting] = useState(false);
  const idempotencyKey = useRef(newIdempotencyKey());
  const summaryRef = useRef<HTMLDivElement>(null);
  const successRef = useRef<HTMLDivElement>(null);

  const detail: ServiceDetail | undefined = service.data;

  // Initialise the form once per service (later refetches must not overwrite what the user typed).
  useEffect(() => {
    if (mode === 'edit' && detail && loadedId !== detail.id) {
      const initial = draftFromCard(detail.card, detail.slug);
      setDraft(initial);
      setBaseline(JSON.stringify(initial));
      setLoadedId(detail.id);
    }
  }, [mode, detail, loadedId]);

  const dirty = draft !== null && JSON.stringify(draft) !== baseline;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  useEffect(() => {
    if (published !== null) successRef.current?.focus();
  }, [published]);

  const title = mode === 'new' ? t('editor.newTitle') : t('editor.editTitle', { title: detail?.card.title ?? '' });
  useDocumentTitle(title);

  const messages = useMemo(() => ({ invalidAmount: t('editor.invalidAmount'), invalidDays: t('editor.invalidDays') }), [t]);
  const preview = useMemo(() => (draft ? draftToCard(draft, messages).card : null), [draft, messages]);

  if (mode === 'edit') {
    if (service.isError && isApiError(service.error, 404)) return <NotFoundPage what="service" />;
    if (detail && detail.tenant.id !== operator.tenant.id) return <NotFoundPage what="service" />;
    if (service.isError) {
      return (
        <div className="container py-4">
          <ErrorMessage error={service.error} retry={() => void service.refetch()} />
        </div>
      );
    }
  }
  if (!draft) {
    return (
      <div className="container">
        <Loading />
      </div>
    );
  }

  const errorFor = (key: string) => errors.find((e) => e.key === key)?.message;
  const patch = (values: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...values } : d));
  const patchAccess = (values: Partial<Draft['access']>) => setDraft((d) => (d ? { ...d, access: { ...d.access, ...values } } : d));
  const text = (key: 'title' | 'slug' | 'shortDescription' | 'description' | 'audienceDescription' | 'output' | 'timeLimits' | 'conditions' | 'statusReason' | 'maxDays') => ({
    id: fieldId(key),
    value: draft[key],
    onValueChange: (v: string) => patch({ [key]: v } as Partial<Draft>),
    error: errorFor(key),
  });
  const accessText = (key: 'onlineDescription' | 'onlineUrl' | 'deskDescription') => ({
    id: fieldId(`access/${key}`),
    value: draft.access[key],
    onValueChange: (v: string) => patchAccess({ [key]: v }),
    error: errorFor(`access/${key}`),
  });

  const fieldLabel = (key: string | null): string => {
    if (!key) return '';
    const [base, second, third] = key.split('/');
    if (base === 'access' && second) return t(`editor.fields.access_${second}`, { defaultValue: key });
    if (second !== undefined && /^\d+$/.test(second)) {
      const row = Number(second) + 1;
      const item = t(`editor.rows.${base}`, { n: row, defaultValue: `${base} ${row}` });
      return third ? `${item} — ${t(`editor.fields.cost_${third}`, { defaultValue: third })}` : item;
    }
    return t(`editor.fields.${base}`, { defaultValue: key });
  };

  const focusSummary = () => setTimeout(() => summaryRef.current?.focus(), 0);

  const publish = async () => {
    const conversion = draftToCard(draft, messages);
    const local = [...conversion.localErrors];
    if (mode === 'new') {
      if (!draft.slug.trim()) local.push({ key: 'slug', message: t('editor.required') });
      else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(draft.slug.trim())) local.push({ key: 'slug', message: t('editor.invalidSlug') });
    }
    if (!draft.title.trim()) local.push({ key: 'title', message: t('editor.required') });
    if (!draft.category) local.push({ key: 'category', message: t('editor.required') });
    setPublished(null);
    setSessionExpired(false);
    if (local.length) {
      setErrors(local);
      setProblem(t('editor.fixErrors'));
      setTab('edit');
      focusSummary();
      return;
    }
    setSubmitting(true);
    try {
      const result =
        mode === 'new'
          ? await api.createService({ slug: draft.slug.trim(), ...conversion.card }, idempotencyKey.current)
          : await api.publishVersion(serviceId!, conversion.card, idempotencyKey.current);
      idempotencyKey.current = newIdempotencyKey();
      queryClient.setQueryData(keys.service(result.id), result);
      void queryClient.invalidateQueries({ queryKey: ['services'] });
      void queryClient.invalidateQueries({ queryKey: ['service', result.id] });
      setErrors([]);
      setProblem(null);
      if (mode === 'new') {
        navigate(`/backoffice/catalogo/${result.id}`, { replace: true, state: { created: result.version } });
        return;
      }
      const next = draftFromCard(result.card, result.slug);
      setDraft(next);
      setBaseline(JSON.stringify(next));
      setPublished(result.version);
    } catch (error) {
      if (isApiError(error)) {
        idempotencyKey.current = newIdempotencyKey();
        const p = error.problem;
        if (error.status === 401) {
          setSessionExpired(true);
          setProblem(t('editor.sessionExpired'));
          setErrors([]);
        } else {
          setProblem(p?.detail || p?.title || t('common.errorBody'));
          const items = (p?.errors ?? []).map((e) => ({ key: normalisePath(e.path, e.message, conversion.indexMaps), message: e.message }));
          // A taken address (409) concerns the slug field even when the server names no path.
          if (error.status === 409 && mode === 'new' && items.length === 0) items.push({ key: 'slug', message: p?.detail || t('editor.slugTaken') });
          setErrors(items);
        }
      } else {
        setProblem(t('editor.networkError'));
        setErrors([]);
      }
      setTab('edit');
      focusSummary();
    } finally {
      setSubmitting(false);
    }
  };

  const jumpTo = (event: MouseEvent<HTMLAnchorElement>, key: string | null) => {
    if (!key) return;
    const candidates = [key, key.split('/').slice(0, 2).join('/'), key.split('/')[0]];
    for (const candidate of candidates) {
      const el = document.getElementById(fieldId(candidate));
      if (el) {
        event.preventDefault();
        const focusable = el.matches('input, select, textarea') ? el : el.querySelector<HTMLElement>('input, select, textarea, button');
        (focusable ?? el).focus();
        (focusable ?? el).scrollIntoView({ block: 'center' });
        return;
      }
    }
  };

  const officeOptions = withCurrent(
    (offices.data?.items ?? []).map((o) => ({ value: o.code, label: o.name })),
    draft.officeCode,
  );
  const categoryOptions = withCurrent(
    CATEGORIES.map((c) => ({ value: c.code, label: vocabularyLabel(CATEGORIES, c.code, lng) })).sort((a, b) => a.label.localeCompare(b.label, lng)),
    draft.category,
  );
  const lifeEventCodes = [...LIFE_EVENTS.map((e) => e.code), ...draft.lifeEvents.filter((c) => !LIFE_EVENTS.some((e) => e.code === c))];
  const previewOffice = offices.data?.items.find((o) => o.code === draft.officeCode) ?? (detail?.office?.code === draft.officeCode ? detail.office : null);
  const publicUrl = detail ? `/enti/${detail.tenant.slug}/servizi/${detail.slug}` : null;
  const versions = detail ? [...detail.versions].sort((a, b) => b.version - a.version) : [];

  const form = (
    <form onSubmit={(e) => e.preventDefault()} noValidate aria-label={t('editor.formLabel')} className="sp-editor-form">
      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('editor.groups.main')}</h2>
        </legend>
        {mode === 'new' && (
          <TextField
            {...text('slug')}
            onValueChange={(v) => {
              setSlugTouched(true);
              patch({ slug: v });
            }}
            label={t('editor.fields.slug')}
            hint={t('editor.hints.slug')}
            required
            autoComplete="off"
          />
        )}
        <TextField
          {...text('title')}
          onValueChange={(v) => patch(mode === 'new' && !slugTouched ? { title: v, slug: slugify(v) } : { title: v })}
          label={t('editor.fields.title')}
          required
        />
        <SelectField
          id={fieldId('category')}
          label={t('editor.fields.category')}
          value={draft.category}
          onValueChange={(v) => patch({ category: v })}
          options={categoryOptions}
          emptyLabel={t('editor.choose')}
          error={errorFor('category')}
          required
        />
        <SelectField
          id={fieldId('status')}
          label={t('editor.fields.status')}
          value={draft.status}
          onValueChange={(v) => patch({ status: v === 'inactive' ? 'inactive' : 'active' })}
          options={[
            { value: 'active', label: t('status.active') },
            { value: 'inactive', label: t('status.inactive') },
          ]}
          error={errorFor('status')}
        />
        {draft.status === 'inactive' && <TextAreaField {...text('statusReason')} label={t('editor.fields.statusReason')} rows={2} />}
        <TextAreaField {...text('shortDescription')} label={t('editor.fields.shortDescription')} hint={t('editor.hints.shortDescription')} rows={2} required />
        <TextAreaField {...text('description')} label={t('editor.fields.description')} hint={t('editor.hints.paragraphs')} rows={6} />
        <ListEditor
          name="keywords"
          legend={t('editor.fields.keywords')}
          hint={t('editor.hints.keywords')}
          itemLabel={(i) => t('editor.rows.keywords', { n: i + 1 })}
          addLabel={t('editor.add.keywords')}
          items={draft.keywords}
          onChange={(items) => patch({ keywords: items })}
          errorFor={errorFor}
        />
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.whoFor')}</h2>
        </legend>
        <TextAreaField {...text('audienceDescription')} label={t('editor.fields.audienceDescription')} rows={3} />
        <fieldset className="sp-checkbox-group" id={fieldId('audiences')} aria-describedby={errorFor('audiences') ? `${fieldId('audiences')}-error` : undefined}>
          <legend className="h6">{t('editor.fields.audiences')}</legend>
          {errorFor('audiences') && (
            <p id={`${fieldId('audiences')}-error`} className="invalid-feedback d-block sp-field-error">
              {errorFor('audiences')}
            </p>
          )}
          {AUDIENCES.map((a) => (
            <CheckboxField
              key={a}
              label={t(`audience.${a}`)}
              checked={draft.audiences.includes(a)}
              onCheckedChange={(checked) => patch({ audiences: checked ? AUDIENCES.filter((x) => x === a || draft.audiences.includes(x)) : draft.audiences.filter((x) => x !== a) })}
            />
          ))}
        </fieldset>
        <fieldset className="sp-checkbox-group" id={fieldId('lifeEvents')} aria-describedby={errorFor('lifeEvents') ? `${fieldId('lifeEvents')}-error` : undefined}>
          <legend className="h6">{t('editor.fields.lifeEvents')}</legend>
          {errorFor('lifeEvents') && (
            <p id={`${fieldId('lifeEvents')}-error`} className="invalid-feedback d-block sp-field-error">
              {errorFor('lifeEvents')}
            </p>
          )}
          {lifeEventCodes.length === 0 && <p className="text-muted-sp">{t('editor.noLifeEvents')}</p>}
          <div className="sp-checkbox-columns">
            {lifeEventCodes.map((code) => (
              <CheckboxField
                key={code}
                label={vocabularyLabel(LIFE_EVENTS, code, lng)}
                checked={draft.lifeEvents.includes(code)}
                onCheckedChange={(checked) => patch({ lifeEvents: checked ? [...draft.lifeEvents, code] : draft.lifeEvents.filter((x) => x !== code) })}
              />
            ))}
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.howTo')}</h2>
        </legend>
        <ListEditor
          name="howTo"
          legend={t('editor.fields.howTo')}
          itemLabel={(i) => t('editor.rows.howTo', { n: i + 1 })}
          addLabel={t('editor.add.howTo')}
          items={draft.howTo}
          onChange={(items) => patch({ howTo: items })}
          ordered
          multiline
          errorFor={errorFor}
        />
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.requirements')}</h2>
        </legend>
        <ListEditor
          name="requirements"
          legend={t('editor.fields.requirements')}
          itemLabel={(i) => t('editor.rows.requirements', { n: i + 1 })}
          addLabel={t('editor.add.requirements')}
          items={draft.requirements}
          onChange={(items) => patch({ requirements: items })}
          errorFor={errorFor}
        />
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.output')}</h2>
        </legend>
        <TextAreaField {...text('output')} label={t('editor.fields.output')} rows={3} />
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.timeLimits')}</h2>
        </legend>
        <TextAreaField {...text('timeLimits')} label={t('editor.fields.timeLimits')} rows={3} />
        <TextField {...text('maxDays')} type="number" min={0} step={1} inputMode="numeric" label={t('editor.fields.maxDays')} className="sp-narrow-field" />
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.access')}</h2>
        </legend>
        <CheckboxField id={fieldId('access/online')} label={t('editor.fields.access_online')} checked={draft.access.online} onCheckedChange={(c) => patchAccess({ online: c })} error={errorFor('access/online')} />
        {draft.access.online && (
          <div className="sp-indented">
            <TextAreaField {...accessText('onlineDescription')} label={t('editor.fields.access_onlineDescription')} rows={2} />
            <TextField {...accessText('onlineUrl')} type="url" inputMode="url" label={t('editor.fields.access_onlineUrl')} hint={t('editor.hints.onlineUrl')} />
          </div>
        )}
        <CheckboxField id={fieldId('access/desk')} label={t('editor.fields.access_desk')} checked={draft.access.desk} onCheckedChange={(c) => patchAccess({ desk: c })} error={errorFor('access/desk')} />
        {draft.access.desk && (
          <div className="sp-indented">
            <TextAreaField {...accessText('deskDescription')} label={t('editor.fields.access_deskDescription')} rows={2} />
            <CheckboxField id={fieldId('access/bookable')} label={t('editor.fields.access_bookable')} checked={Boolean(draft.access.bookable)} onCheckedChange={(c) => patchAccess({ bookable: c })} error={errorFor('access/bookable')} />
          </div>
        )}
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.conditions')}</h2>
        </legend>
        <TextAreaField {...text('conditions')} label={t('editor.fields.conditions')} rows={3} />
        <CostsEditor draft={draft} onChange={(costs) => patch({ costs })} errorFor={errorFor} />
        <ListEditor
          name="legalBasis"
          legend={t('editor.fields.legalBasis')}
          itemLabel={(i) => t('editor.rows.legalBasis', { n: i + 1 })}
          addLabel={t('editor.add.legalBasis')}
          items={draft.legalBasis}
          onChange={(items) => patch({ legalBasis: items })}
          errorFor={errorFor}
        />
      </fieldset>

      <fieldset className="sp-editor-group">
        <legend>
          <h2 className="h4">{t('card.sections.contacts')}</h2>
        </legend>
        <SelectField
          id={fieldId('officeCode')}
          label={t('editor.fields.officeCode')}
          value={draft.officeCode}
          onValueChange={(v) => patch({ officeCode: v })}
          options={officeOptions}
          emptyLabel={t('editor.choose')}
          error={errorFor('officeCode')}
          hint={offices.isError ? t('editor.officesError') : undefined}
        />
      </fieldset>
    </form>
  );

  return (
    <div className="container py-3 py-lg-4 sp-editor">
      <Breadcrumbs
        items={[
          { label: t('backoffice.title'), to: '/backoffice/catalogo' },
          { label: t('catalog.title'), to: '/backoffice/catalogo' },
          { label: mode === 'new' ? t('editor.newTitle') : (detail?.card.title ?? t('common.loading')) },
        ]}
      />
      <h1 className="mb-3">{title}</h1>

      {published !== null && (
        <div className="alert alert-success" role="status" tabIndex={-1} ref={successRef}>
          <p className="mb-1 fw-semibold">{t('editor.published', { version: published })}</p>
          {publicUrl && (
            <p className="mb-0">
              <Link to={publicUrl} state={{ serviceId: detail?.id }}>
                {t('editor.viewPublic')}
              </Link>
            </p>
          )}
        </div>
      )}

      {problem && (
        <div className="alert alert-danger sp-error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="error-summary-title">
          <h2 id="error-summary-title" className="h5">
            {t('editor.errorTitle')}
          </h2>
          <p className="mb-2">{problem}</p>
          {sessionExpired && (
            <p className="mb-2">
              <Link to={`/backoffice/login?returnTo=${encodeURIComponent(location.pathname)}`} target="_blank" rel="noopener">
                {t('editor.loginAgain')}
              </Link>
            </p>
          )}
          {errors.length > 0 && (
            <ul className="mb-0">
              {errors.map((e, i) => (
                <li key={i}>
                  {e.key ? (
                    <a href={`#${fieldId(e.key)}`} onClick={(ev) => jumpTo(ev, e.key)}>
                      {fieldLabel(e.key)}: {e.message}
                    </a>
                  ) : (
                    e.message
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <div className="row">
        <div className="col-12 col-xl-9">
          <Tabs
            label={t('editor.tabsLabel')}
            active={tab}
            onChange={setTab}
            tabs={[
              { id: 'edit', label: t('editor.tabEdit'), panel: form },
              {
                id: 'preview',
                label: t('editor.tabPreview'),
                // Rendered only while shown: its headings and landmarks must not mix with the form's.
                panel: tab === 'preview' && preview && (
                  <div className="sp-preview">
                    <p className="sp-preview-note">{t('editor.previewNote')}</p>
                    <ServiceCardView card={preview} tenant={operator.tenant} office={previewOffice ?? null} preview />
                  </div>
                ),
              },
            ]}
          />
          <div className="sp-publish-bar">
            <button type="button" className="btn btn-primary" onClick={() => void publish()} disabled={submitting}>
              {submitting ? t('editor.publishing') : mode === 'new' ? t('editor.create') : t('editor.publish')}
            </button>
            <span className="sp-dirty" aria-live="polite">
              {dirty ? t('editor.unsaved') : ''}
            </span>
          </div>
        </div>
        {mode === 'edit' && detail && (
          <aside className="col-12 col-xl-3 mt-4 mt-xl-0" aria-labelledby="versions-title">
            <div className="sp-versions-box">
              <h2 id="versions-title" className="h5">
                {t('editor.versions')}
              </h2>
              <ul className="sp-version-list">
                {versions.map((v) => (
                  <li key={v.version}>
                    <Link to={`${publicUrl}${v.version === detail.version ? '' : `?version=${v.version}`}`} state={{ serviceId: detail.id }}>
                      {t('card.versionLine', { version: v.version, date: formatDate(v.publishedAt, lng) })}
                    </Link>
                    {v.version === detail.version && <span className="badge bg-secondary sp-badge ms-1">{t('editor.current')}</span>}
                  </li>
                ))}
              </ul>
            </div>
          </aside>
        )}
      </div>
    </div>
  );
}

function CostsEditor({ draft, onChange, errorFor }: { draft: Draft; onChange: (costs: Draft['costs']) => void; errorFor: (key: string) => string | undefined }) {
  const { t } = useTranslation();
  const focusNext = useRef<number | 'add' | null>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    if (focusNext.current === 'add') addRef.current?.focus();
    else document.getElementById(fieldId(`costs/${focusNext.current}/description`))?.focus();
    focusNext.current = null;
  });
  const set = (index: number, values: Partial<Draft['costs'][number]>) => onChange(draft.costs.map((c, i) => (i === index ? { ...c, ...values } : c)));
  const listError = errorFor('costs');
  return (
    <fieldset className="sp-list-editor" id={fieldId('costs')}>
      <legend className="h6">{t('editor.fields.costs')}</legend>
      <p className="form-text sp-hint">{t('editor.hints.costs')}</p>
      {listError && <p className="invalid-feedback d-block sp-field-error">{listError}</p>}
      {draft.costs.length === 0 && <p className="text-muted-sp">{t('editor.noCosts')}</p>}
      <ol className="list-unstyled sp-list-rows">
        {draft.costs.map((cost, index) => {
          const row = t('editor.rows.costs', { n: index + 1 });
          return (
            <li key={index} className="sp-list-row sp-cost-row">
              <TextField
                id={fieldId(`costs/${index}/description`)}
                className="flex-grow-1 mb-0"
                label={`${row} — ${t('editor.fields.cost_description')}`}
                value={cost.description}
                onValueChange={(v) => set(index, { description: v })}
                error={errorFor(`costs/${index}/description`)}
              />
              <TextField
                id={fieldId(`costs/${index}/amountCents`)}
                className="sp-amount-field mb-0"
                label={`${row} — ${t('editor.fields.cost_amountCents')}`}
                inputMode="decimal"
                value={cost.amount}
                onValueChange={(v) => set(index, { amount: v })}
                error={errorFor(`costs/${index}/amountCents`)}
              />
              <div className="sp-row-actions">
                <button
                  type="button"
                  className="btn btn-outline-danger btn-xs"
                  onClick={() => {
                    focusNext.current = draft.costs.length > 1 ? Math.max(0, index - 1) : 'add';
                    onChange(draft.costs.filter((_, i) => i !== index));
                  }}
                >
                  {t('editor.remove')}
                  <span className="visually-hidden"> {row}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        ref={addRef}
        className="btn btn-outline-primary btn-sm"
        onClick={() => {
          focusNext.current = draft.costs.length;
          onChange([...draft.costs, { description: '', amount: '' }]);
        }}
      >
        + {t('editor.add.costs')}
      </button>
    </fieldset>
  );
}
