/**
 * /backoffice/sociale/cartelle/:caseId — the case file (cartella sociale). The header says whose case it is, where,
 * for which area and service, its status, the professionals and the alerts; the status actions (take in charge,
 * close with a reason, reopen) ask for a confirmation in a dialog. The sections are tabs (they wrap on a phone):
 * diary, plan and interventions, household and ISEE, the SINA assessment (disability and elderly areas), the
 * SINBA record (families and minors), the reserved part (with the explicit permission) and the history.
 * Opening this page is written to the person's access log by the server.
 */
import { Button } from 'design-react-kit';
import { useRef, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  CLOSE_REASON_LABELS,
  SECTOR_LABELS,
  TARGET_AREA_LABELS,
  WORKER_ROLE_LABELS,
  type CaseAction,
  type CaseDetail,
  type CloseReason,
} from '../../../contracts/social';
import { isApiError } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField, TextAreaField } from '../../ui/fields';
import { DoneMessage, ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { Tabs } from '../Tabs';
import { Dialog, FailureAlert } from '../payments/common';
import { SOCIAL_PATHS } from './access';
import { socialApi, socialKeys, useCase } from './api';
import { SinaForm, SinbaForm } from './AssessmentForms';
import { DiarySection, HistorySection, HouseholdSection, InterventionsSection, ReservedSection } from './CaseSections';
import { CaseAlerts, CaseStatusBadge, DateField, day, optionsOf, today, useFailure } from './common';
import { hasSina, hasSinba } from './forms';

export default function CaseFilePage() {
  const { caseId = '' } = useParams();
  const location = useLocation();
  const detail = useCase(caseId);
  const c = detail.data;
  useDocumentTitle(c ? `Cartella ${c.reference}` : 'Cartella sociale');
  const [tab, setTab] = useState('diario');
  const [done, setDone] = useState<string | null>((location.state as { created?: boolean } | null)?.created ? 'Primo contatto registrato e cartella aperta.' : null);

  if (!c) {
    return (
      <div className="container py-3 py-lg-4 sp-soc">
        <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: 'Cartelle sociali', to: SOCIAL_PATHS.cases }, { label: 'Cartella sociale' }]} />
        {detail.isError ? (
          isApiError(detail.error, 404) || isApiError(detail.error, 403) ? (
            <>
              <h1>Cartella non trovata</h1>
              <Notice tone="warning" role="alert">
                <p className="mb-0">La cartella non esiste o non rientra tra quelle che puoi consultare.</p>
              </Notice>
            </>
          ) : (
            <ErrorMessage error={detail.error} retry={() => void detail.refetch()} />
          )
        ) : (
          <Loading />
        )}
      </div>
    );
  }

  const tabs = [
    { id: 'diario', label: 'Diario', panel: <DiarySection caseId={c.id} can={c.can} onDone={setDone} /> },
    { id: 'interventi', label: 'Progetto e interventi', panel: <InterventionsSection detail={c} onDone={setDone} /> },
    { id: 'nucleo', label: 'Nucleo e ISEE', panel: <HouseholdSection detail={c} onDone={setDone} /> },
    ...(hasSina(c.targetArea) ? [{ id: 'sina', label: 'Valutazione SINA', panel: <SinaForm detail={c} onDone={setDone} /> }] : []),
    ...(hasSinba(c.targetArea) ? [{ id: 'sinba', label: 'Scheda SINBA', panel: <SinbaForm detail={c} onDone={setDone} /> }] : []),
    ...(c.can.reserved ? [{ id: 'riservata', label: 'Parte riservata', panel: <ReservedSection caseId={c.id} active={tab === 'riservata'} onDone={setDone} /> }] : []),
    { id: 'storia', label: 'Storia', panel: <HistorySection caseId={c.id} active={tab === 'storia'} /> },
  ];

  return (
    <div className="container py-3 py-lg-4 sp-soc">
      <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: 'Cartelle sociali', to: SOCIAL_PATHS.cases }, { label: `Cartella ${c.reference}` }]} />
      <CaseHeader c={c} />
      <DoneMessage message={done} />
      {c.can.write && <StatusActions c={c} onDone={setDone} />}
      <div className="sp-soc-section">
        <Tabs tabs={tabs} active={tab} onChange={setTab} label="Sezioni della cartella" />
      </div>
    </div>
  );
}

