/** "Ritira la domanda": a confirmation step with an optional reason, then the transition `withdraw`. */
import { useMutation } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../contracts/applications';
import { applicationsApi } from '../../api/applications';
import { TextAreaField } from '../../ui/fields';
import { ErrorMessage } from '../../ui/status';

export function WithdrawAction({ application, onWithdrawn }: { application: ApplicationDetail; onWithdrawn: (updated: ApplicationDetail) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [reason, setReason] = useState('');
  const openButton = useRef<HTMLButtonElement>(null);
  const confirmTitle = useRef<HTMLParagraphElement>(null);
  const withdraw = useMutation({
    mutationFn: () => applicationsApi.transition(application.id, 'withdraw', reason.trim() ? { note: reason.trim() } : {}),
    onSuccess: onWithdrawn,
  });

  useEffect(() => {
    if (confirming) confirmTitle.current?.focus();
  }, [confirming]);

  const cancel = () => {
    setConfirming(false);
    setReason('');
    withdraw.reset();
    window.setTimeout(() => openButton.current?.focus(), 0);
  };

  return (
    <div className="sp-withdraw">
      <p>{t('practices.withdraw.intro')}</p>
      {!confirming && (
        <Button type="button" color="danger" outline innerRef={openButton} onClick={() => setConfirming(true)}>
          {t('practices.withdraw.button')}
        </Button>
      )}
      {confirming && (
        <div className="sp-withdraw-confirm" role="group" aria-labelledby="ritira-conferma">
          <p className="fw-semibold mb-1" id="ritira-conferma" tabIndex={-1} ref={confirmTitle}>
            {t('practices.withdraw.confirmTitle', { service: application.service.title })}
          </p>
          <p>{t('practices.withdraw.confirmBody')}</p>
          <TextAreaField id="ritira-motivo" label={t('practices.withdraw.reason')} value={reason} onValueChange={setReason} rows={2} />
          {withdraw.isError && <ErrorMessage error={withdraw.error} />}
          <div className="sp-actions">
            <Button type="button" color="danger" disabled={withdraw.isPending} onClick={() => withdraw.mutate()}>
              {t('practices.withdraw.confirm')}
            </Button>
            <Button type="button" color="primary" outline onClick={cancel}>
              {t('practices.withdraw.cancel')}
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
