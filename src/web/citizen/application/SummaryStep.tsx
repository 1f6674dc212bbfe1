/**
 * "Riepilogo": one screen with everything that will be sent — who files it and for whom, every step's answers as a
 * definition list (each step with "Modifica"), the documents by name — and the one button that sends it. When the
 * service asks a payment before sending, what the saved answers make the applicant pay ("Da pagare prima
 * dell'invio") and the button says "Invia e vai al pagamento".
 */
import type { ValidatorType } from '@rjsf/utils';
import { useMemo, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import type { ServiceForm } from '../../../contracts/forms';
import { formatSize } from '../identityFormat';
import { subjectKindLabel } from '../ActingForBanner';
import { Notice } from '../../ui/status';
import { useFeesPreview } from '../../api/payments';
import { FeesToPay } from '../payments/FeesToPay';
import { ATTACHMENTS_STEP, stepSchema, stepUiSchema, typeName, type JsonObject, type PageStep } from './formModel';
import { summaryRows, type SummaryRow } from './summaryFormat';

export interface SubmitErrorItem {
  pointer: string;
  stepIndex: number | null;
  stepTitle: string | null;
  label: string;
  message: string;
}

export interface SubmitFailure {
  title: string;
  detail?: string;
  items: SubmitErrorItem[];
}

interface Props {
  application: ApplicationDetail;
  form: ServiceForm;
  steps: PageStep[];
  data: JsonObject;
  validator: ValidatorType;
  onEdit: (index: number) => void;
  onJump: (item: SubmitErrorItem) => void;
  onSubmit: () => void;
  sending: boolean;
  failure: SubmitFailure | null;
  failureRef: Ref<HTMLDivElement>;
  /** answers not yet saved: sending waits for them */
  footer?: ReactNode;
}

export function SummaryStep({ application, form, steps, data, validator, onEdit, onJump, onSubmit, sending, failure, failureRef, footer }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const root = form.schema as JsonObject;
  const sections = useMemo(
    () =>
      steps
        .map((step, index) => ({ step, index }))
        .filter(({ step }) => step.kind === 'form')
        .map(({ step, index }) => {
          const ui = stepUiSchema(form, application, step.id);
          return { step, index, rows: summaryRows(validator, root, stepSchema(form, step.id), ui, data[step.id], `/${step.id}`, t, lng) };
        }),
    [steps, form, data, validator, root, t, lng, application],
  );
  const attachmentsIndex = steps.findIndex((s) => s.id === ATTACHMENTS_STEP);
  const subject = application.subject;
  // the fees of the answers as saved (a save moves the revision, and the figure follows)
  const fees = useFeesPreview(application.id, application.revision);
  const paysFirst = (fees.data?.totalCents ?? 0) > 0;

  return (
    <div className="sp-summary">
      <p>{t('application.summary.intro')}</p>

      <section className="sp-summary-section" aria-labelledby="riepilogo-chi">
        <div className="sp-summary-head">
          <h3 className="h5" id="riepilogo-chi">
            {t('application.summary.who')}
          </h3>
        </div>
        <dl className="sp-summary-list">
          <div className="sp-summary-row">
            <dt>{t('application.summary.subject')}</dt>
            <dd>
              {subject.name} <span className="sp-cf">({subject.fiscalCode})</span>
              {subject.kind !== 'self' && <span className="d-block sp-hint">{subjectKindLabel(subject.kind, t)}</span>}
            </dd>
          </div>
          <div className="sp-summary-row">
            <dt>{t('application.summary.filedBy')}</dt>
            <dd>{application.filedBy ? application.filedBy.name : t('application.summary.filedBySelf', { name: subject.name })}</dd>
          </div>
          <div className="sp-summary-row">
            <dt>{t('application.summary.service')}</dt>
            <dd>
              {application.service.title} — {application.tenant.name}
            </dd>
          </div>
        </dl>
      </section>

      {sections.map(({ step, index, rows }) => (
        <section key={step.id} className="sp-summary-section" aria-labelledby={`riepilogo-${step.id}`}>
          <div className="sp-summary-head">
            <h3 className="h5" id={`riepilogo-${step.id}`}>
              {step.title}
            </h3>
            <button type="button" className="btn btn-link sp-summary-edit" onClick={() => onEdit(index)}>
              {t('application.summary.edit')}
              <span className="visually-hidden">: {step.title}</span>
            </button>
          </div>
          {rows.length === 0 ? <p className="sp-hint">{t('application.summary.noAnswers')}</p> : <Rows rows={rows} />}
        </section>
      ))}

      {attachmentsIndex >= 0 && (
        <section className="sp-summary-section" aria-labelledby="riepilogo-allegati">
          <div className="sp-summary-head">
            <h3 className="h5" id="riepilogo-allegati">
              {t('application.attachments.title')}
            </h3>
            <button type="button" className="btn btn-link sp-summary-edit" onClick={() => onEdit(attachmentsIndex)}>
              {t('application.summary.edit')}
              <span className="visually-hidden">: {t('application.attachments.title')}</span>
            </button>
          </div>
          <dl className="sp-summary-list">
            {form.attachments.map((req) => {
              const files = (application.attachments ?? []).filter((a) => a.requirementId === req.id);
              return (
                <div className="sp-summary-row" key={req.id}>
                  <dt>{req.title}</dt>
                  <dd>
                    {files.length === 0 ? (
                      <span className="sp-hint">{t('application.summary.noFiles')}</span>
                    ) : (
                      <ul className="sp-summary-files">
                        {files.map((f) => (
                          <li key={f.id}>
                            {f.fileName} <span className="sp-file-meta">({typeName(f.contentType)}, {formatSize(f.size, lng)})</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </section>
      )}

      {fees.data && <FeesToPay fees={fees.data} />}

      <section className="sp-summary-send" aria-labelledby="riepilogo-invio">
        <h3 className="h5" id="riepilogo-invio">
          {t('application.summary.sendTitle')}
        </h3>
        {failure && (
          <Notice tone="danger" role="alert" focusRef={failureRef} className="sp-error-summary" aria-labelledby="invio-problema">
            <p className="fw-semibold mb-1" id="invio-problema">
              {failure.title}
            </p>
            {failure.detail && <p className="mb-1">{failure.detail}</p>}
            {failure.items.length > 0 && (
              <ul className="mb-0">
                {failure.items.map((item, i) => (
                  <li key={`${item.pointer}-${i}`}>
                    {item.stepIndex !== null ? (
                      <a
                        href={`#${item.pointer}`}
                        onClick={(e) => {
                          e.preventDefault();
                          onJump(item);
                        }}
                      >
                        {item.message.includes(item.label) ? item.message : `${item.stepTitle ? `${item.stepTitle} — ` : ''}${item.label}: ${item.message}`}
                      </a>
                    ) : (
                      <>
                        {item.label}: {item.message}
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Notice>
        )}
        <p>{paysFirst ? t('payments.fees.sendNote') : t('application.summary.sendNote')}</p>
        {footer}
        <button type="button" className="btn btn-primary btn-lg sp-send" onClick={onSubmit} disabled={sending} aria-disabled={sending || undefined}>
          {sending ? t('application.summary.sending') : paysFirst ? t('payments.fees.send') : t('application.summary.send')}
        </button>
      </section>
    </div>
  );
}

function Rows({ rows }: { rows: SummaryRow[] }) {
  return (
    <dl className="sp-summary-list">
      {rows.map((row) => (
        <div className={`sp-summary-row${row.children || row.items ? ' is-group' : ''}`} key={row.pointer}>
          <dt>{row.label}</dt>
          <dd>
            {row.text !== undefined && row.text}
            {row.children && <Rows rows={row.children} />}
            {row.items && (
              <ol className="sp-summary-items">
                {row.items.map((item, i) => (
                  <li key={i}>
                    {/* one line per item: "Nome Giulia · Cognome Ferrari · …" */}
                    {item.map((cell, j) => (
                      <span key={cell.pointer} className="sp-summary-cell">
                        {j > 0 && <span aria-hidden="true"> · </span>}
                        <span className="sp-summary-cell-label">{cell.label}:</span> {cell.text ?? cell.children?.map((c) => c.text).filter(Boolean).join(', ')}
                      </span>
                    ))}
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
