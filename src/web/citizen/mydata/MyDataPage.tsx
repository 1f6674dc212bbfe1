/**
 * /area-personale/dati — "I miei dati": what the bodies hold about the citizen, in four sections (registry details,
 * family, contacts, documents) and the citizen's own reports. Every item shows its value and a small line
 * "Fonte: … · aggiornato il …". Contacts are corrected in place (errors on their fields, what was typed stays);
 * each registry item has "Segnala un errore", a short form (what is recorded / what is right) and a confirmation.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Icon as KitIcon } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  CONTACT_FIELDS, DATA_REPORT_LIMITS,
  type ContactField, type DataProvenance, type DelegationItem, type FamilySheet, type IdCardItem, type IssuedDocumentItem, type RegistryFieldItem,
  type RegistryRecord,
} from '../../../contracts/mydata';
import { isApiError, newIdempotencyKey } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { TextAreaField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { PREFERENCES_URL } from '../messages/MessagesLinkCards';
import { formatDate } from '../practices/format';
import { CitizenOnly } from '../practices/shared';
import { PERSONAL_AREA } from '../useSession';
import { exportUrl, myDataApi, myDataKeys, type ContactItem, type MyData, type MyDataReport, type ReportableItem } from './mydataApi';
import './mydata.css';

const SECTIONS = [
  { id: 'dati-anagrafici', key: 'registry' },
  { id: 'famiglia', key: 'family' },
  { id: 'contatti', key: 'contacts' },
  { id: 'documenti', key: 'documents' },
  { id: 'segnalazioni', key: 'reports' },
] as const;

export default function MyDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('mydata.title'));
  return <CitizenOnly>{() => <MyDataView />}</CitizenOnly>;
}

function MyDataView() {
  const { t } = useTranslation();
  const data = useQuery({ queryKey: myDataKeys.data, queryFn: ({ signal }) => myDataApi.data(signal), staleTime: 0 });
  const reports = useQuery({ queryKey: myDataKeys.reports, queryFn: ({ signal }) => myDataApi.reports(signal), staleTime: 0 });
  return (
    <div className="container py-3 py-lg-4 sp-md">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('mydata.title') }]} />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{t('mydata.title')}</h1>
          <p className="lead">{t('mydata.intro')}</p>
          <ExportLinks />
          <nav aria-label={t('mydata.toc')} className="sp-md-toc">
            <ul>
              {SECTIONS.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`}>{t(`mydata.sections.${s.key}`)}</a>
                </li>
              ))}
            </ul>
          </nav>
          {data.isPending ? (
            <Loading />
          ) : data.isError ? (
            <ErrorMessage error={data.error} retry={() => void data.refetch()} />
          ) : (
            <Sections data={data.data} reports={reports.data?.items ?? []} />
          )}
          <section className="sp-pa-section" aria-labelledby="segnalazioni">
            <h2 id="segnalazioni" tabIndex={-1}>{t('mydata.sections.reports')}</h2>
            <p>{t('mydata.reports.intro')}</p>
            {reports.isPending ? (
              <Loading />
            ) : reports.isError ? (
              <ErrorMessage error={reports.error} retry={() => void reports.refetch()} />
            ) : (
              <ReportList items={reports.data.items} />
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

/**
 * "Scarica tutti i miei dati": everything held about the citizen in one file, readable (PDF) or for other programs
 * (JSON). Plain links: the browser downloads with the session cookie. Each link's name starts with its visible words
 * and goes on to say what is downloaded, for whoever lists the page's links out of context.
 */
function ExportLinks() {
  const { t } = useTranslation();
  return (
    <div className="sp-md-export">
      <p className="sp-md-export-title" id="scarica-tutti-i-dati">
        <KitIcon icon="it-download" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
        {t('mydata.export.title')}
      </p>
      <ul aria-labelledby="scarica-tutti-i-dati">
        {(['pdf', 'json'] as const).map((format) => (
          <li key={format}>
            <a href={exportUrl(format)} download>
              {t(`mydata.export.${format}`)}
              <span className="visually-hidden">: {t('mydata.export.what')}</span>
            </a>
          </li>
        ))}
      </ul>
      <p className="sp-md-export-hint">{t('mydata.export.hint')}</p>
    </div>
  );
}

