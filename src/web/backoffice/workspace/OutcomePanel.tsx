/**
 * "Esito": the decision with its motivation, and the visas (second-level approvals) that follow it.
 *
 * - The officer chooses to approve or reject, writes the motivation (required to reject) and confirms: the outcome
 *   cannot be undone. When the service asks for visas, the same step records a proposal instead, and the page says so.
 * - While a proposal waits, it is shown with the visas given so far; whoever's visa is awaited gives it ("Apponi il
 *   visto", confirmed when it is the last one, since the outcome then becomes final) or returns it to the officer
 *   with a note ("Rinvia all'istruttore").
 * - Once decided, the outcome and its motivation.
 * What is typed survives failures and reloads (drafts.ts).
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { formatDateTime } from '../../citizen/practices/format';
import { StatusBadge } from '../../citizen/practices/StatusBadge';
import { ActionAlert, useStaffAction } from './actions';
import { workspaceApi } from './api';
import { useDraft } from './drafts';
import { hasVisas, isClosedStatus, missingRequired } from './model';

type Decision = 'approve' | 'reject';

export function OutcomePanel({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const proposal = a.office?.proposal ?? null;
  if (isClosedStatus(a.status)) return <FinalOutcome a={a} />;
  if (proposal) return <ProposalView a={a} onDone={onDone} />;
  if (a.actions.includes('approve') || a.actions.includes('reject')) return <DecisionForm a={a} onDone={onDone} />;
  return <p className="sp-ws-hint">{t('workspace.outcome.notYet')}</p>;
}

function FinalOutcome({ a }: { a: ApplicationDetail }) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <StatusBadge status={a.status} />
      </p>
      {a.office?.motivation && (
        <>
          <p className="fw-semibold mb-1">{t('workspace.outcome.motivation')}</p>
          <p className="sp-ws-quote" lang="it">
            {a.office.motivation}
          </p>
        </>
      )}
    </>
  );
}

/** Labels of the visas configured for the service, in order. */
const visaSteps = (a: ApplicationDetail) => (a.workflow?.steps ?? []).filter((s) => s.kind === 'approval');

