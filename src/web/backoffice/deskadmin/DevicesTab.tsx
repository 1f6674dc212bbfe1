/**
 * "Dispositivi": the devices on the office's floor. Pairing a kiosk or a rating tablet (of one counter) answers
 * once with a key inside the pairing link: the page shows the full link to open on the device, a copy button and
 * its QR code, and says it will not be shown again. The list tells when each device was last heard from, and a
 * device can be revoked (its key stops working). The waiting-room display needs no pairing: its public link is
 * given here too.
 */
import { Badge, Button, Table } from 'design-react-kit';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskDevice, DeskDeviceKind } from '../../../contracts/desk';
import { newIdempotencyKey } from '../../api/client';
import { deskAdminApi, deskAdminKeys, useCounters, useDevices, type PairedDevice } from '../../api/deskAdmin';
import { SelectField, TextField } from '../../ui/fields';
import { RevokeButton, useRevokeStep } from '../../ui/RevokeConfirm';
import { shortDateTime } from '../../ui/romeTime';
import { DoneMessage, ErrorMessage, Loading, Notice } from '../../ui/status';
import { controlId, FormErrorSummary, useFormSubmit } from '../admin/forms';

const FORM = 'device';
interface Draft {
  kind: DeskDeviceKind;
  name: string;
  counterId: string;
}

