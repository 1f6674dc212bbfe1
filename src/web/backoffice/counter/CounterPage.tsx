/**
 * /backoffice/sportello: the counter operator's page. They choose the counter they sit at (their office's counters;
 * managers first choose the office), open it for some of its categories, call the next ticket, and finish it:
 * recall, served, no-show, or transfer to another counter or category. The queue lives in the database: the page
 * refreshes every few seconds, on focus and on every change the office's display stream announces, and while the
 * server cannot be reached it says so and keeps trying, showing the last state it had.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskCategory, DeskCounter, QueueState, Ticket } from '../../../contracts/desk';
import { deskApi, deskKeys, type CounterState } from '../../api/desk';
import { isNetworkFailure, retryDelay } from '../../desk/useDevice';
import { useDisplayStream } from '../../desk/useDisplayStream';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { CheckboxField, SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { useDeskOffice } from '../useDeskOffice';
import './counter.css';

const CHOSEN_COUNTER = 'sportello.desk.counter';
const REFRESH_MS = 4_000;

/** The roles that serve at a counter ('desk.serve' in src/server/platform/access.ts). */
export const COUNTER_ROLES: readonly string[] = ['desk', 'manager'];
export const servesAtCounter = (me: { roles: string[] }) => me.roles.some((r) => COUNTER_ROLES.includes(r));

/** Retry reads for ever while the server is away (or asks to slow down); any other refusal (4xx) is an answer. */
const keepTrying = (_count: number, error: unknown) => isNetworkFailure(error);

function rememberedCounter(officeId: string): string | null {
  try {
    const saved = JSON.parse(window.localStorage.getItem(CHOSEN_COUNTER) ?? 'null') as { officeId: string; counterId: string } | null;
    return saved?.officeId === officeId ? saved.counterId : null;
  } catch {
    return null;
  }
}

function rememberCounter(officeId: string, counterId: string | null) {
  try {
    if (counterId) window.localStorage.setItem(CHOSEN_COUNTER, JSON.stringify({ officeId, counterId }));
    else window.localStorage.removeItem(CHOSEN_COUNTER);
  } catch {
    // the choice then lasts for this page only
  }
}

export default function CounterPage() {
  const { t } = useTranslation();
  const { operator, officeId, picker } = useDeskOffice({ id: 'counter-office', label: t('desk.counter.office'), emptyLabel: t('desk.counter.chooseOffice') });
  useDocumentTitle(t('desk.counter.title'));

  return (
    <div className="container py-3 py-lg-4 sp-counter-page">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('desk.counter.title') }]} />
      <h1>{t('desk.counter.title')}</h1>
      {!servesAtCounter(operator) ? (
        <Notice tone="info" role="none">
          {t('desk.counter.notYours')}
        </Notice>
      ) : (
        <>
          {picker}
          {officeId && <OfficeCounters key={officeId} officeId={officeId} me={operator.id} />}
        </>
      )}
    </div>
  );
}