/** The open reports by body and item: their "Segnala un errore" waits for the answer. */
const pendingKey = (tenantId: string, item: string) => `${tenantId}|${item}`;

function Sections({ data, reports }: { data: MyData; reports: MyDataReport[] }) {
  const { t } = useTranslation();
  const pending = new Set(reports.filter((r) => r.status === 'open' || r.status === 'in_progress').map((r) => pendingKey(r.tenant.id, r.item)));
  const many = data.records.length > 1;
  return (
    <>
      <section className="sp-pa-section" aria-labelledby="dati-anagrafici">
        <h2 id="dati-anagrafici" tabIndex={-1}>{t('mydata.sections.registry')}</h2>
        {data.records.length === 0 && <p className="sp-empty-note">{t('mydata.registry.none')}</p>}
        {data.records.map((record) => (
          <div key={record.tenant.id} className="sp-md-body">
            {many ? <h3 className="h4">{t('mydata.registry.of', { body: record.tenant.name })}</h3> : <p className="sp-md-body-name">{t('mydata.registry.of', { body: record.tenant.name })}</p>}
            <RegistryFields record={record} pending={pending} />
          </div>
        ))}
      </section>

      <section className="sp-pa-section" aria-labelledby="famiglia">
        <h2 id="famiglia" tabIndex={-1}>{t('mydata.sections.family')}</h2>
        {data.records.length === 0 && <p className="sp-empty-note">{t('mydata.registry.none')}</p>}
        {data.records.map((record) => (
          <Family key={record.tenant.id} record={record} sheet={record.family} pending={pending} />
        ))}
      </section>

      <Contacts items={data.contacts} />

      <section className="sp-pa-section" aria-labelledby="documenti">
        <h2 id="documenti" tabIndex={-1}>{t('mydata.sections.documents')}</h2>
        <IdCards cards={data.documents.idCards} pending={pending} />
        <Delegations items={data.documents.delegations} />
        <IssuedDocuments items={data.documents.issued} />
      </section>
    </>
  );
}

// ---- provenance ----------------------------------------------------------------------------------------------

/** "Fonte: Anagrafe del Comune di Castelrocca · aggiornato il 24/11/2026" */
function Provenance({ item, words }: { item: DataProvenance; words?: string }) {
  const { t, i18n } = useTranslation();
  // the body's own name for itself stays in Italian; the generic sources are translated
  const own = words === undefined && i18n.language !== 'it' && (item.sourceKind === 'registry' || item.sourceKind === 'body' || item.sourceKind === 'delegation');
  const source = words ?? (item.sourceKind === 'login' ? t('mydata.sources.login') : item.sourceKind === 'citizen' && i18n.language !== 'it' ? t('mydata.sources.citizen') : item.source);
  return (
    <p className="sp-md-source">
      {t('mydata.source', { source: '' })}
      <span lang={own ? 'it' : undefined}>{source}</span>
      {item.updatedAt && (
        <>
          <span aria-hidden="true"> · </span>
          {t('mydata.updated', { date: formatDate(item.updatedAt, i18n.language) })}
        </>
      )}
    </p>
  );
}

// ---- registry ------------------------------------------------------------------------------------------------

function useFieldText() {
  const { t, i18n } = useTranslation();
  // sex: the record's own, so the civil status reads "coniugata" for a woman (i18next context _female/_male)
  return (f: Pick<RegistryFieldItem, 'field' | 'value'>, sex?: string | null): string => {
    if (f.value === null || f.value === '') return t('mydata.notRecorded');
    switch (f.field) {
      case 'sex': return t(`mydata.sex.${f.value}`, { defaultValue: f.value });
      case 'civil_status': return t(`mydata.civilStatus.${f.value}`, { defaultValue: f.value, context: sex === 'F' ? 'female' : sex === 'M' ? 'male' : undefined });
      case 'birth_date':
      case 'residence_since': return formatDate(f.value, i18n.language);
      default: return f.value;
    }
  };
}

