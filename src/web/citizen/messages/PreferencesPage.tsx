/**
 * /area-personale/preferenze: the citizen's contacts (e-mail, mobile, digital domicile), the language of messages
 * and, per kind of message, the channels besides the personal area. A table on wide screens, one group of
 * checkboxes per kind on a phone. Errors come back from the server on their fields; what was typed stays.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { MESSAGE_KIND_IDS, type MessageChannel, type MessageKind, type MessageLanguage, type MyPreferences } from '../../../contracts/messaging';
import { isApiError } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField, TextField } from '../../ui/fields';
import { useMediaQuery } from '../../ui/useMediaQuery';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { loginPageUrl, PERSONAL_AREA, useCitizen } from '../useSession';
import { messageKeys, messagesApi, type PreferencesInput } from './messagesApi';
import { PREFERENCES_URL } from './MessagesLinkCards';
import './messages.css';

const FORM = 'preferenze';
const CONTACT_FIELDS = ['email', 'phone', 'pec'] as const;
type ContactField = (typeof CONTACT_FIELDS)[number];

/** The id of the control that a field key ("contacts.email", "channels.receipt") names. */
const controlId = (key: string) => `${FORM}-${key.replace(/\./g, '-')}`;
const checkboxId = (kind: MessageKind, channel: MessageChannel) => `${FORM}-channels-${kind}-${channel}`;

interface Problem {
  message: string;
  /** field key → message */
  fields: Record<string, string>;
}

export default function PreferencesPage() {
  const { t } = useTranslation();
  const session = useCitizen();
  useDocumentTitle(t('messages.preferences.title'));
  if (session.isPending) return <div className="container py-4"><Loading /></div>;
  if (session.isError) return <div className="container py-4"><ErrorMessage error={session.error} retry={() => void session.refetch()} /></div>;
  if (!session.data) return <Navigate to={loginPageUrl({ returnTo: PREFERENCES_URL })} replace />;
  return <Preferences />;
}

function Preferences() {
  const { t } = useTranslation();
  const prefs = useQuery({ queryKey: messageKeys.preferences, queryFn: ({ signal }) => messagesApi.preferences(signal), staleTime: 0 });
  return (
    <div className="container py-3 py-lg-4">
      <Breadcrumbs items={[{ label: t('nav.home'), to: '/' }, { label: t('personalArea.title'), to: PERSONAL_AREA }, { label: t('messages.preferences.title') }]} />
      <div className="row">
        <div className="col-lg-10 col-xl-9">
          <h1>{t('messages.preferences.title')}</h1>
          <p className="lead">{t('messages.preferences.intro')}</p>
          {prefs.isPending ? (
            <Loading />
          ) : prefs.isError ? (
            <ErrorMessage error={prefs.error} retry={() => void prefs.refetch()} />
          ) : (
            <PreferencesForm initial={prefs.data} />
          )}
        </div>
      </div>
    </div>
  );
}

function problemOf(error: unknown, t: ReturnType<typeof useTranslation>['t']): Problem {
  if (!isApiError(error)) return { message: t('messages.preferences.networkError'), fields: {} };
  const fields: Record<string, string> = {};
  for (const e of error.problem?.errors ?? []) {
    // "body.channels.receipt.0" → "channels.receipt"; "body.contacts.email" → "contacts.email"
    const key = e.path.replace(/^body\./, '').split('.').slice(0, 2).join('.');
    if (key && !fields[key]) fields[key] = e.message;
  }
  const message = Object.keys(fields).length ? t('messages.preferences.fixFields') : (error.problem?.detail ?? t('common.errorBody'));
  return { message, fields };
}

