/**
 * /backoffice/sociale/invii-inps — "Invii al Casellario dell'Assistenza (INPS)", for the district's coordinator:
 * choose the flow and the period, "Verifica" shows what would go in the file (new records, corrections, unchanged)
 * and the records that cannot go yet, with what is missing and a link to the case; "Genera il file" makes it (a
 * 422 with problems lists them, and no file is made) and offers the download; below, the past exports.
 */
import { Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { EXPORT_FLOW_LABELS, EXPORT_FLOWS, type ExportFlow, type ExportPreview, type ExportProblem, type SocialExport } from '../../../contracts/social';
import { isApiError } from '../../api/client';
import { formatDateTime } from '../../citizen/practices/format';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { DateRangeFields, SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { FailureAlert } from '../payments/common';
import { caseUrl, SOCIAL_PATHS } from './access';
import { socialApi, socialKeys, useExports, useSocialMe } from './api';
import { day, optionsOf, today, useFailure } from './common';
import { isDay } from './forms';

const firstOfYear = () => `${today().slice(0, 4)}-01-01`;

export default function ExportsPage() {
  useDocumentTitle("Invii al Casellario dell'Assistenza");
  const queryClient = useQueryClient();
  const me = useSocialMe();
  const may = !!me.data?.canExport;
  const past = useExports(may);
  const [flow, setFlow] = useState<ExportFlow>('psa');
  const [from, setFrom] = useState(firstOfYear());
  const [to, setTo] = useState(today());
  const [dateError, setDateError] = useState<string | null>(null);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [problems, setProblems] = useState<ExportProblem[] | null>(null);
  const [made, setMade] = useState<SocialExport | null>(null);
  const [busy, setBusy] = useState<'preview' | 'create' | null>(null);
  const { failure, fail, clear } = useFailure(['flow', 'from', 'to']);
  const resultRef = useRef<HTMLDivElement>(null);

  const valid = () => {
    if (!isDay(from) || !isDay(to)) {
      setDateError('Scrivi le due date del periodo.');
      return false;
    }
    if (to < from) {
      setDateError("La fine del periodo non può precedere l'inizio.");
      return false;
    }
    setDateError(null);
    return true;
  };
  const reset = () => {
    clear();
    setPreview(null);
    setProblems(null);
    setMade(null);
  };
  const focusResult = () => window.setTimeout(() => resultRef.current?.focus(), 0);

  const verify = async (e: FormEvent) => {
    e.preventDefault();
    reset();
    if (!valid()) return;
    setBusy('preview');
    try {
      const p = await socialApi.previewExport({ flow, from, to });
      setPreview(p);
      setProblems(p.problems);
      focusResult();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };
  const create = async () => {
    clear();
    setMade(null);
    if (!valid()) return;
    setBusy('create');
    try {
      const x = await socialApi.createExport({ flow, from, to });
      setMade(x);
      setPreview(null);
      setProblems(null);
      void queryClient.invalidateQueries({ queryKey: socialKeys.exports });
      focusResult();
    } catch (error) {
      const listed = isApiError(error, 422) ? (error.problem as { problems?: ExportProblem[] } | null)?.problems : undefined;
      if (listed && listed.length) {
        setProblems(listed);
        focusResult();
      } else fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="container py-3 py-lg-4 sp-soc">
      <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: 'Cartelle sociali', to: SOCIAL_PATHS.cases }, { label: 'Invii INPS' }]} />
      <h1>Invii al Casellario dell'Assistenza (INPS)</h1>
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorMessage error={me.error} retry={() => void me.refetch()} />
      ) : !may ? (
        <Notice tone="warning" role="status">
          <p className="mb-0">Gli invii all'INPS li prepara il coordinatore dell'ambito: il tuo profilo non li comprende.</p>
        </Notice>
      ) : (
        <>
          <p>Scegli il flusso e il periodo, verifica cosa verrà inviato e poi genera il file XML da caricare sul portale dell'INPS.</p>
          <form onSubmit={(e) => void verify(e)} noValidate className="sp-soc-fieldset" aria-label="Flusso e periodo">
            <SelectField id="exp-flow" label="Flusso" value={flow} onValueChange={(v) => { setFlow(v as ExportFlow); reset(); }} options={optionsOf(EXPORT_FLOW_LABELS, EXPORT_FLOWS)} />
            <DateRangeFields
              idPrefix="exp"
              classPrefix="sp-soc"
              legend="Periodo delle prestazioni"
              fromLabel="Dal"
              toLabel="Al"
              from={from}
              to={to}
              onChange={(end, value) => {
                if (end === 'from') setFrom(value);
                else setTo(value);
                reset();
              }}
              error={dateError}
              errorClassName="sp-soc-error"
              className="mb-3"
            />
            <div className="sp-soc-actions mb-2">
              <Button type="submit" color="primary" outline disabled={!!busy} data-testid="export-preview">
                {busy === 'preview' ? 'Verifica in corso…' : 'Verifica'}
              </Button>
              <Button type="button" color="primary" disabled={!!busy} onClick={() => void create()} data-testid="export-create">
                {busy === 'create' ? 'Generazione…' : 'Genera il file'}
              </Button>
            </div>
          </form>
          <FailureAlert failure={failure} title="L'operazione non è riuscita." />

          <div ref={resultRef} tabIndex={-1} role="status" aria-live="polite" data-testid="export-result">
            {made && (
              <Notice tone="success" role="none">
                <p className="fw-semibold mb-1">File generato: {made.fileName}</p>
                <p className="mb-1">
                  {made.records} record, di cui {made.corrections} rettifiche. Periodo dal {day(made.from)} al {day(made.to)}.
                </p>
                <p className="mb-0">
                  <a href={socialApi.exportFileUrl(made.id)} download={made.fileName} data-testid="export-download">
                    Scarica il file {made.fileName}
                  </a>
                </p>
              </Notice>
            )}
            {preview && (
              <section aria-labelledby="exp-preview-title" className="mb-3">
                <h2 id="exp-preview-title" className="h4">
                  Esito della verifica
                </h2>
                <ul className="sp-soc-counts" data-testid="export-counts">
                  <li>
                    <strong>{preview.inserts}</strong> nuovi
                  </li>
                  <li>
                    <strong>{preview.corrections}</strong> rettifiche
                  </li>
                  <li>
                    <strong>{preview.unchanged}</strong> già inviati e invariati
                  </li>
                </ul>
                {preview.problems.length === 0 && <p>Nessun problema: puoi generare il file.</p>}
              </section>
            )}
            {problems && problems.length > 0 && <ProblemList problems={problems} />}
          </div>

          <section aria-labelledby="exp-past-title" className="sp-soc-section">
            <h2 id="exp-past-title" className="h4">
              Invii precedenti
            </h2>
            {!past.data ? (
              past.isError ? <ErrorMessage error={past.error} retry={() => void past.refetch()} /> : <Loading />
            ) : past.data.items.length === 0 ? (
              <p>Nessun invio finora.</p>
            ) : (
              <ul className="sp-soc-list" data-testid="export-list">
                {past.data.items.map((x) => (
                  <li key={x.id} className="sp-soc-card">
                    <h3>
                      {x.flow.toUpperCase()} · dal {day(x.from)} al {day(x.to)}
                    </h3>
                    <p className="sp-soc-meta">
                      {x.records} record ({x.corrections} rettifiche) · generato il {formatDateTime(x.createdAt, 'it')} da {x.createdBy}
                    </p>
                    <p className="sp-soc-meta">
                      <a href={socialApi.exportFileUrl(x.id)} download={x.fileName}>
                        Scarica {x.fileName}
                      </a>
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

function ProblemList({ problems }: { problems: ExportProblem[] }) {
  return (
    <section aria-labelledby="exp-problems-title" className="mb-3">
      <Notice tone="warning" role="none">
        <h2 id="exp-problems-title" className="h5">
          {problems.length === 1 ? 'Un record non può ancora essere inviato' : `${problems.length} record non possono ancora essere inviati`}
        </h2>
        <p className="mb-0">Il file non viene generato finché mancano questi dati: completali nelle cartelle.</p>
      </Notice>
      <ul className="sp-soc-list" data-testid="export-problems">
        {problems.map((p, i) => (
          <li key={`${p.caseId}-${p.interventionId ?? ''}-${i}`} className="sp-soc-card">
            <h3>
              <Link to={caseUrl(p.caseId)}>
                {p.person} — cartella {p.reference}
              </Link>
            </h3>
            {p.intervention && <p className="sp-soc-meta">Intervento: {p.intervention}</p>}
            <p className="sp-soc-meta">Manca: {p.missing.join(', ')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