function RegistryFields({ record, pending }: { record: RegistryRecord; pending: Set<string> }) {
  const { t } = useTranslation();
  const text = useFieldText();
  const sex = record.fields.find((x) => x.field === 'sex')?.value ?? null;
  return (
    <dl className="sp-md-items">
      {record.fields.map((f) => (
        <div key={f.field} className="sp-md-item">
          <dt>{t(`mydata.fields.${f.field}`)}</dt>
          <dd>
            <span className={`sp-md-value${f.value === null ? ' sp-md-missing' : ''}`}>{text(f, sex)}</span>
            <Provenance item={f} />
            <ReportControl tenantId={record.tenant.id} item={f.item} shown={text(f, sex)} pending={pending.has(pendingKey(record.tenant.id, f.item))} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Family({ record, sheet, pending }: { record: RegistryRecord; sheet: FamilySheet; pending: Set<string> }) {
  const { t, i18n } = useTranslation();
  const describe = (m: FamilySheet['members'][number]) => `${m.name} (${t(`mydata.family.relations.${m.relation}`)}, ${formatDate(m.birthDate, i18n.language)})`;
  return (
    <div className="sp-md-body">
      <p className="sp-md-body-name">{t('mydata.family.sheet', { number: sheet.number, body: record.tenant.name })}</p>
      <ul className="sp-md-family" aria-label={t('mydata.family.listLabel')}>
        {sheet.members.map((m) => (
          <li key={`${m.name}-${m.birthDate}`}>
            <p className="sp-md-member-name">
              <span className="fw-semibold">{m.name}</span>
              {m.you && <Badge color="primary" className="sp-badge">{t('mydata.family.you')}</Badge>}
              {m.minor && !m.inYourCare && <Badge color="secondary" className="sp-badge">{t('mydata.family.minor')}</Badge>}
            </p>
            <p className="sp-md-member-detail">
              {t(`mydata.family.relations.${m.relation}`)} · {t('mydata.family.born', { date: formatDate(m.birthDate, i18n.language) })}
            </p>
            {m.inYourCare && (
              <p className="sp-md-in-care">
                <KitIcon icon="it-user" size="sm" className="sp-icon" focusable="false" aria-hidden="true" />
                {t('mydata.family.inYourCare')}
              </p>
            )}
          </li>
        ))}
      </ul>
      <Provenance item={sheet} />
      <ReportControl tenantId={record.tenant.id} item="registry.family" shown={sheet.members.map(describe).join('; ')}
        pending={pending.has(pendingKey(record.tenant.id, 'registry.family'))} />
    </div>
  );
}

// ---- reporting a wrong item ----------------------------------------------------------------------------------

/**
 * "Segnala un errore" for one item: a button that opens a short form under the item (what is recorded, what is
 * right), then a confirmation that takes the focus. A report already waiting for an answer is said instead.
 */
function ReportControl({ tenantId, item, shown, pending }: { tenantId: string; item: ReportableItem; shown: string; pending: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [correction, setCorrection] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<MyDataReport | null>(null);
  const key = useRef<string | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const fieldId = `segnala-${tenantId.slice(0, 8)}-${item.replace(/\./g, '-')}`;
  const sentRef = useRef<HTMLDivElement>(null);
  const itemLabel = t(`mydata.items.${item}`);

  const send = useMutation({
    mutationFn: () => {
      // a retry of the same text after a network failure is the same report
      key.current ??= newIdempotencyKey();
      return myDataApi.report({ tenantId, item, correction: correction.trim() }, key.current);
    },
    onSuccess: (report) => {
      key.current = null;
      setSent(report);
      setOpen(false);
      setCorrection('');
      void queryClient.invalidateQueries({ queryKey: myDataKeys.reports });
    },
    onError: (e) => {
      // refused: a new attempt is a new request
      if (isApiError(e)) key.current = null;
      const field = isApiError(e) ? e.problem?.errors?.find((x) => x.path === 'body.correction')?.message : undefined;
      setError(field ?? (isApiError(e) ? (e.problem?.detail ?? t('common.errorBody')) : t('mydata.contacts.networkError')));
    },
  });

  useEffect(() => {
    if (open) document.getElementById(fieldId)?.focus();
  }, [open, fieldId]);
  useEffect(() => {
    if (sent) sentRef.current?.focus();
  }, [sent]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = correction.trim();
    if (!text) return setError(t('mydata.report.required'));
    if (text.length > DATA_REPORT_LIMITS.correctionMax) return setError(t('mydata.report.tooLong'));
    setError(null);
    send.mutate();
  };
  const cancel = () => {
    setOpen(false);
    setError(null);
    window.setTimeout(() => buttonRef.current?.focus(), 0);
  };

  if (sent) {
    return (
      <Notice tone="success" role="status" focusRef={sentRef} className="sp-md-report-sent">
        {t('mydata.report.sent', { office: sent.office ?? sent.tenant.name })}
      </Notice>
    );
  }
  if (pending) return <p className="sp-md-pending">{t('mydata.report.pending')}</p>;
  if (!open) {
    return (
      // a quiet link-like button: one sits under every item of the record
      <button type="button" className="sp-md-report-link" ref={buttonRef} aria-expanded={false} onClick={() => setOpen(true)}>
        <KitIcon icon="it-flag" size="xs" className="sp-icon" focusable="false" aria-hidden="true" />
        {t('mydata.report.open')}
        <span className="visually-hidden">{t('mydata.report.openFor', { item: itemLabel })}</span>
      </button>
    );
  }
  return (
    <form className="sp-md-report-form" onSubmit={submit} noValidate aria-labelledby={`${fieldId}-title`}>
      <p className="fw-semibold mb-2" id={`${fieldId}-title`}>{t('mydata.report.title', { item: itemLabel })}</p>
      <p className="sp-md-report-wrong">
        <span className="sp-md-report-label">{t('mydata.report.wrong')}</span> <span>{shown}</span>
      </p>
      <TextAreaField
        id={fieldId}
        label={t('mydata.report.right')}
        hint={t('mydata.report.rightHint')}
        value={correction}
        onValueChange={(v) => {
          setCorrection(v);
          if (error) setError(null);
        }}
        error={error ?? undefined}
        rows={3}
        required
      />
      <p className="visually-hidden" aria-live="polite">{send.isPending ? t('mydata.report.sending') : ''}</p>
      <div className="sp-md-actions">
        <Button type="submit" color="primary" size="sm" disabled={send.isPending}>
          {send.isPending ? t('mydata.report.sending') : t('mydata.report.send')}
        </Button>
        <Button type="button" color="primary" outline size="sm" onClick={cancel}>
          {t('mydata.report.cancel')}
        </Button>
      </div>
    </form>
  );
}

// ---- contacts ------------------------------------------------------------------------------------------------

const CONTACT_CONTROL = { email: { type: 'email', autoComplete: 'email' }, phone: { type: 'tel', autoComplete: 'tel' }, pec: { type: 'email', autoComplete: 'off' } } as const;

function contactWords(c: ContactItem, t: (k: string) => string): string | undefined {
  if (c.sourceKind === 'login') return t('mydata.sources.login');
  if (c.value) return t('mydata.sources.citizen');
  return t('mydata.sources.cleared');
}

/** The contacts: read, then corrected in place. Only what changed is sent (a merge patch). */
function Contacts({ items }: { items: ContactItem[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const byField = Object.fromEntries(items.map((c) => [c.field, c])) as Record<ContactField, ContactItem>;
  const initial = () => Object.fromEntries(CONTACT_FIELDS.map((f) => [f, byField[f]?.value ?? ''])) as Record<ContactField, string>;
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Record<ContactField, string>>(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<ContactField, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const doneRef = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (patch: Partial<Record<ContactField, string | null>>) => myDataApi.saveContacts(patch),
    onSuccess: (result) => {
      queryClient.setQueryData<MyData>(myDataKeys.data, (old) => (old ? { ...old, contacts: result.items } : old));
      void queryClient.invalidateQueries({ queryKey: ['me', 'preferences'] });
      setEditing(false);
      setDone(t('mydata.contacts.saved'));
    },
    onError: (error) => {
      const fields: Partial<Record<ContactField, string>> = {};
      if (isApiError(error)) {
        for (const e of error.problem?.errors ?? []) {
          const field = e.path.replace(/^body\./, '') as ContactField;
          if ((CONTACT_FIELDS as readonly string[]).includes(field) && !fields[field]) fields[field] = e.message;
        }
      }
      setFieldErrors(fields);
      setProblem(!isApiError(error) ? t('mydata.contacts.networkError')
        : Object.keys(fields).length ? t('mydata.contacts.fixFields') : (error.problem?.detail ?? t('common.errorBody')));
    },
  });

  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);
  useEffect(() => {
    if (editing) document.getElementById('contatti-email')?.focus();
  }, [editing]);

  const start = () => {
    setValues(initial());
    setFieldErrors({});
    setProblem(null);
    setDone(null);
    setEditing(true);
  };
  const stop = () => {
    setEditing(false);
    setProblem(null);
    setFieldErrors({});
    window.setTimeout(() => editRef.current?.focus(), 0);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const patch: Partial<Record<ContactField, string | null>> = {};
    for (const f of CONTACT_FIELDS) {
      const typed = values[f].trim();
      if (typed !== (byField[f]?.value ?? '')) patch[f] = typed || null;
    }
    if (Object.keys(patch).length === 0) {
      setEditing(false);
      setDone(t('mydata.contacts.unchanged'));
      return;
    }
    setProblem(null);
    save.mutate(patch);
  };

  return (
    <section className="sp-pa-section" aria-labelledby="contatti">
      <h2 id="contatti" tabIndex={-1}>{t('mydata.sections.contacts')}</h2>
      <p>
        {t('mydata.contacts.intro')} <Link to={PREFERENCES_URL}>{t('mydata.contacts.preferencesLink')}</Link>.
      </p>
      <div role="status">
        {done && !editing && (
          <Notice tone="success" role="none" focusRef={doneRef}>
            {done}
          </Notice>
        )}
      </div>
      {!editing ? (
        <>
          <dl className="sp-md-items">
            {CONTACT_FIELDS.map((f) => {
              const c = byField[f];
              return (
                <div key={f} className="sp-md-item">
                  <dt>{t(`mydata.contacts.${f}`)}</dt>
                  <dd>
                    <span className={`sp-md-value${c?.value ? '' : ' sp-md-missing'}`}>{c?.value ?? t('mydata.notGiven')}</span>
                    {c && (c.value || c.updatedAt) && <Provenance item={c} words={contactWords(c, t)} />}
                  </dd>
                </div>
              );
            })}
          </dl>
          <Button type="button" color="primary" outline size="sm" innerRef={editRef} onClick={start}>
            {t('mydata.contacts.edit')}
          </Button>
        </>
      ) : (
        <form onSubmit={submit} noValidate aria-labelledby="contatti" className="sp-md-contacts-form">
          {problem && (
            <Notice tone="danger" role="alert" focusRef={summaryRef} aria-labelledby="contatti-problema">
              <p className="fw-semibold mb-1" id="contatti-problema">{t('mydata.contacts.problemTitle')}</p>
              <p className="mb-0">{problem}</p>
              {Object.keys(fieldErrors).length > 0 && (
                <ul className="mb-0 mt-2">
                  {(Object.entries(fieldErrors) as [ContactField, string][]).map(([f, message]) => (
                    <li key={f}>
                      <a href={`#contatti-${f}`} onClick={(e) => {
                        e.preventDefault();
                        document.getElementById(`contatti-${f}`)?.focus();
                      }}>
                        {t(`mydata.contacts.${f}`)}: {message}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </Notice>
          )}
          {CONTACT_FIELDS.map((f) => {
            const c = byField[f];
            return (
              <TextField
                key={f}
                id={`contatti-${f}`}
                type={CONTACT_CONTROL[f].type}
                autoComplete={CONTACT_CONTROL[f].autoComplete}
                label={t(`mydata.contacts.${f}`)}
                hint={<HintWithSource hint={`${t(`mydata.contacts.${f}Hint`)}. ${t('mydata.contacts.emptyHint')}`} item={c} />}
                value={values[f]}
                error={fieldErrors[f]}
                onValueChange={(v) => {
                  setValues((cur) => ({ ...cur, [f]: v }));
                  if (fieldErrors[f]) setFieldErrors((cur) => ({ ...cur, [f]: undefined }));
                }}
              />
            );
          })}
          <div className="sp-md-actions">
            <Button type="submit" color="primary" disabled={save.isPending}>
              {save.isPending ? t('mydata.contacts.saving') : t('mydata.contacts.save')}
            </Button>
            <Button type="button" color="primary" outline onClick={stop}>
              {t('mydata.contacts.cancel')}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}

function HintWithSource({ hint, item }: { hint: string; item: ContactItem | undefined }): ReactNode {
  const { t, i18n } = useTranslation();
  if (!item || (!item.value && !item.updatedAt)) return hint;
  return (
    <>
      {hint}
      <br />
      {t('mydata.source', { source: contactWords(item, t) })}
      {item.updatedAt && ` · ${t('mydata.updated', { date: formatDate(item.updatedAt, i18n.language) })}`}
    </>
  );
}

// ---- documents -----------------------------------------------------------------------------------------------

const CARD_COLOR: Record<IdCardItem['state'], string> = { valid: 'success', expiring: 'warning', expired: 'danger', unknown: 'secondary' };
const DELEGATION_COLOR: Record<DelegationItem['status'], string> = { active: 'success', expired: 'secondary', revoked: 'danger' };

function MaskedNumber({ number }: { number: string }) {
  const { t } = useTranslation();
  if (!number) return <>{t('mydata.notRecorded')}</>;
  return (
    <>
      <span aria-hidden="true" className="sp-cf">{number}</span>
      <span className="visually-hidden">{t('mydata.documents.maskedNumber', { start: number.slice(0, 2), end: number.slice(-2) })}</span>
    </>
  );
}

function IdCards({ cards, pending }: { cards: IdCardItem[]; pending: Set<string> }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="h4">{t('mydata.documents.idCard')}</h3>
      {cards.length === 0 && <p className="sp-empty-note">{t('mydata.documents.noIdCard')}</p>}
      {cards.map((card) => (
        <div key={card.tenant.id} className="sp-md-doc">
          <dl className="sp-md-items sp-md-items-compact">
            <div className="sp-md-item">
              <dt>{t('mydata.documents.number')}</dt>
              <dd><MaskedNumber number={card.number} /></dd>
            </div>
            <div className="sp-md-item">
              <dt>{t('mydata.documents.expiresOn')}</dt>
              <dd>
                {card.expiresOn ? formatDate(card.expiresOn, i18n.language) : t('mydata.notRecorded')}{' '}
                <Badge color={CARD_COLOR[card.state]} className="sp-badge">{t(`mydata.documents.states.${card.state}`)}</Badge>
              </dd>
            </div>
          </dl>
          <Provenance item={card} />
          <ReportControl tenantId={card.tenant.id} item="document.id_card"
            shown={[card.number, card.expiresOn ? formatDate(card.expiresOn, i18n.language) : null].filter(Boolean).join(', ')}
            pending={pending.has(pendingKey(card.tenant.id, 'document.id_card'))} />
        </div>
      ))}
    </>
  );
}

function Delegations({ items }: { items: DelegationItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="h4 mt-4">{t('mydata.documents.delegations')}</h3>
      {items.length === 0 ? (
        <p className="sp-empty-note">{t('mydata.documents.noDelegations')}</p>
      ) : (
        <ul className="sp-md-list">
          {items.map((d) => (
            <li key={`${d.direction}-${d.id}`}>
              <p className="sp-md-member-name">
                <span className="fw-semibold">{t(`mydata.documents.${d.direction}`, { name: d.name })}</span>
                <Badge color={DELEGATION_COLOR[d.status]} className="sp-badge">{t(`mydata.documents.delegationStatus.${d.status}`)}</Badge>
              </p>
              <p className="sp-md-member-detail">
                {t('mydata.documents.purpose')}: <span lang="it">{d.purpose}</span> · {t('mydata.documents.validUntil')} {formatDate(d.validUntil, i18n.language)}
              </p>
              <Provenance item={d} />
            </li>
          ))}
        </ul>
      )}
      <p><Link to={PERSONAL_AREA}>{t('mydata.documents.manageDelegations')}</Link></p>
    </>
  );
}

function IssuedDocuments({ items }: { items: IssuedDocumentItem[] }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <h3 className="h4 mt-4">{t('mydata.documents.issued')}</h3>
      {items.length === 0 ? (
        <p className="sp-empty-note">{t('mydata.documents.noIssued')}</p>
      ) : (
        <ul className="sp-md-list">
          {items.map((d) => (
            <li key={d.id}>
              <p className="sp-md-member-name">
                <a href={d.href} download className="fw-semibold">
                  <KitIcon icon="it-download" size="sm" className="sp-icon me-1" focusable="false" aria-hidden="true" />
                  <span lang="it">{d.title}</span>
                </a>
                {d.revoked && <Badge color="danger" className="sp-badge">{t('mydata.documents.revoked')}</Badge>}
              </p>
              <p className="sp-md-member-detail">
                <Link to={`/area-personale/pratiche/${encodeURIComponent(d.application.id)}`}>
                  {t('mydata.documents.application', { code: d.application.code, service: d.application.serviceTitle })}
                </Link>
                {' · '}
                {t('mydata.documents.issuedOn', { date: formatDate(d.issuedAt, i18n.language) })}
              </p>
              <Provenance item={d} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

// ---- the citizen's reports -----------------------------------------------------------------------------------

const REPORT_COLOR: Record<MyDataReport['status'], string> = { open: 'primary', in_progress: 'warning', resolved: 'success', rejected: 'secondary' };

function ReportList({ items }: { items: MyDataReport[] }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <p className="sp-empty-note">{t('mydata.reports.none')}</p>;
  return (
    <ul className="sp-md-reports" aria-label={t('mydata.reports.listLabel')}>
      {items.map((r) => (
        <li key={r.id} className="sp-md-report">
          <div className="sp-md-report-head">
            <h3 className="h5 mb-0">{t(`mydata.items.${r.item}`)}</h3>
            <Badge color={REPORT_COLOR[r.status]} className="sp-badge">{t(`mydata.reports.status.${r.status}`)}</Badge>
          </div>
          <p className="sp-md-member-detail">{t('mydata.reports.sentOn', { date: formatDate(r.createdAt, i18n.language), office: r.office ?? r.tenant.name })}</p>
          <dl className="sp-md-report-facts">
            <div>
              <dt>{t('mydata.reports.shown')}</dt>
              <dd lang="it">{r.shownValue}</dd>
            </div>
            <div>
              <dt>{t('mydata.reports.correction')}</dt>
              <dd>{r.correction}</dd>
            </div>
            {r.answer && (
              <div className="sp-md-answer">
                <dt>{t('mydata.reports.answer')}</dt>
                <dd>
                  <p className="mb-1" lang="it">{r.answer}</p>
                  {r.handledAt && <p className="sp-md-source mb-0">{t('mydata.reports.answeredOn', { office: r.office ?? r.tenant.name, date: formatDate(r.handledAt, i18n.language) })}</p>}
                </dd>
              </div>
            )}
          </dl>
        </li>
      ))}
    </ul>
  );
}