export function DevicesTab({ officeId }: { officeId: string }) {
  const { t, i18n } = useTranslation();
  const devices = useDevices(officeId);
  const counters = useCounters(officeId);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>({ kind: 'kiosk', name: '', counterId: '' });
  const [paired, setPaired] = useState<PairedDevice | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = useFormSubmit();
  const key = useRef(newIdempotencyKey());
  const counterName = new Map(counters.data?.items.map((c) => [c.id, c.name]));
  const displayPath = `/sportello/display/${encodeURIComponent(officeId)}`;
  const when = (iso: string) => shortDateTime(iso, i18n.language);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!draft.name.trim()) local.name = t('admin.required');
    if (draft.kind === 'rating' && !draft.counterId) local.counterId = t('deskAdmin.devices.counterRequired');
    if (Object.keys(local).length) return submit.fail(local);
    setDone(null);
    const result = await submit.run(() =>
      deskAdminApi.pairDevice(officeId, { kind: draft.kind, name: draft.name.trim(), ...(draft.kind === 'rating' ? { counterId: draft.counterId } : {}) }, key.current),
    );
    key.current = newIdempotencyKey();
    if (!result) return;
    setPaired(result);
    setDraft({ kind: draft.kind, name: '', counterId: '' });
    void queryClient.invalidateQueries({ queryKey: deskAdminKeys.devices(officeId) });
  };

  const labelFor = (k: string) => t(`deskAdmin.devices.fields.${k}`, { defaultValue: k });
  const activeCounters = (counters.data?.items ?? []).filter((c) => c.active);

  return (
    <>
      <h3 className="h4">{t('deskAdmin.devices.title')}</h3>
      <p>{t('deskAdmin.devices.lead')}</p>

      <div className="sp-da-display mb-4">
        <h4 className="h5">{t('deskAdmin.devices.displayTitle')}</h4>
        <p className="mb-1">{t('deskAdmin.devices.displayLead')}</p>
        <a href={displayPath} target="_blank" rel="noopener" className="text-break">
          {`${window.location.origin}${displayPath}`}
          <span className="visually-hidden"> {t('deskAdmin.devices.newWindow')}</span>
        </a>
      </div>

      {paired && <PairingLink paired={paired} counterName={paired.device.counterId ? counterName.get(paired.device.counterId) : undefined} />}
      <DoneMessage message={done} />

      <h4 className="h5">{t('deskAdmin.devices.listTitle')}</h4>
      {devices.isPending ? (
        <Loading />
      ) : devices.isError ? (
        <ErrorMessage error={devices.error} retry={() => void devices.refetch()} />
      ) : devices.data.items.length === 0 ? (
        <p className="sp-empty-note">{t('deskAdmin.devices.empty')}</p>
      ) : (
        <Table className="sp-catalog-table sp-da-table">
          <caption className="visually-hidden">{t('deskAdmin.devices.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('deskAdmin.devices.fields.name')}</th>
              <th scope="col" className="d-none d-md-table-cell">{t('deskAdmin.devices.colPaired')}</th>
              <th scope="col" className="d-none d-sm-table-cell">{t('deskAdmin.devices.colLastSeen')}</th>
              <th scope="col"><span className="visually-hidden">{t('deskAdmin.colActions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {devices.data.items.map((d) => (
              <DeviceRow key={d.id} device={d} counterName={d.counterId ? counterName.get(d.counterId) : undefined} when={when}
                onRevoked={(name) => {
                  setPaired((p) => (p?.device.id === d.id ? null : p));
                  setDone(t('deskAdmin.devices.revoked', { name }));
                  void queryClient.invalidateQueries({ queryKey: deskAdminKeys.devices(officeId) });
                }} />
            ))}
          </tbody>
        </Table>
      )}

      <div className="sp-da-form mt-4">
        <h4 className="h5">{t('deskAdmin.devices.pairTitle')}</h4>
        <FormErrorSummary problem={submit.problem} form={FORM} labelFor={labelFor} focusRef={submit.summaryRef} />
        <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('deskAdmin.devices.pairTitle')}>
          <fieldset id={controlId(FORM, 'kind')} className="sp-checkbox-group">
            <legend>{t('deskAdmin.devices.fields.kind')}</legend>
            {(['kiosk', 'rating'] as const).map((kind) => (
              <div className="form-check" key={kind}>
                <input className="form-check-input" type="radio" name="device-kind" id={controlId(FORM, `kind-${kind}`)} checked={draft.kind === kind}
                  onChange={() => setDraft((d) => ({ ...d, kind }))} aria-describedby={`${controlId(FORM, `kind-${kind}`)}-hint`} />
                <label className="form-check-label" htmlFor={controlId(FORM, `kind-${kind}`)}>{t(`deskAdmin.devices.kinds.${kind}`)}</label>
                <small id={`${controlId(FORM, `kind-${kind}`)}-hint`} className="form-text d-block sp-hint">{t(`deskAdmin.devices.kindHints.${kind}`)}</small>
              </div>
            ))}
          </fieldset>
          <TextField id={controlId(FORM, 'name')} label={t('deskAdmin.devices.fields.name')} hint={t('deskAdmin.devices.nameHint')} value={draft.name}
            onValueChange={(name) => setDraft((d) => ({ ...d, name }))} error={submit.errorFor('name')} required maxLength={80} />
          {draft.kind === 'rating' && (
            <SelectField id={controlId(FORM, 'counterId')} label={t('deskAdmin.devices.fields.counterId')} value={draft.counterId}
              onValueChange={(counterId) => setDraft((d) => ({ ...d, counterId }))} error={submit.errorFor('counterId')} required
              emptyLabel={t('deskAdmin.devices.chooseCounter')} options={activeCounters.map((c) => ({ value: c.id, label: c.name }))}
              hint={activeCounters.length ? undefined : t('deskAdmin.devices.noCounters')} />
          )}
          <Button type="submit" color="primary" disabled={submit.submitting} className="mt-2">
            {submit.submitting ? t('deskAdmin.devices.pairing') : t('deskAdmin.devices.pair')}
          </Button>
        </form>
      </div>
    </>
  );
}