function CaseHeader({ c }: { c: CaseDetail }) {
  return (
    <header className="mb-3">
      <h1 data-testid="case-title">{c.person.name}</h1>
      <p className="sp-soc-meta mb-2">
        <CaseStatusBadge status={c.status} /> · Cartella <strong data-testid="case-reference">{c.reference}</strong>
      </p>
      <dl className="sp-soc-dl">
        <dt>Codice fiscale</dt>
        <dd>{c.person.fiscalCode ?? '—'}</dd>
        <dt>Nata/o il</dt>
        <dd>{day(c.person.birthDate)}</dd>
        <dt>Comune</dt>
        <dd>{c.comuneName}</dd>
        <dt>Area e servizio</dt>
        <dd>
          {TARGET_AREA_LABELS[c.targetArea]} · {SECTOR_LABELS[c.sector]}
        </dd>
        <dt>Date</dt>
        <dd>
          Primo contatto il {day(c.firstContactOn)} · aperta il {day(c.openedOn)}
          {c.inChargeOn && <> · presa in carico il {day(c.inChargeOn)}</>}
          {c.closedOn && (
            <>
              {' '}
              · chiusa il {day(c.closedOn)}
              {c.closeReason && <> ({CLOSE_REASON_LABELS[c.closeReason]})</>}
            </>
          )}
          {c.nextReviewOn && <> · prossima verifica entro il {day(c.nextReviewOn)}</>}
        </dd>
        <dt>Professionisti</dt>
        <dd>{c.workers.length === 0 ? 'Nessuno indicato' : c.workers.map((w) => `${w.name} (${WORKER_ROLE_LABELS[w.role]})`).join(', ')}</dd>
        {c.withheldFromSubject && (
          <>
            <dt>Riservatezza</dt>
            <dd>Gli accessi a questa cartella non sono mostrati alla persona.</dd>
          </>
        )}
      </dl>
      <CaseAlerts alerts={c.alerts} />
    </header>
  );
}

const ACTION_TEXT: Record<CaseAction, { button: string; title: string; confirm: string; done: string }> = {
  take_charge: { button: 'Prendi in carico', title: 'Prendere in carico la persona?', confirm: 'Conferma la presa in carico', done: 'Presa in carico registrata.' },
  close: { button: 'Chiudi la cartella', title: 'Chiudere la cartella?', confirm: 'Conferma la chiusura', done: 'Cartella chiusa.' },
  reopen: { button: 'Riapri la cartella', title: 'Riaprire la cartella?', confirm: 'Conferma la riapertura', done: 'Cartella riaperta.' },
};

export const actionsFor = (status: CaseDetail['status']): CaseAction[] =>
  status === 'closed' ? ['reopen'] : status === 'in_charge' ? ['close'] : ['take_charge', 'close'];

function StatusActions({ c, onDone }: { c: CaseDetail; onDone: (m: string) => void }) {
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<CaseAction | null>(null);
  const [reason, setReason] = useState<CloseReason | ''>('');
  const [note, setNote] = useState('');
  const [on, setOn] = useState(today());
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(['note', 'on', 'closeReason']);
  const openers = useRef<Partial<Record<CaseAction, HTMLButtonElement | null>>>({});

  const close = () => {
    const which = open;
    setOpen(null);
    clear();
    setReasonError(undefined);
    if (which) window.setTimeout(() => openers.current[which]?.focus(), 0);
  };
  const confirm = async () => {
    if (!open) return;
    if (open === 'close' && !reason) {
      setReasonError('Scegli il motivo della chiusura.');
      document.getElementById('case-close-reason')?.focus();
      return;
    }
    setBusy(true);
    try {
      const next = await socialApi.transition(c.id, open, { note: note.trim() || undefined, on: on || undefined, closeReason: open === 'close' ? (reason as CloseReason) : undefined });
      queryClient.setQueryData(socialKeys.case(c.id), next);
      void queryClient.invalidateQueries({ queryKey: socialKeys.history(c.id) });
      void queryClient.invalidateQueries({ queryKey: ['social', 'cases'] });
      onDone(ACTION_TEXT[open].done);
      setOpen(null);
      setNote('');
      setReason('');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="sp-soc-actions mb-2" data-testid="case-actions">
      {actionsFor(c.status).map((a) => (
        <Button
          key={a}
          type="button"
          color="primary"
          outline={a !== 'take_charge'}
          innerRef={(el: HTMLButtonElement | null) => {
            openers.current[a] = el;
          }}
          onClick={() => setOpen(a)}
          data-testid={`case-action-${a}`}
        >
          {ACTION_TEXT[a].button}
        </Button>
      ))}
      {open && (
        <Dialog labelledBy="case-action-title" onClose={close}>
          <h2 id="case-action-title">{ACTION_TEXT[open].title}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
            noValidate
          >
            {open === 'close' && (
              <SelectField
                id="case-close-reason"
                label="Motivo della chiusura *"
                value={reason}
                onValueChange={(v) => setReason(v as CloseReason)}
                options={optionsOf(CLOSE_REASON_LABELS)}
                emptyLabel="Scegli il motivo"
                error={reasonError ?? failure?.fields.closeReason}
                required
              />
            )}
            <DateField id="case-action-on" label="Data" value={on} onValueChange={setOn} max={today()} error={failure?.fields.on} />
            <TextAreaField id="case-action-note" label="Nota (facoltativa)" value={note} onValueChange={setNote} error={failure?.fields.note} rows={3} />
            <FailureAlert failure={failure} title="L'operazione non è riuscita." />
            <div className="sp-soc-actions mt-3">
              <Button type="submit" color="primary" disabled={busy} data-testid="case-action-confirm">
                {ACTION_TEXT[open].confirm}
              </Button>
              <Button type="button" color="primary" outline onClick={close}>
                Annulla
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </div>
  );
}
