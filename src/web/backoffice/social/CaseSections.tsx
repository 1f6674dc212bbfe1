/**
 * The sections of a case file: the diary (newest first; reserved entries only for who may see them), the plan's
 * interventions (add and edit; euro typed as "12,50"; whether and when sent to INPS), the household with the ISEE
 * and the next review (PATCH with only what changed), the reserved part (court measures and health data) and the
 * case's history.
 */
import { Button } from 'design-react-kit';
import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  CASE_STATUS_LABELS,
  DIARY_KIND_LABELS,
  INTERVENTION_STATUS_LABELS,
  interventionType,
  type CaseDetail,
  type DiaryKind,
  type Intervention,
} from '../../../contracts/social';
import { formatDateTime } from '../../citizen/practices/format';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice } from '../../ui/status';
import { FailureAlert } from '../payments/common';
import { socialApi, socialKeys, useDiary, useHistory, useReserved } from './api';
import { DateField, day, euro, optionsOf, today, useFailure } from './common';
import {
  emptyIntervention,
  householdDraftOf,
  householdPatch,
  householdProblems,
  interventionDraftOf,
  interventionInput,
  interventionPatch,
  interventionProblems,
  typesForArea,
  type HouseholdDraft,
  type InterventionDraft,
  type Problems,
} from './forms';

type Done = (message: string) => void;

// ---------------------------------------------------------------------------------------------------------------
// Diary