function DeviceRow({ device: d, counterName, when, onRevoked }: {
  device: DeskDevice;
  counterName: string | undefined;
  when: (iso: string) => string;
  onRevoked: (name: string) => void;
}) {
  const { t } = useTranslation();
  const step = useRevokeStep();
  const revoke = useMutation({ mutationFn: () => deskAdminApi.revokeDevice(d.id), onSuccess: () => { step.close(); onRevoked(d.name); } });
  const kind = t(`deskAdmin.devices.kinds.${d.kind}`);
  const confirmId = `device-${d.id}`;
  // the column says "Ultimo contatto" over the time; on a phone the column is folded into the name's cell
  const lastSeen = (long: boolean) => d.revokedAt
    ? t('deskAdmin.devices.revokedOn', { when: when(d.revokedAt) })
    : !d.lastSeenAt ? t('deskAdmin.devices.neverSeen') : long ? t('deskAdmin.devices.lastSeen', { when: when(d.lastSeenAt) }) : when(d.lastSeenAt);
  return (
    <tr>
      <td>
        <span className="fw-semibold">{d.name}</span>{' '}
        {d.revokedAt && <Badge color="secondary" className="sp-badge">{t('deskAdmin.devices.revokedBadge')}</Badge>}
        <div className="small">{counterName ? t('deskAdmin.devices.kindAtCounter', { kind, counter: counterName }) : kind}</div>
        <div className="small d-md-none">{t('deskAdmin.devices.pairedOn', { when: when(d.createdAt) })}</div>
        <div className="small d-sm-none">{lastSeen(true)}</div>
        {step.confirming && (
          <div className="sp-revoke-confirm" role="group" aria-labelledby={`${confirmId}-confirm`}>
            <p className="fw-semibold mb-1" id={`${confirmId}-confirm`} tabIndex={-1} ref={step.heading}>
              {t('deskAdmin.devices.revokeTitle', { name: d.name })}
            </p>
            <p>{t('deskAdmin.devices.revokeBody')}</p>
            {revoke.error ? <ErrorMessage error={revoke.error} /> : null}
            <div className="sp-actions">
              <Button type="button" color="danger" disabled={revoke.isPending} onClick={() => revoke.mutate()}>
                {t('deskAdmin.devices.revokeConfirm')}
              </Button>
              <Button type="button" color="primary" outline onClick={step.cancel}>{t('admin.cancel')}</Button>
            </div>
          </div>
        )}
      </td>
      <td className="d-none d-md-table-cell small">{when(d.createdAt)}</td>
      <td className="d-none d-sm-table-cell small">{lastSeen(false)}</td>
      <td>
        {!d.revokedAt && !step.confirming && (
          <RevokeButton step={step}>
            {t('deskAdmin.devices.revoke')}
            <span className="visually-hidden"> {d.name}</span>
          </RevokeButton>
        )}
      </td>
    </tr>
  );
}

/** The pairing link of a device just paired, shown this once: the link, a copy button and its QR code. */
function PairingLink({ paired, counterName }: { paired: PairedDevice; counterName: string | undefined }) {
  const { t } = useTranslation();
  const link = `${window.location.origin}${paired.pairPath}`;
  const ref = useRef<HTMLDivElement>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  const kind = t(`deskAdmin.devices.kinds.${paired.device.kind}`);

  useEffect(() => {
    ref.current?.focus();
    let live = true;
    setQr(null);
    // the QR code library is loaded only when a device is paired
    void import('qrcode')
      .then((QRCode) => QRCode.toDataURL(link, { errorCorrectionLevel: 'M', margin: 2, width: 240 }))
      .then((url) => live && setQr(url))
      .catch(() => live && setQr(null));
    return () => {
      live = false;
    };
  }, [link]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <Notice tone="success" role="none" focusRef={ref} className="sp-da-paired">
      <p className="fw-semibold">
        {counterName ? t('deskAdmin.devices.pairedAtCounter', { kind, name: paired.device.name, counter: counterName }) : t('deskAdmin.devices.paired', { kind, name: paired.device.name })}
      </p>
      <p className="mb-1">{t('deskAdmin.devices.openOnDevice')}</p>
      <div className="sp-da-pairing">
        <div className="sp-da-pairing-link">
          <code className="d-block p-2 bg-light border rounded text-break" data-testid="pairing-link">{link}</code>
          <div className="d-flex flex-wrap align-items-center gap-2 mt-2">
            <Button type="button" color="primary" outline size="sm" onClick={() => void copy()}>{t('deskAdmin.devices.copy')}</Button>
            <span className="small" role="status">{copied === true ? t('admin.copied') : copied === false ? t('admin.copyFailed') : ''}</span>
          </div>
        </div>
        {qr && <img src={qr} width={240} height={240} alt={t('deskAdmin.devices.qrAlt', { name: paired.device.name })} className="sp-da-qr" />}
      </div>
      <p className="fw-semibold mt-3 mb-1">{t('deskAdmin.devices.shownOnce')}</p>
      <p className="small mb-0">{t('deskAdmin.devices.keyHowTo')}</p>
    </Notice>
  );
}