/** `me` is the signed-in operator's id: a counter is theirs when its operatorId is the same (names can repeat). */
function OfficeCounters({ officeId, me }: { officeId: string; me: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [counterId, setCounterId] = useState<string | null>(() => rememberedCounter(officeId));
  const counters = useQuery({
    queryKey: deskKeys.counters(officeId),
    queryFn: ({ signal }) => deskApi.counters(officeId, signal),
    retry: keepTrying,
    retryDelay,
  });
  const categories = useQuery({
    queryKey: deskKeys.categories(officeId),
    queryFn: ({ signal }) => deskApi.categories(officeId, signal),
    retry: keepTrying,
    retryDelay,
  });
  // every change at the office (a call at another counter, a ticket at the kiosk) refreshes what this page shows
  useDisplayStream(officeId, () => {
    void queryClient.invalidateQueries({ queryKey: ['desk', 'counter'] });
  });

  const choose = (id: string | null) => {
    rememberCounter(officeId, id);
    setCounterId(id);
  };

  // a remembered counter that no longer exists (or was switched off) is forgotten
  const known = counters.data?.items.find((c) => c.id === counterId && c.active);
  const forgotten = Boolean(counters.data && counterId && !known);
  useEffect(() => {
    if (!forgotten) return;
    rememberCounter(officeId, null);
    setCounterId(null);
  }, [forgotten, officeId]);

  if (!counters.data) {
    return counters.isError && !isNetworkFailure(counters.error) ? <ErrorMessage error={counters.error} retry={() => void counters.refetch()} /> : (
      <>
        <ConnectionLost show={counters.fetchStatus === 'paused' || counters.failureCount > 0} />
        <Loading />
      </>
    );
  }
  if (!counterId || !known) {
    return <ChooseCounter counters={counters.data.items} categories={categories.data?.items ?? []} me={me} onChoose={choose} />;
  }
  return (
    <CounterDesk
      counterId={counterId}
      officeId={officeId}
      me={me}
      counters={counters.data.items}
      categories={categories.data?.items ?? []}
      onLeave={() => choose(null)}
    />
  );
}

/** A live region that is always there, so that the banner is announced when it appears. */
function ConnectionLost({ show }: { show: boolean }) {
  const { t } = useTranslation();
  return (
    <div role="status" className="sp-counter-offline">
      {show && (
        <Notice tone="warning" role="none">
          <strong>{t('desk.counter.offline')}</strong> {t('desk.counter.offlineBody')}
        </Notice>
      )}
    </div>
  );
}

const categoryNames = (ids: string[], categories: DeskCategory[]) =>
  ids
    .map((id) => categories.find((c) => c.id === id))
    .filter((c): c is DeskCategory => Boolean(c))
    .map((c) => `${c.prefix} · ${c.name}`)
    .join(', ');

function ChooseCounter({ counters, categories, me, onChoose }: { counters: DeskCounter[]; categories: DeskCategory[]; me: string; onChoose: (id: string) => void }) {
  const { t } = useTranslation();
  const active = counters.filter((c) => c.active);
  return (
    <section aria-labelledby="counter-choose">
      <h2 id="counter-choose" className="h4">
        {t('desk.counter.choose')}
      </h2>
      {active.length === 0 ? (
        <p>{t('desk.counter.noCounters')}</p>
      ) : (
        <ul className="sp-counter-list">
          {active.map((c) => (
            <li key={c.id} className="sp-counter-choice">
              <div>
                <h3 className="h5 mb-1">{c.name}</h3>
                <p className="mb-1 small">{categoryNames(c.categoryIds, categories) || '—'}</p>
                <p className="mb-0 small">
                  {c.open ? t('desk.counter.openBy', { name: c.operatorId === me ? t('desk.counter.you') : (c.operatorName ?? '—') }) : t('desk.counter.closed')}
                </p>
              </div>
              <Button type="button" color="primary" onClick={() => onChoose(c.id)} aria-label={t('desk.counter.sitAtNamed', { name: c.name })}>
                {t('desk.counter.sitAt')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CounterDesk({ counterId, officeId, me, counters, categories, onLeave }: {
  counterId: string; officeId: string; me: string; counters: DeskCounter[]; categories: DeskCategory[]; onLeave: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const state = useQuery({
    queryKey: deskKeys.counter(counterId),
    queryFn: ({ signal }) => deskApi.counter(counterId, signal),
    refetchInterval: REFRESH_MS,
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    staleTime: 0,
    retry: keepTrying,
    retryDelay: (attempt) => Math.min(5_000, retryDelay(attempt)),
  });
  // TanStack Query pauses (rather than fails) reads while the browser says it is offline: that is a lost connection too
  const offline = state.fetchStatus === 'paused' || (state.failureCount > 0 && isNetworkFailure(state.failureReason)) || (state.isError && isNetworkFailure(state.error));

  const refresh = (next?: CounterState) => {
    if (next) queryClient.setQueryData(deskKeys.counter(counterId), next);
    void queryClient.invalidateQueries({ queryKey: deskKeys.counter(counterId) });
    void queryClient.invalidateQueries({ queryKey: deskKeys.counters(officeId) });
  };

  const action = useMutation({
    mutationFn: async (run: () => Promise<string | null>) => run(),
    // an action tried offline fails at once and says so, rather than waiting to happen later by surprise
    networkMode: 'always',
    onMutate: () => setMessage(null),
    onSuccess: (done) => {
      setMessage(done);
      refresh();
    },
    onError: () => refresh(),
  });
  const busy = action.isPending;
  const run = (fn: () => Promise<string | null>) => action.mutate(fn);

  if (!state.data) {
    if (state.isError && !isNetworkFailure(state.error)) return <ErrorMessage error={state.error} retry={() => void state.refetch()} />;
    return (
      <>
        <ConnectionLost show={offline} />
        <Loading />
      </>
    );
  }
  const { counter, current, queues } = state.data;
  // open, but by someone else: their calls are not this operator's to make until they take the counter over
  const heldByOther = counter.open && counter.operatorId !== me;

  return (
    <div className="sp-counter-desk">
      <ConnectionLost show={offline} />
      <div className="d-flex flex-wrap align-items-center gap-2 mb-3">
        <h2 className="h3 mb-0 me-auto" data-testid="counter-name">
          {counter.name}
          <span className={`badge ms-2 ${counter.open ? 'bg-success' : 'bg-secondary'}`}>{counter.open ? t('desk.counter.isOpen') : t('desk.counter.isClosed')}</span>
        </h2>
        {(!counter.open || heldByOther) && (
          <Button type="button" color="primary" outline size="sm" onClick={onLeave}>
            {t('desk.counter.change')}
          </Button>
        )}
      </div>

      {action.isError && (
        <ErrorMessage error={isNetworkFailure(action.error) ? new Error(t('desk.counter.actionOffline')) : action.error} />
      )}
      <div role="status" className="sp-counter-message">
        {message && (
          <Notice tone="info" role="none">
            {message}
          </Notice>
        )}
      </div>

      {heldByOther ? (
        <section className="sp-counter-open" aria-labelledby="counter-held-heading">
          <h2 id="counter-held-heading" className="h4">
            {t('desk.counter.heldBy', { name: counter.operatorName ?? t('desk.counter.anotherOperator') })}
          </h2>
          <p>{t('desk.counter.heldBody')}</p>
          <Button type="button" color="primary" size="lg" disabled={busy} onClick={() => run(async () => {
            await deskApi.openCounter(counter.id, counter.categoryIds);
            return t('desk.counter.opened', { name: counter.name });
          })}>
            {t('desk.counter.takeOver')}
          </Button>
        </section>
      ) : !counter.open ? (
        <OpenCounter counter={counter} categories={categories} busy={busy} onOpen={(ids) => run(async () => {
          await deskApi.openCounter(counter.id, ids);
          return t('desk.counter.opened', { name: counter.name });
        })} />
      ) : (
        <>
          <section className="sp-counter-current" aria-labelledby="counter-current-heading">
            <h2 id="counter-current-heading" className="h4">
              {t('desk.counter.current')}
            </h2>
            {current ? (
              <CurrentTicket
                ticket={current}
                busy={busy}
                counters={counters.filter((c) => c.id !== counter.id && c.active)}
                categories={categories.filter((c) => c.active)}
                onRecall={() => run(async () => {
                  await deskApi.recall(current.id);
                  return t('desk.counter.recalled', { label: current.label });
                })}
                onServed={() => run(async () => {
                  await deskApi.served(current.id);
                  return t('desk.counter.servedDone', { label: current.label });
                })}
                onNoShow={() => run(async () => {
                  await deskApi.noShow(current.id);
                  return t('desk.counter.noShowDone', { label: current.label });
                })}
                onTransfer={(to, name) => run(async () => {
                  await deskApi.transfer(current.id, to);
                  return t('desk.counter.transferred', { label: current.label, to: name });
                })}
              />
            ) : (
              <p className="mb-3">{t('desk.counter.noCurrent')}</p>
            )}
            <Button
              type="button"
              color="primary"
              size="lg"
              className="sp-counter-call"
              disabled={busy || Boolean(current)}
              aria-describedby={current ? 'counter-call-hint' : undefined}
              onClick={() => run(async () => {
                const { ticket } = await deskApi.callNext(counter.id);
                return ticket ? t('desk.counter.called', { label: ticket.label }) : t('desk.counter.nobody');
              })}
            >
              {t('desk.counter.callNext')}
            </Button>
            {current && (
              <p id="counter-call-hint" className="small mt-2 mb-0">
                {t('desk.counter.finishFirst')}
              </p>
            )}
          </section>

          <QueuesTable queues={counter.categoryIds.length ? queues.filter((q) => counter.categoryIds.includes(q.categoryId)) : queues} />

          <div className="mt-4">
            <Button type="button" color="danger" outline disabled={busy} onClick={() => run(async () => {
              await deskApi.closeCounter(counter.id);
              return t('desk.counter.closedDone', { name: counter.name });
            })}>
              {t('desk.counter.close')}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}

function OpenCounter({ counter, categories, busy, onOpen }: { counter: DeskCounter; categories: DeskCategory[]; busy: boolean; onOpen: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const own = categories.filter((c) => counter.categoryIds.includes(c.id) && c.active);
  const [chosen, setChosen] = useState<string[]>(() => counter.categoryIds);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const ids = chosen.filter((id) => own.some((c) => c.id === id));
    if (own.length > 0 && ids.length === 0) {
      setError(t('desk.counter.chooseCategories'));
      return;
    }
    onOpen(ids.length ? ids : counter.categoryIds);
  };
  return (
    <form onSubmit={submit} aria-labelledby="counter-open-heading" className="sp-counter-open">
      <h2 id="counter-open-heading" className="h4">
        {t('desk.counter.openTitle')}
      </h2>
      <fieldset>
        <legend className="h6">{t('desk.counter.categories')}</legend>
        {own.map((c) => (
          <CheckboxField
            key={c.id}
            id={`counter-cat-${c.id}`}
            label={`${c.prefix} · ${c.name}`}
            checked={chosen.includes(c.id)}
            onCheckedChange={(on) => {
              setError(null);
              setChosen((list) => (on ? [...list, c.id] : list.filter((id) => id !== c.id)));
            }}
          />
        ))}
        {error && (
          <p className="text-danger fw-semibold" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      <Button type="submit" color="primary" size="lg" disabled={busy}>
        {t('desk.counter.open')}
      </Button>
    </form>
  );
}

function CurrentTicket({ ticket, busy, counters, categories, onRecall, onServed, onNoShow, onTransfer }: {
  ticket: Ticket; busy: boolean; counters: DeskCounter[]; categories: DeskCategory[];
  onRecall: () => void; onServed: () => void; onNoShow: () => void; onTransfer: (to: { counterId: string } | { categoryId: string }, name: string) => void;
}) {
  const { t } = useTranslation();
  const [transferring, setTransferring] = useState(false);
  return (
    <div className="sp-counter-ticket">
      <p className="sp-counter-label" data-testid="counter-current">
        {ticket.label}
      </p>
      <p className="mb-1 fw-semibold">{ticket.categoryName}</p>
      <p className="mb-3 small">
        {ticket.appointment ? `${t('desk.counter.appointment')} · ` : ''}
        {t('desk.counter.callCount', { count: ticket.callCount })}
      </p>
      <div className="sp-counter-actions">
        <Button type="button" color="primary" outline disabled={busy} onClick={onRecall}>
          {t('desk.counter.recall')}
        </Button>
        <Button type="button" color="success" disabled={busy} onClick={onServed}>
          {t('desk.counter.served')}
        </Button>
        <Button type="button" color="primary" outline disabled={busy} onClick={onNoShow}>
          {t('desk.counter.noShow')}
        </Button>
        <Button type="button" color="primary" outline disabled={busy} onClick={() => setTransferring(true)}>
          {t('desk.counter.transfer')}
        </Button>
      </div>
      {transferring && (
        <TransferDialog
          label={ticket.label}
          counters={counters}
          categories={categories}
          onCancel={() => setTransferring(false)}
          onConfirm={(to, name) => {
            setTransferring(false);
            onTransfer(to, name);
          }}
        />
      )}
    </div>
  );
}

/** A small modal (the browser's own <dialog>: it keeps the focus inside and closes with Escape). */
function TransferDialog({ label, counters, categories, onCancel, onConfirm }: {
  label: string; counters: DeskCounter[]; categories: DeskCategory[];
  onCancel: () => void; onConfirm: (to: { counterId: string } | { categoryId: string }, name: string) => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [kind, setKind] = useState<'counter' | 'category'>(counters.length ? 'counter' : 'category');
  const [target, setTarget] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!target) {
      setError(kind === 'counter' ? t('desk.counter.chooseCounter') : t('desk.counter.chooseCategory'));
      return;
    }
    if (kind === 'counter') onConfirm({ counterId: target }, counters.find((c) => c.id === target)?.name ?? '');
    else onConfirm({ categoryId: target }, categories.find((c) => c.id === target)?.name ?? '');
  };
  return (
    <dialog ref={ref} className="sp-counter-dialog" aria-labelledby="transfer-title" onCancel={(e) => {
      e.preventDefault();
      onCancel();
    }}>
      <form onSubmit={submit}>
        <h2 id="transfer-title" className="h4">
          {t('desk.counter.transferTitle', { label })}
        </h2>
        <fieldset className="mb-3">
          <legend className="h6">{t('desk.counter.transferTo')}</legend>
          <div className="form-check">
            <input className="form-check-input" type="radio" id="transfer-kind-counter" name="transfer-kind" checked={kind === 'counter'} disabled={!counters.length}
              onChange={() => { setKind('counter'); setTarget(''); setError(null); }} />
            <label className="form-check-label" htmlFor="transfer-kind-counter">{t('desk.counter.toCounter')}</label>
          </div>
          <div className="form-check">
            <input className="form-check-input" type="radio" id="transfer-kind-category" name="transfer-kind" checked={kind === 'category'}
              onChange={() => { setKind('category'); setTarget(''); setError(null); }} />
            <label className="form-check-label" htmlFor="transfer-kind-category">{t('desk.counter.toCategory')}</label>
          </div>
        </fieldset>
        <SelectField
          id="transfer-target"
          label={kind === 'counter' ? t('desk.counter.counterLabel') : t('desk.counter.categoryLabel')}
          value={target}
          onValueChange={(v) => { setTarget(v); setError(null); }}
          emptyLabel={t('desk.counter.chooseOne')}
          error={error ?? undefined}
          options={kind === 'counter'
            ? counters.map((c) => ({ value: c.id, label: c.open ? c.name : `${c.name} (${t('desk.counter.isClosed')})` }))
            : categories.map((c) => ({ value: c.id, label: `${c.prefix} · ${c.name}` }))}
        />
        <div className="d-flex flex-wrap gap-2 mt-3">
          <Button type="submit" color="primary">{t('desk.counter.transferConfirm')}</Button>
          <Button type="button" color="primary" outline onClick={onCancel}>{t('desk.counter.cancel')}</Button>
        </div>
      </form>
    </dialog>
  );
}

function QueuesTable({ queues }: { queues: QueueState[] }) {
  const { t } = useTranslation();
  return (
    <section className="mt-4" aria-labelledby="counter-queues-heading">
      <h2 id="counter-queues-heading" className="h4">
        {t('desk.counter.queues')}
      </h2>
      {queues.length === 0 ? (
        <p>{t('desk.counter.noQueues')}</p>
      ) : (
        <div className="table-responsive">
          <table className="table sp-counter-queues" data-testid="counter-queues">
            <thead>
              <tr>
                <th scope="col">{t('desk.counter.category')}</th>
                <th scope="col" className="text-end">{t('desk.counter.waiting')}</th>
                <th scope="col">{t('desk.counter.next')}</th>
              </tr>
            </thead>
            <tbody>
              {queues.map((q) => (
                <tr key={q.categoryId}>
                  <th scope="row">
                    {q.prefix} · {q.name}
                  </th>
                  <td className="text-end fw-bold">{q.waiting}</td>
                  <td>{q.next.length ? q.next.slice(0, 5).join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