export function DiarySection({ caseId, can, onDone }: { caseId: string; can: CaseDetail['can']; onDone: Done }) {
  const diary = useDiary(caseId);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<DiaryKind | ''>('');
  const [occurredOn, setOccurredOn] = useState(today());
  const [text, setText] = useState('');
  const [reserved, setReserved] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(['kind', 'occurredOn', 'text', 'reserved']);
  const err = (k: string) => problems[k] ?? failure?.fields[k];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const p: Problems = {};
    if (!kind) p.kind = 'Scegli il tipo di annotazione.';
    if (!occurredOn) p.occurredOn = 'Campo obbligatorio.';
    else if (occurredOn > today()) p.occurredOn = 'La data non può essere nel futuro.';
    if (!text.trim()) p.text = "Scrivi il testo dell'annotazione.";
    else if (text.length > 20000) p.text = 'Il testo supera i 20.000 caratteri.';
    setProblems(p);
    if (Object.keys(p).length) {
      window.setTimeout(() => document.querySelector<HTMLElement>('#diary-form [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      await socialApi.addDiary(caseId, { kind: kind as DiaryKind, occurredOn, text, ...(can.reserved && reserved ? { reserved: true } : {}) });
      void queryClient.invalidateQueries({ queryKey: socialKeys.diary(caseId) });
      void queryClient.invalidateQueries({ queryKey: socialKeys.history(caseId) });
      setText('');
      setKind('');
      setReserved(false);
      onDone('Annotazione aggiunta al diario.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="diary-title" className="pt-3">
      <h2 id="diary-title" className="h4">
        Diario
      </h2>
      {can.write && (
        <form id="diary-form" onSubmit={(e) => void submit(e)} noValidate className="sp-soc-fieldset" aria-label="Nuova annotazione">
          <h3 className="h5">Nuova annotazione</h3>
          <div className="sp-soc-grid">
            <SelectField id="diary-kind" label="Tipo *" value={kind} onValueChange={(v) => setKind(v as DiaryKind)} options={optionsOf(DIARY_KIND_LABELS)} emptyLabel="Scegli" error={err('kind')} required />
            <DateField id="diary-occurredOn" label="Data *" value={occurredOn} onValueChange={setOccurredOn} max={today()} error={err('occurredOn')} required />
          </div>
          <TextAreaField id="diary-text" label="Testo *" hint="Conservato cifrato." value={text} onValueChange={setText} error={err('text')} rows={5} required />
          {can.reserved && (
            <CheckboxField id="diary-reserved" label="Riservata (visibile solo a chi ha accesso alle parti riservate)" checked={reserved} onCheckedChange={setReserved} />
          )}
          <FailureAlert failure={failure} title="L'annotazione non è stata salvata." takeFocus={!!failure && Object.keys(failure.fields).length === 0} />
          <div className="sp-soc-actions my-2">
            <Button type="submit" color="primary" disabled={busy} data-testid="diary-save">
              Aggiungi al diario
            </Button>
          </div>
        </form>
      )}
      {!diary.data ? (
        diary.isError ? <ErrorMessage error={diary.error} retry={() => void diary.refetch()} /> : <Loading />
      ) : diary.data.items.length === 0 ? (
        <p>Il diario è vuoto.</p>
      ) : (
        <ul className="sp-soc-list" data-testid="diary-list">
          {[...diary.data.items]
            .sort((a, b) => (a.occurredOn === b.occurredOn ? b.createdAt.localeCompare(a.createdAt) : b.occurredOn.localeCompare(a.occurredOn)))
            .map((entry) => (
              <li key={entry.id} className="sp-soc-card">
                <h3>
                  {DIARY_KIND_LABELS[entry.kind]} del {day(entry.occurredOn)}
                  {entry.reserved && <span className="sp-soc-reserved ms-2">Riservata</span>}
                </h3>
                <p className="sp-soc-meta">
                  {entry.author} · scritta il {formatDateTime(entry.createdAt, 'it')}
                </p>
                <p className="sp-soc-text">{entry.text}</p>
              </li>
            ))}
        </ul>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Plan and interventions

const INTERVENTION_KEYS = [
  'code', 'status', 'requestedOn', 'authorisedOn', 'startOn', 'endOn', 'requestProtocol', 'amountCents', 'monthlyAmountCents', 'periodMonths', 'shareBodyCents', 'shareUserCents', 'shareHealthCents', 'hoursMonthly', 'note',
];

export function InterventionsSection({ detail, onDone }: { detail: CaseDetail; onDone: Done }) {
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section aria-labelledby="pai-title" className="pt-3">
      <h2 id="pai-title" className="h4">
        Progetto individuale e interventi
      </h2>
      {detail.can.write && !adding && (
        <p>
          <Button type="button" color="primary" onClick={() => setAdding(true)} data-testid="intervention-add">
            Aggiungi un intervento
          </Button>
        </p>
      )}
      {adding && (
        <InterventionForm
          detail={detail}
          onClose={(message) => {
            setAdding(false);
            if (message) onDone(message);
          }}
        />
      )}
      {detail.interventions.length === 0 ? (
        <p>Nessun intervento nel progetto.</p>
      ) : (
        <ul className="sp-soc-list" data-testid="intervention-list">
          {detail.interventions.map((i) =>
            editing === i.id ? (
              <li key={i.id} className="sp-soc-card">
                <InterventionForm
                  detail={detail}
                  original={i}
                  onClose={(message) => {
                    setEditing(null);
                    if (message) onDone(message);
                  }}
                />
              </li>
            ) : (
              <li key={i.id} className="sp-soc-card">
                <InterventionCard i={i} />
                {detail.can.write && (
                  <Button type="button" size="sm" color="primary" outline onClick={() => setEditing(i.id)} className="mt-2">
                    Modifica<span className="visually-hidden"> {i.name}</span>
                  </Button>
                )}
              </li>
            ),
          )}
        </ul>
      )}
    </section>
  );
}

function InterventionCard({ i }: { i: Intervention }) {
  const money = [
    i.amountCents !== null && `importo ${euro(i.amountCents)}`,
    i.monthlyAmountCents !== null && `${euro(i.monthlyAmountCents)} al mese`,
    i.periodMonths !== null && `per ${i.periodMonths} ${i.periodMonths === 1 ? 'mese' : 'mesi'}`,
    i.hoursMonthly !== null && `${String(i.hoursMonthly).replace('.', ',')} ore al mese`,
  ].filter(Boolean);
  const shares = [
    i.shareBodyCents !== null && `ente ${euro(i.shareBodyCents)}`,
    i.shareUserCents !== null && `utente ${euro(i.shareUserCents)}`,
    i.shareHealthCents !== null && `SSN ${euro(i.shareHealthCents)}`,
  ].filter(Boolean);
  return (
    <>
      <h3>
        {i.code} — {i.name}
      </h3>
      <p className="sp-soc-meta">
        <span className="badge sp-app-status sp-soc-status-open">{INTERVENTION_STATUS_LABELS[i.status]}</span> · richiesto il {day(i.requestedOn)}
        {i.authorisedOn && <> · autorizzato il {day(i.authorisedOn)}</>}
        {i.startOn && <> · dal {day(i.startOn)}</>}
        {i.endOn && <> al {day(i.endOn)}</>}
        {i.requestProtocol && <> · protocollo {i.requestProtocol}</>}
      </p>
      {money.length > 0 && <p className="sp-soc-meta">{money.join(' · ')}</p>}
      {shares.length > 0 && <p className="sp-soc-meta">Quote: {shares.join(' · ')}</p>}
      {i.note && <p className="sp-soc-meta">{i.note}</p>}
      <p className="sp-soc-meta" data-testid="intervention-export">
        {i.exportedAt ? (
          <>
            Inviato all'INPS il {day(i.exportedAt.slice(0, 10))}
            {i.changedSinceExport && <strong> · modificato dopo l'invio: sarà inviato come rettifica</strong>}
          </>
        ) : (
          'Non ancora inviato all’INPS'
        )}
      </p>
    </>
  );
}

function InterventionForm({ detail, original, onClose }: { detail: CaseDetail; original?: Intervention; onClose: (message?: string) => void }) {
  const queryClient = useQueryClient();
  const [d, setD] = useState<InterventionDraft>(() => (original ? interventionDraftOf(original) : emptyIntervention(today())));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(INTERVENTION_KEYS);
  const err = (k: string) => problems[k] ?? failure?.fields[k];
  const set = (patch: Partial<InterventionDraft>) => setD((x) => ({ ...x, ...patch }));
  const prefix = original ? `int-${original.id}` : 'int-new';
  const type = interventionType(d.code);
  const formId = `${prefix}-form`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const p = interventionProblems(d, detail.targetArea);
    // an intervention already in the plan keeps its benefit; the area check is for new ones
    if (original) delete p.code;
    setProblems(p);
    if (Object.keys(p).length) {
      window.setTimeout(() => document.querySelector<HTMLElement>(`#${CSS.escape(formId)} [aria-invalid="true"]`)?.focus(), 0);
      return;
    }
    setBusy(true);
    try {
      if (original) {
        const patch = interventionPatch(original, d);
        if (Object.keys(patch).length === 0) {
          onClose('Nessuna modifica da salvare.');
          return;
        }
        await socialApi.patchIntervention(detail.id, original.id, patch);
      } else {
        await socialApi.addIntervention(detail.id, interventionInput(d));
      }
      await queryClient.invalidateQueries({ queryKey: socialKeys.case(detail.id) });
      void queryClient.invalidateQueries({ queryKey: socialKeys.history(detail.id) });
      onClose(original ? 'Intervento aggiornato.' : 'Intervento aggiunto al progetto.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const money = (key: 'amount' | 'monthlyAmount' | 'shareBody' | 'shareUser' | 'shareHealth', centsKey: string, label: string) => (
    <TextField id={`${prefix}-${key}`} label={label} hint="In euro, per esempio 12,50." value={d[key]} onValueChange={(v) => set({ [key]: v } as Partial<InterventionDraft>)} error={err(centsKey)} inputMode="decimal" />
  );

  return (
    <form id={formId} onSubmit={(e) => void submit(e)} noValidate className="sp-soc-fieldset mb-3" aria-label={original ? `Modifica ${original.name}` : 'Nuovo intervento'}>
      <h3 className="h5">{original ? `Modifica: ${original.name}` : 'Nuovo intervento'}</h3>
      <div className="sp-soc-grid">
        {original ? (
          <p>
            <strong>Intervento:</strong> {original.code} — {original.name}
          </p>
        ) : (
          <SelectField
            id={`${prefix}-code`}
            label="Intervento *"
            value={d.code}
            onValueChange={(code) => set({ code })}
            options={typesForArea(detail.targetArea).map((t) => ({ value: t.code, label: `${t.code} — ${t.name}` }))}
            emptyLabel="Scegli l'intervento"
            error={err('code')}
            required
          />
        )}
        <SelectField id={`${prefix}-status`} label="Stato *" value={d.status} onValueChange={(v) => set({ status: v as InterventionDraft['status'] })} options={optionsOf(INTERVENTION_STATUS_LABELS)} error={err('status')} required />
        <DateField id={`${prefix}-requestedOn`} label="Richiesto il *" value={d.requestedOn} onValueChange={(requestedOn) => set({ requestedOn })} error={err('requestedOn')} required />
        <DateField id={`${prefix}-authorisedOn`} label="Autorizzato il" value={d.authorisedOn} onValueChange={(authorisedOn) => set({ authorisedOn })} error={err('authorisedOn')} />
        <DateField id={`${prefix}-startOn`} label="Inizio erogazione" value={d.startOn} onValueChange={(startOn) => set({ startOn })} error={err('startOn')} />
        <DateField id={`${prefix}-endOn`} label="Fine erogazione" value={d.endOn} onValueChange={(endOn) => set({ endOn })} error={err('endOn')} />
        <TextField id={`${prefix}-requestProtocol`} label="Protocollo della domanda" value={d.requestProtocol} onValueChange={(requestProtocol) => set({ requestProtocol })} error={err('requestProtocol')} maxLength={60} />
      </div>
      <fieldset className="mt-2">
        <legend className="sp-soc-label">Importi</legend>
        <div className="sp-soc-grid">
          {money('amount', 'amountCents', 'Importo totale')}
          {money('monthlyAmount', 'monthlyAmountCents', 'Importo mensile')}
          <TextField id={`${prefix}-periodMonths`} label="Durata in mesi" value={d.periodMonths} onValueChange={(periodMonths) => set({ periodMonths })} error={err('periodMonths')} inputMode="numeric" />
          {(type?.unit === 'hours' || d.hoursMonthly) && (
            <TextField id={`${prefix}-hoursMonthly`} label="Ore al mese" value={d.hoursMonthly} onValueChange={(hoursMonthly) => set({ hoursMonthly })} error={err('hoursMonthly')} inputMode="decimal" />
          )}
        </div>
      </fieldset>
      <fieldset className="mt-2">
        <legend className="sp-soc-label">Quote di spesa</legend>
        <div className="sp-soc-grid sp-soc-grid-3">
          {money('shareBody', 'shareBodyCents', "Quota dell'ente")}
          {money('shareUser', 'shareUserCents', "Quota dell'utente")}
          {money('shareHealth', 'shareHealthCents', 'Quota del Servizio sanitario')}
        </div>
      </fieldset>
      <TextAreaField id={`${prefix}-note`} label="Nota" value={d.note} onValueChange={(note) => set({ note })} error={err('note')} rows={2} />
      {original?.exportedAt && <Notice tone="info" role="note">Questo intervento è già stato inviato all'INPS: se lo modifichi, il prossimo invio lo manderà come rettifica.</Notice>}
      <FailureAlert failure={failure} title="L'intervento non è stato salvato." takeFocus={!!failure && Object.keys(failure.fields).length === 0} />
      <div className="sp-soc-actions mt-2">
        <Button type="submit" color="primary" disabled={busy} data-testid="intervention-save">
          {original ? 'Salva le modifiche' : "Aggiungi l'intervento"}
        </Button>
        <Button type="button" color="primary" outline onClick={() => onClose()}>
          Annulla
        </Button>
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Household, ISEE, next review

export function HouseholdSection({ detail, onDone }: { detail: CaseDetail; onDone: Done }) {
  const queryClient = useQueryClient();
  const [d, setD] = useState<HouseholdDraft>(() => householdDraftOf(detail));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(['household', 'isee', 'nextReviewOn']);
  const err = (k: string) => problems[k] ?? failure?.fields[k];
  const readOnly = !detail.can.write;
  const setIsee = (patch: Partial<HouseholdDraft['isee']>) => setD((x) => ({ ...x, isee: { ...x.isee, ...patch } }));
  const setMember = (i: number, patch: Partial<HouseholdDraft['members'][number]>) =>
    setD((x) => ({ ...x, members: x.members.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    const p = householdProblems(d, Number(today().slice(0, 4)));
    setProblems(p);
    if (Object.keys(p).length) {
      window.setTimeout(() => document.querySelector<HTMLElement>('#household-form [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    const patch = householdPatch(detail, d);
    if (Object.keys(patch).length === 0) {
      onDone('Nessuna modifica da salvare.');
      return;
    }
    setBusy(true);
    try {
      const next = await socialApi.patchCase(detail.id, patch);
      queryClient.setQueryData(socialKeys.case(detail.id), next);
      setD(householdDraftOf(next));
      onDone('Nucleo, ISEE e verifica salvati.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="household-title" className="pt-3">
      <h2 id="household-title" className="h4">
        Nucleo familiare e ISEE
      </h2>
      <form id="household-form" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="sp-soc-fieldset" disabled={readOnly}>
          <legend>Componenti del nucleo</legend>
          {d.members.length === 0 && <p>Nessun componente indicato.</p>}
          {d.members.map((m, i) => (
            <div key={i} className="sp-soc-grid sp-soc-grid-3 border-bottom mb-2">
              <TextField id={`hh-${i}-relation`} label={`Relazione (componente ${i + 1}) *`} value={m.relation} onValueChange={(relation) => setMember(i, { relation })} error={err(`household/${i}/relation`)} maxLength={60} />
              <TextField id={`hh-${i}-name`} label="Nome e cognome *" value={m.name} onValueChange={(name) => setMember(i, { name })} error={err(`household/${i}/name`)} maxLength={120} />
              <TextField id={`hh-${i}-birthYear`} label="Anno di nascita" value={m.birthYear} onValueChange={(birthYear) => setMember(i, { birthYear })} error={err(`household/${i}/birthYear`)} inputMode="numeric" maxLength={4} />
              {!readOnly && (
                <p>
                  <Button type="button" size="sm" color="danger" outline onClick={() => setD((x) => ({ ...x, members: x.members.filter((_, j) => j !== i) }))}>
                    Togli il componente {i + 1}
                  </Button>
                </p>
              )}
            </div>
          ))}
          {!readOnly && (
            <p>
              <Button type="button" size="sm" color="primary" outline onClick={() => setD((x) => ({ ...x, members: [...x.members, { relation: '', name: '', birthYear: '' }] }))}>
                Aggiungi un componente
              </Button>
            </p>
          )}
        </fieldset>
        <fieldset className="sp-soc-fieldset" disabled={readOnly}>
          <legend>ISEE</legend>
          <p className="sp-soc-hint">Lascia tutti i campi vuoti se l'ISEE non è stato presentato.</p>
          <div className="sp-soc-grid">
            <TextField id="isee-dsuProtocol" label="Protocollo della DSU" value={d.isee.dsuProtocol} onValueChange={(dsuProtocol) => setIsee({ dsuProtocol })} error={err('isee/dsuProtocol')} maxLength={60} />
            <TextField id="isee-dsuYear" label="Anno della DSU" value={d.isee.dsuYear} onValueChange={(dsuYear) => setIsee({ dsuYear })} error={err('isee/dsuYear')} inputMode="numeric" maxLength={4} />
            <DateField id="isee-dsuDate" label="Data della DSU" value={d.isee.dsuDate} onValueChange={(dsuDate) => setIsee({ dsuDate })} error={err('isee/dsuDate')} />
            <TextField id="isee-value" label="Valore ISEE in euro" hint="Per esempio 8.500,00." value={d.isee.value} onValueChange={(value) => setIsee({ value })} error={err('isee/valueCents')} inputMode="decimal" />
            <DateField id="isee-validUntil" label="Valido fino al" value={d.isee.validUntil} onValueChange={(validUntil) => setIsee({ validUntil })} error={err('isee/validUntil')} />
          </div>
        </fieldset>
        <fieldset className="sp-soc-fieldset" disabled={readOnly}>
          <legend>Verifica del progetto</legend>
          <DateField id="case-nextReviewOn" label="Prossima verifica entro il" value={d.nextReviewOn} onValueChange={(nextReviewOn) => setD((x) => ({ ...x, nextReviewOn }))} error={err('nextReviewOn')} />
        </fieldset>
        <FailureAlert failure={failure} title="Le modifiche non sono state salvate." takeFocus={!!failure && Object.keys(failure.fields).length === 0} />
        {!readOnly && (
          <Button type="submit" color="primary" disabled={busy} data-testid="household-save">
            Salva nucleo, ISEE e verifica
          </Button>
        )}
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Reserved part

export function ReservedSection({ caseId, active, onDone }: { caseId: string; active: boolean; onDone: Done }) {
  const reserved = useReserved(caseId, active);
  if (!active && !reserved.data) return null;
  if (!reserved.data) return reserved.isError ? <ErrorMessage error={reserved.error} retry={() => void reserved.refetch()} /> : <Loading />;
  return <ReservedForm key={reserved.data.updatedAt ?? 'new'} caseId={caseId} initial={reserved.data} onDone={onDone} />;
}

function ReservedForm({ caseId, initial, onDone }: { caseId: string; initial: { courtMeasures: string; health: string; updatedAt: string | null }; onDone: Done }) {
  const queryClient = useQueryClient();
  const [courtMeasures, setCourt] = useState(initial.courtMeasures);
  const [health, setHealth] = useState(initial.health);
  const [busy, setBusy] = useState(false);
  const { failure, fail, clear } = useFailure(['courtMeasures', 'health']);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    setBusy(true);
    try {
      const next = await socialApi.putReserved(caseId, { courtMeasures, health });
      queryClient.setQueryData(socialKeys.reserved(caseId), next);
      onDone('Parte riservata salvata.');
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="reserved-title" className="pt-3">
      <h2 id="reserved-title" className="h4">
        Parte riservata
      </h2>
      <Notice tone="warning" role="note">
        <p className="mb-0">Provvedimenti dell'autorità giudiziaria e dati sanitari: li vede solo chi ha l'accesso alle parti riservate. Sono conservati cifrati.</p>
      </Notice>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField id="reserved-courtMeasures" label="Provvedimenti dell'autorità giudiziaria" value={courtMeasures} onValueChange={setCourt} error={failure?.fields.courtMeasures} rows={5} />
        <TextAreaField id="reserved-health" label="Dati sanitari" value={health} onValueChange={setHealth} error={failure?.fields.health} rows={5} />
        {initial.updatedAt && <p className="sp-soc-hint">Ultima modifica: {formatDateTime(initial.updatedAt, 'it')}</p>}
        <FailureAlert failure={failure} title="La parte riservata non è stata salvata." />
        <Button type="submit" color="primary" disabled={busy} data-testid="reserved-save">
          Salva la parte riservata
        </Button>
      </form>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// History

const EVENT_LABELS: Record<string, string> = {
  opened: 'Cartella aperta',
  created: 'Cartella aperta',
  take_charge: 'Presa in carico',
  close: 'Chiusura',
  reopen: 'Riapertura',
  transition: 'Cambio di stato',
  updated: 'Dati modificati',
  diary: 'Annotazione nel diario',
  intervention_added: 'Intervento aggiunto',
  intervention_updated: 'Intervento modificato',
};

export function HistorySection({ caseId, active }: { caseId: string; active: boolean }) {
  const history = useHistory(caseId);
  if (!active && !history.data) return null;
  return (
    <section aria-labelledby="history-title" className="pt-3">
      <h2 id="history-title" className="h4">
        Storia della cartella
      </h2>
      {!history.data ? (
        history.isError ? <ErrorMessage error={history.error} retry={() => void history.refetch()} /> : <Loading />
      ) : history.data.items.length === 0 ? (
        <p>Nessun evento.</p>
      ) : (
        <ol className="sp-soc-list">
          {history.data.items.map((e, i) => (
            <li key={i} className="sp-soc-card">
              <p className="mb-0 fw-semibold">{EVENT_LABELS[e.kind] ?? e.kind}</p>
              <p className="sp-soc-meta">
                {formatDateTime(e.at, 'it')} · {e.actor}
                {e.toStatus && <> · stato: {CASE_STATUS_LABELS[e.toStatus]}</>}
              </p>
              {e.note && <p className="sp-soc-text">{e.note}</p>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