function DecisionForm({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft, clearDraft] = useDraft<{ decision: '' | Decision; motivation: string }>(`${a.id}.outcome`, { decision: '', motivation: '' });
  const [errors, setErrors] = useState<{ decision?: string; motivation?: string }>({});
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const withVisas = hasVisas(a);
  const decide = useStaffAction(
    a,
    (decision: Decision) => workspaceApi.transition(a.id, decision, a.revision, draft.motivation.trim() ? { note: draft.motivation.trim() } : {}),
    (_updated, decision) => {
      clearDraft();
      setConfirming(false);
      onDone(t(withVisas ? `workspace.outcome.proposed.${decision}` : `workspace.outcome.decided.${decision}`));
    },
  );

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const options = (['approve', 'reject'] as const).filter((d) => a.actions.includes(d));
  const missing = missingRequired(a);

  const next = (event: FormEvent) => {
    event.preventDefault();
    const e: typeof errors = {};
    if (!draft.decision) e.decision = t('workspace.outcome.chooseDecision');
    if (draft.decision === 'reject' && !draft.motivation.trim()) e.motivation = t('workspace.outcome.motivationRequired');
    setErrors(e);
    if (e.decision) return document.getElementById(`esito-${options[0]}`)?.focus();
    if (e.motivation) return document.getElementById('esito-motivazione')?.focus();
    decide.reset();
    setConfirming(true);
  };

  const cancel = () => {
    setConfirming(false);
    window.setTimeout(() => openRef.current?.focus(), 0);
  };

  const decision = draft.decision || null;
  return (
    <form onSubmit={next} noValidate aria-labelledby="esito">
      {withVisas && <p className="sp-ws-hint">{t('workspace.outcome.visasAhead', { steps: visaSteps(a).map((s) => s.label).join(', ') })}</p>}
      <fieldset className="sp-ws-fieldset" aria-describedby={errors.decision ? 'esito-scelta-errore' : undefined}>
        <legend className="sp-ws-label">{t('workspace.outcome.decision')}</legend>
        {options.map((d) => (
          <div className="form-check" key={d}>
            <input
              className="form-check-input"
              type="radio"
              name="esito"
              id={`esito-${d}`}
              value={d}
              checked={draft.decision === d}
              disabled={confirming}
              onChange={() => setDraft((v) => ({ ...v, decision: d }))}
            />
            <label className="form-check-label" htmlFor={`esito-${d}`}>
              {t(`workspace.outcome.options.${d}`)}
            </label>
          </div>
        ))}
        {errors.decision && (
          <p id="esito-scelta-errore" className="sp-field-error">
            {errors.decision}
          </p>
        )}
      </fieldset>

      <div className="sp-ws-field">
        <label htmlFor="esito-motivazione" className="sp-ws-label">
          {t('workspace.outcome.motivation')}
          {decision === 'reject' ? <span className="sp-ws-required"> ({t('workspace.form.required')})</span> : <span className="sp-ws-optional"> ({t('workspace.form.optional')})</span>}
        </label>
        <textarea
          id="esito-motivazione"
          className="form-control sp-ws-textarea"
          rows={5}
          value={draft.motivation}
          readOnly={confirming}
          maxLength={5000}
          onChange={(e) => setDraft((v) => ({ ...v, motivation: e.target.value }))}
          aria-invalid={errors.motivation ? true : undefined}
          aria-describedby="esito-motivazione-desc"
        />
        <div id="esito-motivazione-desc">
          <p className="sp-ws-hint mb-0">{t(decision === 'reject' ? 'workspace.outcome.motivationHintReject' : 'workspace.outcome.motivationHint')}</p>
          {errors.motivation && <p className="sp-field-error mb-0">{errors.motivation}</p>}
        </div>
      </div>

      {decision === 'approve' && missing.length > 0 && (
        <div className="alert alert-warning sp-ws-alert" role="note">
          <p className="mb-1 fw-semibold">{t('workspace.outcome.checklistMissing', { count: missing.length })}</p>
          <ul className="mb-0">
            {missing.map((m) => (
              <li key={m.id}>
                <a
                  href={`#checklist-${m.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    const box = document.getElementById(`checklist-${m.id}`);
                    box?.scrollIntoView({ block: 'center' });
                    box?.focus();
                  }}
                >
                  {m.label}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}

      {!confirming ? (
        <Button type="submit" color="primary" innerRef={openRef}>
          {decision ? t(`workspace.outcome.continue.${decision}`) : t('workspace.outcome.continueAny')}
        </Button>
      ) : (
        <div className={`sp-ws-confirm sp-ws-confirm-${decision}`} role="group" aria-labelledby="esito-conferma">
          <p id="esito-conferma" className="fw-semibold mb-1" tabIndex={-1} ref={confirmRef}>
            {t(`workspace.outcome.confirmTitle.${decision}`, { code: a.code })}
          </p>
          <p className="mb-2">{withVisas ? t('workspace.outcome.confirmProposal') : t('workspace.outcome.confirmFinal')}</p>
          <div className="sp-ws-buttons">
            <Button type="button" color={decision === 'reject' ? 'danger' : 'success'} disabled={decide.isPending} onClick={() => decision && decide.mutate(decision)}>
              {decide.isPending ? t('workspace.form.sending') : t(`workspace.outcome.confirm.${decision}`)}
            </Button>
            <Button type="button" color="primary" outline onClick={cancel} disabled={decide.isPending}>
              {t('workspace.outcome.back')}
            </Button>
          </div>
        </div>
      )}
      <ActionAlert failure={decide.failure} applicationId={a.id} checklist={a.office?.checklist ?? []} onReloaded={() => { decide.reset(); setConfirming(false); }} />
    </form>
  );
}

function ProposalView({ a, onDone }: { a: ApplicationDetail; onDone: (message: string) => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const proposal = a.office!.proposal!;
  const pending = a.office?.pendingVisa ?? null;
  const steps = visaSteps(a);
  const labelOf = (stepId: string) => steps.find((s) => s.id === stepId || s.id === `approval:${stepId}`)?.label ?? stepId;
  const last = steps[steps.length - 1];
  const isLastVisa = !!pending && !!last && (last.id === pending.stepId || last.id === `approval:${pending.stepId}`);
  const canEndorse = a.actions.includes('endorse');
  const canSendBack = a.actions.includes('send_back');

  return (
    <>
      <div className={`sp-ws-proposal sp-ws-proposal-${proposal.decision}`}>
        <p className="fw-semibold mb-1">{t(`workspace.outcome.proposal.${proposal.decision}`)}</p>
        <p className="sp-ws-small mb-2">{t('workspace.outcome.proposal.by', { name: proposal.proposedBy, date: formatDateTime(proposal.proposedAt, lng) })}</p>
        {proposal.motivation && (
          <>
            <p className="mb-1 fw-semibold">{t('workspace.outcome.motivation')}</p>
            <p className="sp-ws-quote" lang="it">
              {proposal.motivation}
            </p>
          </>
        )}
        {(proposal.visas.length > 0 || pending) && (
          <>
            <p className="mb-1 fw-semibold">{t('workspace.outcome.visas')}</p>
            <ol className="sp-ws-visas">
              {proposal.visas.map((v) => (
                <li key={`${v.stepId}-${v.at}`} className="is-given">
                  {t('workspace.outcome.visaGiven', { label: labelOf(v.stepId), name: v.by, date: formatDateTime(v.at, lng) })}
                </li>
              ))}
              {pending && <li className="is-pending">{t('workspace.outcome.visaPending', { label: pending.label, by: pending.by })}</li>}
            </ol>
          </>
        )}
      </div>
      {(canEndorse || canSendBack) && <VisaForm a={a} isLastVisa={isLastVisa} canEndorse={canEndorse} canSendBack={canSendBack} onDone={onDone} />}
      {!canEndorse && !canSendBack && pending && <p className="sp-ws-hint">{t('workspace.outcome.waitingOthers')}</p>}
    </>
  );
}

function VisaForm({ a, isLastVisa, canEndorse, canSendBack, onDone }: { a: ApplicationDetail; isLastVisa: boolean; canEndorse: boolean; canSendBack: boolean; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const [note, setNote, clearNote] = useDraft(`${a.id}.visa`, '');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLParagraphElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const act = useStaffAction(
    a,
    (action: 'endorse' | 'send_back') => workspaceApi.transition(a.id, action, a.revision, note.trim() ? { note: note.trim() } : {}),
    (_u, action) => {
      clearNote();
      setConfirming(false);
      onDone(t(action === 'endorse' ? 'workspace.visa.endorsed' : 'workspace.visa.sentBack'));
    },
  );
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const sendBack = () => {
    if (!note.trim()) {
      setNoteError(t('workspace.visa.noteRequired'));
      document.getElementById('visto-nota')?.focus();
      return;
    }
    setNoteError(null);
    act.mutate('send_back');
  };
  const endorse = () => {
    setNoteError(null);
    if (isLastVisa) {
      act.reset();
      setConfirming(true);
    } else act.mutate('endorse');
  };

  return (
    <div className="sp-ws-visa-form">
      <div className="sp-ws-field">
        <label htmlFor="visto-nota" className="sp-ws-label">
          {t('workspace.visa.note')}
        </label>
        <textarea
          id="visto-nota"
          className="form-control sp-ws-textarea"
          rows={3}
          value={note}
          readOnly={confirming}
          maxLength={5000}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={noteError ? true : undefined}
          aria-describedby="visto-nota-desc"
        />
        <div id="visto-nota-desc">
          <p className="sp-ws-hint mb-0">{t('workspace.visa.noteHint')}</p>
          {noteError && <p className="sp-field-error mb-0">{noteError}</p>}
        </div>
      </div>
      {!confirming ? (
        <div className="sp-ws-buttons">
          {canEndorse && (
            <Button type="button" color="primary" innerRef={openRef} onClick={endorse} disabled={act.isPending}>
              {t('workspace.visa.endorse')}
            </Button>
          )}
          {canSendBack && (
            <Button type="button" color="primary" outline onClick={sendBack} disabled={act.isPending}>
              {t('workspace.visa.sendBack')}
            </Button>
          )}
        </div>
      ) : (
        <div className="sp-ws-confirm" role="group" aria-labelledby="visto-conferma">
          <p id="visto-conferma" className="fw-semibold mb-1" tabIndex={-1} ref={confirmRef}>
            {t('workspace.visa.confirmTitle', { code: a.code })}
          </p>
          <p className="mb-2">{t('workspace.visa.confirmBody')}</p>
          <div className="sp-ws-buttons">
            <Button type="button" color="primary" onClick={() => act.mutate('endorse')} disabled={act.isPending}>
              {act.isPending ? t('workspace.form.sending') : t('workspace.visa.confirm')}
            </Button>
            <Button
              type="button"
              color="primary"
              outline
              disabled={act.isPending}
              onClick={() => {
                setConfirming(false);
                window.setTimeout(() => openRef.current?.focus(), 0);
              }}
            >
              {t('workspace.outcome.back')}
            </Button>
          </div>
        </div>
      )}
      <ActionAlert failure={act.failure} applicationId={a.id} onReloaded={() => { act.reset(); setConfirming(false); }} />
    </div>
  );
}
