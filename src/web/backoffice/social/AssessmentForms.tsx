/**
 * The coded assessments the Casellario receives: the SINA assessment of a non-self-sufficient person (disability
 * and elderly areas) and the SINBA record of a minor (families and minors). Each field is a select of the XSD's
 * codes with their labels (siussLabels.ts); multi-valued fields are checkbox groups. Required fields are checked
 * here before sending (forms.ts), the server checks again.
 */
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { INTERVENTION_TYPES, type CaseDetail } from '../../../contracts/social';
import { CheckboxField, SelectField } from '../../ui/fields';
import { FailureAlert } from '../payments/common';
import { socialApi, socialKeys } from './api';
import { codeOptions, DateField, today, useFailure } from './common';
import { sinaDraftOf, sinaFromDraft, sinaProblems, sinbaDraftOf, sinbaFromDraft, sinbaProblems, typesForArea, type Problems, type SinaDraft, type SinbaDraft } from './forms';
import * as L from './siussLabels';

type Done = (message: string) => void;

function CodeGroup({ id, legend, labels, values, onChange, error, disabled }: {
  id: string;
  legend: string;
  labels: Record<string, string>;
  values: string[];
  onChange: (values: string[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <fieldset className="sp-soc-fieldset" id={id} aria-describedby={error ? `${id}-error` : undefined} disabled={disabled}>
      <legend>{legend}</legend>
      {error && (
        <p id={`${id}-error`} className="sp-soc-error">
          {error}
        </p>
      )}
      <div className="sp-soc-checks">
        {Object.entries(labels).map(([code, label]) => (
          <CheckboxField
            key={code}
            id={`${id}-${code.replace(/\W/g, '_')}`}
            label={label}
            checked={values.includes(code)}
            onCheckedChange={(on) => onChange(on ? [...values, code] : values.filter((v) => v !== code))}
            error={undefined}
          />
        ))}
      </div>
    </fieldset>
  );
}

const focusFirstInvalid = (formId: string) =>
  window.setTimeout(() => {
    const form = document.getElementById(formId);
    (form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? form?.querySelector<HTMLElement>('.sp-soc-error')?.closest('fieldset')?.querySelector<HTMLElement>('input'))?.focus();
  }, 0);

export function SinaForm({ detail, onDone }: { detail: CaseDetail; onDone: Done }) {
  const queryClient = useQueryClient();
  const [d, setD] = useState<SinaDraft>(() => sinaDraftOf(detail.sina, today()));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(Object.keys(d));
  const err = (k: string) => problems[k] ?? failure?.fields[k];
  const set = (patch: Partial<SinaDraft>) => setD((x) => ({ ...x, ...patch }));
  const readOnly = !detail.can.write;
  const select = (key: keyof SinaDraft, label: string, labels: Record<string, string>, required = true) => (
    <SelectField
      id={`sina-${key}`}
      label={`${label}${required ? ' *' : ''}`}
      value={d[key] as string}
      onValueChange={(v) => set({ [key]: v } as Partial<SinaDraft>)}
      options={codeOptions(labels)}
      emptyLabel={required ? 'Scegli' : 'Non indicato'}
      error={err(key)}
      required={required}
    />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const p = sinaProblems(d);
    setProblems(p);
    if (Object.keys(p).length) return focusFirstInvalid('sina-form');
    setBusy(true);
    try {
      await socialApi.putSina(detail.id, sinaFromDraft(d));
      await queryClient.invalidateQueries({ queryKey: socialKeys.case(detail.id) });
      onDone('Valutazione SINA salvata.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const needs = Object.fromEntries(INTERVENTION_TYPES.filter((t) => t.sina || typesForArea(detail.targetArea).includes(t)).map((t) => [t.code, `${t.code} — ${t.name}`]));
  return (
    <section aria-labelledby="sina-title" className="pt-3">
      <h2 id="sina-title" className="h4">
        Valutazione SINA (non autosufficienza)
      </h2>
      <p className="sp-soc-hint">
        I dati della valutazione sono dati sanitari: sono conservati cifrati e vanno all'INPS solo nel flusso PSA. {detail.sina ? '' : 'La valutazione non è ancora stata compilata.'}
      </p>
      <form id="sina-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={readOnly} className="border-0 p-0 m-0" style={{ minWidth: 0 }}>
          <div className="sp-soc-grid">
            {select('mobility', 'Mobilità', L.SINA_MOBILITY)}
            {select('dailyLiving', 'Attività della vita quotidiana', L.SINA_DAILY_LIVING)}
            {select('cognitive', "Disturbi dell'area cognitiva", L.SINA_COGNITIVE, false)}
            {select('behavioural', 'Disturbi comportamentali', L.SINA_BEHAVIOURAL)}
            {select('healthCare', 'Necessità di cure sanitarie', L.SINA_HEALTH_CARE)}
            {select('income', 'Area reddituale', L.SINA_INCOME)}
            {select('support', 'Area del supporto', L.SINA_SUPPORT)}
            {select('source', 'Fonte della valutazione', L.SINA_SOURCE)}
            {select('tool', 'Strumento di valutazione', L.SINA_TOOL)}
            {select('invaliditySource', "Fonte dell'invalidità", L.SINA_INVALIDITY_SOURCE, false)}
            <DateField id="sina-assessedOn" label="Data della valutazione *" value={d.assessedOn} onValueChange={(assessedOn) => set({ assessedOn })} max={today()} error={err('assessedOn')} required />
          </div>
          <CodeGroup id="sina-invalidity" legend="Invalidità civile e certificazioni *" labels={L.SINA_INVALIDITY} values={d.invalidity} onChange={(invalidity) => set({ invalidity })} error={err('invalidity')} />
          <CodeGroup id="sina-neededInterventions" legend="Interventi sociali di cui ha bisogno *" labels={needs} values={d.neededInterventions} onChange={(neededInterventions) => set({ neededInterventions })} error={err('neededInterventions')} />
        </fieldset>
        <FailureAlert failure={failure} title="La valutazione non è stata salvata." takeFocus={!!failure && Object.keys(failure.fields).length === 0} />
        {!readOnly && (
          <Button type="submit" color="primary" disabled={busy} data-testid="sina-save">
            Salva la valutazione SINA
          </Button>
        )}
      </form>
    </section>
  );
}

export function SinbaForm({ detail, onDone }: { detail: CaseDetail; onDone: Done }) {
  const queryClient = useQueryClient();
  const [d, setD] = useState<SinbaDraft>(() => sinbaDraftOf(detail.sinba));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(Object.keys(d));
  const err = (k: string) => problems[k] ?? failure?.fields[k];
  const set = (patch: Partial<SinbaDraft>) => setD((x) => ({ ...x, ...patch }));
  const readOnly = !detail.can.write;
  const select = (key: keyof SinbaDraft, label: string, labels: Record<string, string>, required = true) => (
    <SelectField
      id={`sinba-${key}`}
      label={`${label}${required ? ' *' : ''}`}
      value={d[key] as string}
      onValueChange={(v) => set({ [key]: v } as Partial<SinbaDraft>)}
      options={codeOptions(labels)}
      emptyLabel="Scegli"
      error={err(key)}
      required={required}
    />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const p = sinbaProblems(d);
    setProblems(p);
    if (Object.keys(p).length) return focusFirstInvalid('sinba-form');
    setBusy(true);
    try {
      await socialApi.putSinba(detail.id, sinbaFromDraft(d));
      await queryClient.invalidateQueries({ queryKey: socialKeys.case(detail.id) });
      onDone('Scheda SINBA salvata.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const minorTypes = Object.fromEntries(typesForArea('famiglie_minori').map((t) => [t.code, `${t.code} — ${t.name}`]));
  return (
    <section aria-labelledby="sinba-title" className="pt-3">
      <h2 id="sinba-title" className="h4">
        Scheda SINBA (minori in carico)
      </h2>
      <p className="sp-soc-hint">Contiene provvedimenti giudiziari e dati sulla disabilità: è conservata cifrata. Nel flusso il minore è indicato con uno pseudonimo, mai con il codice fiscale.</p>
      <form id="sinba-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset disabled={readOnly} className="border-0 p-0 m-0" style={{ minWidth: 0 }}>
          <div className="sp-soc-grid">
            {select('unaccompaniedForeignMinor', 'Minore straniero non accompagnato', L.SINBA_YES_NO)}
            {select('condition', 'Condizione del minore', L.SINBA_CONDITION)}
            {select('livingPlace', 'Dove vive', L.SINBA_LIVING_PLACE)}
            {select('school', 'Scuola frequentata', L.SINBA_SCHOOL)}
            {select('work', 'Condizione lavorativa', L.SINBA_WORK)}
            {select('disability', 'Disabilità', L.SINBA_YES_NO)}
            {d.disability === '1' && select('disabilityType', 'Tipo di disabilità', L.SINBA_DISABILITY_TYPE)}
            {select('reportSource', 'Fonte della segnalazione', L.SINBA_REPORT_SOURCE)}
            <TextFieldMonth value={d.firstReportMonth} onChange={(firstReportMonth) => set({ firstReportMonth })} error={err('firstReportMonth')} />
            {select('minorAssessment', 'Valutazione del minore', L.SINBA_MINOR_ASSESSMENT)}
            {select('familyAssessment', 'Valutazione della famiglia', L.SINBA_FAMILY_ASSESSMENT)}
            {select('reportedToCourt', "Segnalazione all'autorità giudiziaria", L.SINBA_YES_NO)}
            {select('courtMeasure', 'Provvedimento giudiziario', L.SINBA_YES_NO)}
            {d.courtMeasure === '1' && select('courtMeasureType', 'Tipo di provvedimento', L.SINBA_COURT_MEASURE_TYPE)}
            {d.courtMeasure === '1' && select('courtAuthority', 'Autorità che ha emesso il provvedimento', L.SINBA_COURT_AUTHORITY)}
          </div>
          <CodeGroup id="sinba-household" legend="Con chi vive il minore *" labels={L.SINBA_HOUSEHOLD} values={d.household} onChange={(household) => set({ household })} error={err('household')} />
          <CodeGroup id="sinba-interventions" legend="Prestazioni date al minore *" labels={minorTypes} values={d.interventions} onChange={(interventions) => set({ interventions })} error={err('interventions')} />
        </fieldset>
        <FailureAlert failure={failure} title="La scheda non è stata salvata." takeFocus={!!failure && Object.keys(failure.fields).length === 0} />
        {!readOnly && (
          <Button type="submit" color="primary" disabled={busy} data-testid="sinba-save">
            Salva la scheda SINBA
          </Button>
        )}
      </form>
    </section>
  );
}

function TextFieldMonth({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  const id = 'sinba-firstReportMonth';
  return (
    <div className="mb-3">
      <label htmlFor={id} className="sp-soc-label">
        Mese della prima segnalazione *
      </label>
      <input
        id={id}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder="MM/AAAA"
        inputMode="numeric"
        maxLength={7}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
      />
      <small id={`${id}-hint`} className="form-text sp-hint d-block">
        Mese e anno, per esempio 03/2025.
      </small>
      {error && (
        <p id={`${id}-error`} className="sp-soc-error">
          {error}
        </p>
      )}
    </div>
  );
}
