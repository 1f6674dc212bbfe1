/**
 * "Avvia una pratica per la persona": a service of the body with an online form and the person's fiscal code; the
 * draft is started in their name and its code is shown big, to tell them. They complete and send it from "Le mie
 * pratiche" after signing in with SPID or CIE.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError, newIdempotencyKey } from '../../../api/client';
import { problemField, receptionApi, receptionKeys, type StartedApplication } from '../../../api/reception';
import { SelectField, TextField } from '../../../ui/fields';
import { ErrorMessage, Loading } from '../../../ui/status';

const FISCAL_CODE = /^[A-Za-z0-9]{16}$/;

export function StartApplicationForm({ officeId, tenantSlug }: { officeId: string; tenantSlug: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const services = useQuery({
    queryKey: receptionKeys.formServices(tenantSlug),
    queryFn: ({ signal }) => api.services({ tenant: tenantSlug, online: 'true', limit: 100 }, signal),
  });
  const [serviceId, setServiceId] = useState('');
  const [fiscalCode, setFiscalCode] = useState('');
  const [errors, setErrors] = useState<{ serviceId?: string; fiscalCode?: string }>({});
  const [started, setStarted] = useState<StartedApplication | null>(null);
  const key = useRef(newIdempotencyKey());
  const done = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (started) done.current?.focus();
  }, [started]);

  const start = useMutation({
    mutationFn: () => receptionApi.startApplication({ officeId, serviceId, fiscalCode: fiscalCode.trim().toUpperCase() }, key.current),
    onSuccess: (result) => {
      key.current = newIdempotencyKey();
      setStarted(result);
      setFiscalCode('');
      void queryClient.invalidateQueries({ queryKey: ['reception', 'contacts', officeId] });
    },
    onError: (e) => {
      if (isApiError(e) && (e.status === 400 || e.status === 422)) {
        setErrors({ fiscalCode: problemField(e, 'fiscalCode') ? (e.status === 422 ? e.problem?.detail : problemField(e, 'fiscalCode')) : undefined });
      }
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setStarted(null);
    const found: typeof errors = {};
    if (!serviceId) found.serviceId = t('reception.start.serviceRequired');
    if (!FISCAL_CODE.test(fiscalCode.trim())) found.fiscalCode = t('reception.fiscalCodeShape');
    setErrors(found);
    if (!found.serviceId && !found.fiscalCode) start.mutate();
  };
  const shownError = start.isError && !(isApiError(start.error) && (start.error.status === 400 || start.error.status === 422) && errors.fiscalCode);

  return (
    <form onSubmit={submit} noValidate aria-labelledby="reception-start-title" className="sp-reception-card">
      <h2 id="reception-start-title" className="h4">{t('reception.start.title')}</h2>
      <p>{t('reception.start.lead')}</p>
      {services.isError ? <ErrorMessage error={services.error} retry={() => void services.refetch()} /> : !services.data ? <Loading /> : (
        <SelectField id="start-service" label={t('reception.start.service')} value={serviceId} onValueChange={setServiceId} error={errors.serviceId}
          emptyLabel={t('reception.start.chooseService')} options={services.data.items.map((s) => ({ value: s.id, label: s.title }))} />
      )}
      <TextField id="start-fiscal-code" label={t('reception.fiscalCode')} value={fiscalCode} onValueChange={(v) => setFiscalCode(v.toUpperCase())}
        error={errors.fiscalCode} autoComplete="off" maxLength={16} spellCheck={false} />
      {shownError && <ErrorMessage error={start.error} />}
      <Button type="submit" color="primary" disabled={start.isPending}>{t('reception.start.submit')}</Button>
      <div aria-live="polite">
        {started && (
          <div className="sp-reception-ticket" ref={done} tabIndex={-1} role="group" aria-labelledby="reception-start-done">
            <p id="reception-start-done" className="mb-1">{t('reception.start.done', { name: started.citizenName })}</p>
            <p className="sp-reception-code">{started.code}</p>
            <p className="mb-0">{t('reception.start.tell')}</p>
          </div>
        )}
      </div>
    </form>
  );
}
