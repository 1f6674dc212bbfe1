/**
 * "Nuovo contatto": who came or phoned, why, and how it ended, saved in one click. What was typed stays on an error
 * (each wrong field says why); after saving, the form empties for the next person and keeps the channel.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_CHANNELS, CONTACT_OUTCOMES, type ContactChannel, type ContactOutcome } from '../../../../contracts/desk';
import { isApiError, newIdempotencyKey } from '../../../api/client';
import { problemField, receptionApi } from '../../../api/reception';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../ui/fields';
import { DoneMessage, ErrorMessage } from '../../../ui/status';

const FISCAL_CODE = /^[A-Za-z0-9]{16}$/;

/** What the rest of the page offers to link to the contact: the application just looked up, the ticket just given. */
export interface ContactLinks {
  /** with the person the lookup found, who fills the contact's empty name and fiscal code */
  application?: { id: string; code: string; person: { name: string; fiscalCode: string } | null };
  ticket?: { id: string; label: string };
}

export function ContactForm({ officeId, links, onLinksUsed }: { officeId: string; links: ContactLinks; onLinksUsed: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<ContactChannel>('desk');
  const [name, setName] = useState('');
  const [fiscalCode, setFiscalCode] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<ContactOutcome>('informed');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [linkApplication, setLinkApplication] = useState(false);
  const [linkTicket, setLinkTicket] = useState(false);
  // an application chosen with "Collega al contatto" is linked, and its status was given; a new ticket is offered unticked
  useEffect(() => {
    setLinkApplication(!!links.application);
    if (!links.application) return;
    setOutcome((o) => (o === 'informed' ? 'status_given' : o));
    const person = links.application.person;
    if (person) {
      setName((n) => n || person.name);
      setFiscalCode((c) => c || person.fiscalCode);
    }
  }, [links.application]);
  useEffect(() => setLinkTicket(false), [links.ticket]);
  // one key per contact: a retry after a dropped answer records it once
  const key = useRef(newIdempotencyKey());

  const save = useMutation({
    mutationFn: () => receptionApi.recordContact({
      officeId, channel, reason: reason.trim(), outcome,
      person: { ...(name.trim() ? { name: name.trim() } : {}), ...(fiscalCode.trim() ? { fiscalCode: fiscalCode.trim().toUpperCase() } : {}) },
      ...(note.trim() ? { note: note.trim() } : {}),
      ...(linkApplication && links.application ? { applicationId: links.application.id } : {}),
      ...(linkTicket && links.ticket ? { ticketId: links.ticket.id } : {}),
    }, key.current),
    onSuccess: (contact) => {
      key.current = newIdempotencyKey();
      setName('');
      setFiscalCode('');
      setReason('');
      setNote('');
      setOutcome('informed');
      onLinksUsed();
      setDone(t('reception.contact.saved', { who: contact.person.name ?? contact.person.fiscalCode ?? t('reception.contact.anonymous') }));
      void queryClient.invalidateQueries({ queryKey: ['reception', 'contacts', officeId] });
    },
    onError: (error) => {
      if (isApiError(error, 400)) {
        setErrors({
          ...(problemField(error, 'person') ? { fiscalCode: problemField(error, 'person')! } : {}),
          ...(problemField(error, 'reason') ? { reason: problemField(error, 'reason')! } : {}),
        });
      }
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const found: Record<string, string> = {};
    if (!reason.trim()) found.reason = t('reception.contact.reasonRequired');
    if (fiscalCode.trim() && !FISCAL_CODE.test(fiscalCode.trim())) found.fiscalCode = t('reception.fiscalCodeShape');
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate();
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="reception-contact-title" className="sp-reception-card">
      <h2 id="reception-contact-title" className="h4">{t('reception.contact.title')}</h2>
      <div className="sp-reception-grid">
        <SelectField id="contact-channel" label={t('reception.contact.channel')} value={channel} onValueChange={(v) => setChannel(v as ContactChannel)}
          options={CONTACT_CHANNELS.map((c) => ({ value: c, label: t(`reception.channel.${c}`) }))} />
        <SelectField id="contact-outcome" label={t('reception.contact.outcome')} value={outcome} onValueChange={(v) => setOutcome(v as ContactOutcome)}
          options={CONTACT_OUTCOMES.map((o) => ({ value: o, label: t(`reception.outcome.${o}`) }))} />
        <TextField id="contact-name" label={t('reception.contact.name')} hint={t('reception.contact.personHint')} value={name} onValueChange={setName}
          autoComplete="off" maxLength={200} />
        <TextField id="contact-fiscal-code" label={t('reception.fiscalCode')} value={fiscalCode} onValueChange={(v) => setFiscalCode(v.toUpperCase())}
          autoComplete="off" maxLength={16} error={errors.fiscalCode} spellCheck={false} />
      </div>
      <TextField id="contact-reason" label={t('reception.contact.reason')} value={reason} onValueChange={setReason} maxLength={500} required error={errors.reason} />
      <TextAreaField id="contact-note" label={t('reception.contact.note')} value={note} onValueChange={setNote} rows={2} />
      {links.application && (
        <CheckboxField id="contact-link-application" label={t('reception.contact.linkApplication', { code: links.application.code })}
          checked={linkApplication} onCheckedChange={setLinkApplication} />
      )}
      {links.ticket && (
        <CheckboxField id="contact-link-ticket" label={t('reception.contact.linkTicket', { label: links.ticket.label })} checked={linkTicket} onCheckedChange={setLinkTicket} />
      )}
      {save.isError && !isApiError(save.error, 400) && <ErrorMessage error={save.error} />}
      {save.isError && isApiError(save.error, 400) && Object.keys(errors).length === 0 && <ErrorMessage error={save.error} />}
      <DoneMessage message={done} />
      <Button type="submit" color="primary" disabled={save.isPending}>{save.isPending ? t('reception.saving') : t('reception.contact.save')}</Button>
    </form>
  );
}
