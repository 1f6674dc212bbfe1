/**
 * "Dati della domanda": the answers as the citizen's summary shows them (the form's labels and order, the titles
 * of the choices, "Sì"/"No", dates the Italian way), step by step, with the data the body filled in from its own
 * records marked by origin. The form is the version the application was filed on. Should the form not load, the
 * answers are still shown, by their field names.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import type { ServiceForm } from '../../../contracts/forms';
import { useServiceForm } from '../../api/applications';
import { pageSteps, stepSchema, stepUiSchema, type JsonObject } from '../../citizen/application/formModel';
import { summaryRows, type SummaryRow } from '../../citizen/application/summaryFormat';
import { validatorFor } from '../../citizen/application/validation';
import { Loading } from '../../ui/status';

export function useApplicationForm(a: ApplicationDetail) {
  return useServiceForm(a.service.id, a.service.version);
}

export function AnswersPanel({ a, form, formFailed }: { a: ApplicationDetail; form: ServiceForm | undefined; formFailed: boolean }) {
  const { t } = useTranslation();
  if (!form && !formFailed) return <Loading />;
  if (!form) {
    return (
      <>
        <p className="sp-ws-hint">{t('workspace.answers.noForm')}</p>
        <RawAnswers data={a.data} />
      </>
    );
  }
  return <FormAnswers a={a} form={form} />;
}

function FormAnswers({ a, form }: { a: ApplicationDetail; form: ServiceForm }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const sections = useMemo(() => {
    const validator = validatorFor(lng);
    const root = form.schema as JsonObject;
    return pageSteps(form, t)
      .filter((s) => s.kind === 'form')
      .map((step) => ({
        step,
        rows: summaryRows(validator, root, stepSchema(form, step.id), stepUiSchema(form, a, step.id), a.data[step.id], `/${step.id}`, t, lng),
      }));
  }, [a, form, t, lng]);
  if (sections.every((s) => s.rows.length === 0)) return <p>{t('workspace.answers.none')}</p>;
  return (
    <>
      {sections.map(({ step, rows }) => (
        <section key={step.id} className="sp-ws-answers-step" aria-labelledby={`dati-${step.id}`}>
          <h3 className="h6" id={`dati-${step.id}`}>
            {step.title}
          </h3>
          {rows.length === 0 ? <p className="sp-ws-hint">{t('workspace.answers.stepEmpty')}</p> : <AnswerRows rows={rows} prefilled={a.prefilled} />}
        </section>
      ))}
    </>
  );
}

/** The pointer itself or a parent of it was filled in by the body (a group prefilled as a whole counts too). */
const originOf = (pointer: string, prefilled: ApplicationDetail['prefilled']) => prefilled[pointer] ?? null;

function AnswerRows({ rows, prefilled }: { rows: SummaryRow[]; prefilled: ApplicationDetail['prefilled'] }) {
  const { t } = useTranslation();
  return (
    <dl className="sp-ws-answers">
      {rows.map((row) => {
        const origin = originOf(row.pointer, prefilled);
        return (
          <div key={row.pointer} className={row.children || row.items ? 'is-group' : undefined}>
            <dt>{row.label}</dt>
            <dd>
              {row.text !== undefined && <span className="sp-ws-answer">{row.text}</span>}
              {origin && <span className="sp-ws-origin">{t(`application.prefill.origin.${origin}`)}</span>}
              {row.children && <AnswerRows rows={row.children} prefilled={prefilled} />}
              {row.items && (
                <ol className="sp-ws-answer-items">
                  {row.items.map((item, i) => (
                    <li key={i}>
                      {item.map((cell, j) => (
                        <span key={cell.pointer}>
                          {j > 0 && <span aria-hidden="true"> · </span>}
                          <span className="sp-ws-cell-label">{cell.label}:</span> {cell.text ?? cell.children?.map((c) => c.text).filter(Boolean).join(', ')}
                        </span>
                      ))}
                    </li>
                  ))}
                </ol>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The answers without their form: field names as labels, values as text. */
function RawAnswers({ data }: { data: unknown }) {
  if (!isObject(data)) return null;
  const entries = Object.entries(data).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return (
    <dl className="sp-ws-answers">
      {entries.map(([key, value]) => (
        <div key={key} className={isObject(value) ? 'is-group' : undefined}>
          <dt>{key}</dt>
          <dd>{isObject(value) ? <RawAnswers data={value} /> : Array.isArray(value) ? value.map((v) => (isObject(v) ? Object.values(v).join(' ') : String(v))).join('; ') : String(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