function PreferencesForm({ initial }: { initial: MyPreferences }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const wide = useMediaQuery('(min-width: 768px)');
  const [contacts, setContacts] = useState<Record<ContactField, string>>({
    email: initial.contacts.email ?? '', phone: initial.contacts.phone ?? '', pec: initial.contacts.pec ?? '',
  });
  const [language, setLanguage] = useState<MessageLanguage>(initial.language);
  const [channels, setChannels] = useState<Record<MessageKind, MessageChannel[]>>(initial.channels);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const savedRef = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (input: PreferencesInput) => messagesApi.savePreferences(input),
    onSuccess: (result) => {
      queryClient.setQueryData(messageKeys.preferences, result);
      // the server's version of what was typed (the mobile number as +39…)
      setContacts({ email: result.contacts.email ?? '', phone: result.contacts.phone ?? '', pec: result.contacts.pec ?? '' });
      setChannels(result.channels);
      setLanguage(result.language);
      setProblem(null);
      setSaved(true);
    },
    onError: (error) => {
      setSaved(false);
      setProblem(problemOf(error, t));
    },
  });

  useEffect(() => {
    if (problem) summaryRef.current?.focus();
  }, [problem]);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);

  const edited = () => setSaved(false);
  const available = initial.available.filter((c) => c !== 'inbox');
  const legal = new Set(initial.legal);

  const toggle = (kind: MessageKind, channel: MessageChannel, on: boolean) => {
    edited();
    setChannels((current) => {
      const chosen = new Set(current[kind]);
      if (on) chosen.add(channel);
      else chosen.delete(channel);
      return { ...current, [kind]: available.filter((c) => chosen.has(c)) };
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const blank = (v: string) => (v.trim() ? v.trim() : null);
    save.mutate({
      language,
      contacts: { email: blank(contacts.email), phone: blank(contacts.phone), pec: blank(contacts.pec) },
      channels,
    });
  };

  const errorFor = (key: string) => problem?.fields[key];
  const labelFor = (key: string) => {
    const [group, name] = key.split('.');
    if (group === 'contacts') return t(`messages.preferences.${name}`);
    if (group === 'channels') return t(`messages.kinds.${name}`, { defaultValue: name });
    return key;
  };
  const jump = (event: MouseEvent<HTMLAnchorElement>, key: string) => {
    const [group, name] = key.split('.');
    const target = group === 'channels'
      ? document.querySelector<HTMLElement>(`[data-kind="${name}"] input:not([disabled])`) ?? document.getElementById(controlId(key))
      : document.getElementById(controlId(key));
    if (!target) return;
    event.preventDefault();
    target.focus();
  };

  const contactField = (field: ContactField, type: 'email' | 'tel', autoComplete: string) => (
    <TextField
      id={controlId(`contacts.${field}`)}
      type={type}
      label={t(`messages.preferences.${field}`)}
      hint={t(`messages.preferences.${field}Hint`)}
      value={contacts[field]}
      autoComplete={autoComplete}
      error={errorFor(`contacts.${field}`)}
      onValueChange={(value) => {
        edited();
        setContacts((c) => ({ ...c, [field]: value }));
      }}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      {problem && (
        <Notice tone="danger" role="alert" focusRef={summaryRef} className="sp-pref-summary" aria-labelledby={`${FORM}-problem`}>
          <h2 id={`${FORM}-problem`} className="h5">{t('messages.preferences.problemTitle')}</h2>
          <p className="mb-2">{problem.message}</p>
          {Object.keys(problem.fields).length > 0 && (
            <ul>
              {Object.entries(problem.fields).map(([key, message]) => (
                <li key={key}>
                  <a href={`#${controlId(key)}`} onClick={(e) => jump(e, key)}>
                    {labelFor(key)}: {message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </Notice>
      )}

      <section className="sp-pa-section" aria-labelledby={`${FORM}-contacts`}>
        <h2 className="h3" id={`${FORM}-contacts`}>{t('messages.preferences.contactsTitle')}</h2>
        <div className="sp-pref-contacts">
          {contactField('email', 'email', 'email')}
          {contactField('phone', 'tel', 'tel')}
          {contactField('pec', 'email', 'off')}
          <SelectField
            id={controlId('language')}
            label={t('messages.preferences.language')}
            value={language}
            onValueChange={(value) => {
              edited();
              setLanguage(value === 'en' ? 'en' : 'it');
            }}
            options={[{ value: 'it', label: t('messages.languages.it') }, { value: 'en', label: t('messages.languages.en') }]}
            error={errorFor('language')}
          />
        </div>
      </section>

      <section className="sp-pa-section" aria-labelledby={`${FORM}-channels`}>
        <h2 className="h3" id={`${FORM}-channels`}>{t('messages.preferences.channelsTitle')}</h2>
        <p>{t('messages.preferences.channelsIntro')}</p>
        {wide ? (
          <ChannelTable available={available} channels={channels} legal={legal} errorFor={errorFor} toggle={toggle} />
        ) : (
          <ChannelFieldsets available={available} channels={channels} legal={legal} errorFor={errorFor} toggle={toggle} />
        )}
      </section>

      <div className="sp-actions mt-2">
        <Button type="submit" color="primary" disabled={save.isPending}>
          {save.isPending ? t('messages.preferences.saving') : t('messages.preferences.save')}
        </Button>
        <Link to={PERSONAL_AREA} className="sp-actions-link">{t('personalArea.title')}</Link>
      </div>
      <div role="status" className="mt-3">
        {saved && (
          <Notice tone="success" role="none" focusRef={savedRef}>
            <p className="mb-0">{t('messages.preferences.saved')}</p>
          </Notice>
        )}
      </div>
    </form>
  );
}

interface ChannelChoiceProps {
  available: MessageChannel[];
  channels: Record<MessageKind, MessageChannel[]>;
  legal: Set<MessageKind>;
  errorFor: (key: string) => string | undefined;
  toggle: (kind: MessageKind, channel: MessageChannel, on: boolean) => void;
}

/** Wide screens: kinds in rows, channels in columns; every checkbox is labelled "kind: channel". */
function ChannelTable({ available, channels, legal, errorFor, toggle }: ChannelChoiceProps) {
  const { t } = useTranslation();
  return (
    <table className="sp-pref-table">
      <caption className="visually-hidden">{t('messages.preferences.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('messages.preferences.kindColumn')}</th>
          <th scope="col">{t('messages.channels.inbox')}</th>
          {available.map((c) => (
            <th scope="col" key={c}>{t(`messages.channels.${c}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {MESSAGE_KIND_IDS.map((kind) => {
          const error = errorFor(`channels.${kind}`);
          const notes = `${FORM}-notes-${kind}`;
          const kindLabel = t(`messages.kinds.${kind}`);
          return (
            <tr key={kind} data-kind={kind} className={error ? 'has-error' : undefined} id={controlId(`channels.${kind}`)}>
              <th scope="row">
                <span className="sp-pref-kind">{kindLabel}</span>
                <span id={notes}>
                  <span className="sp-pref-hint">{t(`messages.kindHints.${kind}`)}</span>
                  {legal.has(kind) && <span className="sp-pref-legal">{t('messages.preferences.legalNote')}</span>}
                  {error && <span className="sp-pref-error">{error}</span>}
                </span>
              </th>
              <td>
                <input type="checkbox" className="sp-pref-check" id={checkboxId(kind, 'inbox')} checked disabled readOnly aria-describedby={notes} />
                <label className="visually-hidden" htmlFor={checkboxId(kind, 'inbox')}>
                  {t('messages.preferences.checkboxLabel', { kind: kindLabel, channel: t('messages.channels.inbox') })}
                </label>
              </td>
              {available.map((channel) => (
                <td key={channel}>
                  <input
                    type="checkbox"
                    className="sp-pref-check"
                    id={checkboxId(kind, channel)}
                    checked={channels[kind].includes(channel)}
                    onChange={(e) => toggle(kind, channel, e.target.checked)}
                    aria-describedby={notes}
                    aria-invalid={error ? true : undefined}
                  />
                  <label className="visually-hidden" htmlFor={checkboxId(kind, channel)}>
                    {t('messages.preferences.checkboxLabel', { kind: kindLabel, channel: t(`messages.channels.${channel}`) })}
                  </label>
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Phones: one group of checkboxes per kind, the channels' names beside them. */
function ChannelFieldsets({ available, channels, legal, errorFor, toggle }: ChannelChoiceProps) {
  const { t } = useTranslation();
  return (
    <div className="sp-pref-fieldsets">
      {MESSAGE_KIND_IDS.map((kind) => {
        const error = errorFor(`channels.${kind}`);
        const notes = `${FORM}-notes-${kind}`;
        return (
          <fieldset key={kind} data-kind={kind} className={error ? 'has-error' : undefined} id={controlId(`channels.${kind}`)} aria-describedby={notes}>
            <legend>{t(`messages.kinds.${kind}`)}</legend>
            <span id={notes}>
              <span className="sp-pref-hint">{t(`messages.kindHints.${kind}`)}</span>
              {legal.has(kind) && <span className="sp-pref-legal">{t('messages.preferences.legalNote')}</span>}
              {error && <span className="sp-pref-error">{error}</span>}
            </span>
            <div className="sp-pref-options">
              <span className="sp-pref-option">
                <input type="checkbox" className="sp-pref-check" id={checkboxId(kind, 'inbox')} checked disabled readOnly />
                <label htmlFor={checkboxId(kind, 'inbox')}>{t('messages.channels.inbox')}</label>
              </span>
              {available.map((channel) => (
                <span className="sp-pref-option" key={channel}>
                  <input
                    type="checkbox"
                    className="sp-pref-check"
                    id={checkboxId(kind, channel)}
                    checked={channels[kind].includes(channel)}
                    onChange={(e) => toggle(kind, channel, e.target.checked)}
                    aria-invalid={error ? true : undefined}
                  />
                  <label htmlFor={checkboxId(kind, channel)}>{t(`messages.channels.${channel}`)}</label>
                </span>
              ))}
            </div>
          </fieldset>
        );
      })}
    </div>
  );
}
