/**
 * /backoffice/sociale/primo-contatto — "Primo contatto (segretariato sociale)": where and when, who came or who
 * reported the person, the person (someone already known, found in the comune's registry by fiscal code, or typed),
 * the need and the answer given, and the privacy notice (an explicit tick). With a case opened the page goes to the
 * new case; otherwise it says it is saved and starts a blank form. The server's field errors go beside the fields;
 * nothing typed is lost.
 */
import { Button } from 'design-react-kit';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CASE_STATUS_LABELS,
  CONTACT_ANSWER_LABELS,
  CONTACT_CHANNEL_LABELS,
  NEED_LABELS,
  REQUESTER_KIND_LABELS,
  SECTOR_LABELS,
  TARGET_AREA_LABELS,
  type SocialPerson,
} from '../../../contracts/social';
import { isApiError } from '../../api/client';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/fields';
import { DoneMessage, ErrorMessage, Notice, useDocumentTitle } from '../../ui/status';
import { FailureAlert } from '../payments/common';
import { caseUrl, SOCIAL_PATHS } from './access';
import { socialApi, useSocialComuni } from './api';
import { DateField, day, optionsOf, today, useFailure } from './common';
import { contactInput, contactProblems, emptyContact, emptyPerson, normaliseFiscalCode, personDraftOf, type ContactDraft, type PersonDraft, type Problems } from './forms';
import { useQueryClient } from '@tanstack/react-query';

const FIELD_KEYS = [
  'comuneId', 'contactOn', 'channel', 'requesterKind', 'requesterName', 'personId', 'person', 'targetArea', 'sector', 'need', 'needText', 'answer', 'referralTo', 'privacyNoticeGiven', 'case',
];

export default function FirstContactPage() {
  useDocumentTitle('Primo contatto');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const comuni = useSocialComuni();
  const [draft, setDraft] = useState<ContactDraft>(() => emptyContact(today()));
  const [problems, setProblems] = useState<Problems>({});
  const [saving, setSaving] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const { failure, fail, clear } = useFailure(FIELD_KEYS);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (patch: Partial<ContactDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setPerson = (patch: Partial<PersonDraft>) => setDraft((d) => ({ ...d, person: { ...d.person, ...patch } }));
  const err = (key: string) => problems[key] ?? failure?.fields[key];

  const focusFirstProblem = (keys: string[]) => {
    window.setTimeout(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
      if (!first && keys.length) document.getElementById(`fc-${keys[0].replace(/\//g, '-')}`)?.focus();
    }, 0);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    clear();
    const found = contactProblems(draft, today());
    setProblems(found);
    if (Object.keys(found).length) {
      focusFirstProblem(Object.keys(found));
      return;
    }
    setSaving(true);
    try {
      const result = await socialApi.createContact(contactInput(draft));
      void queryClient.invalidateQueries({ queryKey: ['social'] });
      if (result.caseId) {
        navigate(caseUrl(result.caseId), { state: { created: true } });
        return;
      }
      setDraft(emptyContact(today()));
      setProblems({});
      setDone('Primo contatto registrato.');
    } catch (error) {
      fail(error);
      focusFirstProblem([]);
    } finally {
      setSaving(false);
    }
  };

  const comuneOptions = (comuni.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <div className="container py-3 py-lg-4 sp-soc">
      <Breadcrumbs items={[{ label: 'Back office', to: '/backoffice' }, { label: 'Cartelle sociali', to: SOCIAL_PATHS.cases }, { label: 'Primo contatto' }]} />
      <h1>Primo contatto (segretariato sociale)</h1>
      <p>
        I campi con l'asterisco sono obbligatori. Vedi anche il <Link to={SOCIAL_PATHS.contacts}>registro dei primi contatti</Link>.
      </p>
      <DoneMessage message={done} />
      {comuni.isError && <ErrorMessage error={comuni.error} retry={() => void comuni.refetch()} />}
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate data-testid="first-contact-form">
        <fieldset className="sp-soc-fieldset">
          <legend>Il contatto</legend>
          <div className="sp-soc-grid">
            <SelectField id="fc-comuneId" label="Comune *" value={draft.comuneId} onValueChange={(comuneId) => set({ comuneId })} options={comuneOptions} emptyLabel="Scegli il comune" error={err('comuneId')} required />
            <DateField id="fc-contactOn" label="Data del contatto *" value={draft.contactOn} onValueChange={(contactOn) => set({ contactOn })} error={err('contactOn')} required />
            <SelectField id="fc-channel" label="Canale *" value={draft.channel} onValueChange={(channel) => set({ channel: channel as ContactDraft['channel'] })} options={optionsOf(CONTACT_CHANNEL_LABELS)} emptyLabel="Scegli il canale" error={err('channel')} required />
            <SelectField
              id="fc-requesterKind"
              label="Chi si è rivolto al servizio *"
              value={draft.requesterKind}
              onValueChange={(requesterKind) => set({ requesterKind: requesterKind as ContactDraft['requesterKind'] })}
              options={optionsOf(REQUESTER_KIND_LABELS)}
              emptyLabel="Scegli"
              error={err('requesterKind')}
              required
            />
            {draft.requesterKind && draft.requesterKind !== 'self' && (
              <TextField id="fc-requesterName" label="Nome di chi ha fatto la segnalazione" value={draft.requesterName} onValueChange={(requesterName) => set({ requesterName })} error={err('requesterName')} maxLength={200} />
            )}
          </div>
        </fieldset>

        <PersonPart draft={draft} set={set} setPerson={setPerson} err={err} />

        <fieldset className="sp-soc-fieldset">
          <legend>Il bisogno</legend>
          <div className="sp-soc-grid">
            <SelectField id="fc-targetArea" label="Area di utenza *" value={draft.targetArea} onValueChange={(v) => set({ targetArea: v as ContactDraft['targetArea'] })} options={optionsOf(TARGET_AREA_LABELS)} emptyLabel="Scegli l'area" error={err('targetArea')} required />
            <SelectField id="fc-sector" label="Servizio competente *" value={draft.sector} onValueChange={(v) => set({ sector: v as ContactDraft['sector'] })} options={optionsOf(SECTOR_LABELS)} emptyLabel="Scegli il servizio" error={err('sector')} required />
            <SelectField id="fc-need" label="Bisogno prevalente *" value={draft.need} onValueChange={(v) => set({ need: v as ContactDraft['need'] })} options={optionsOf(NEED_LABELS)} emptyLabel="Scegli il bisogno" error={err('need')} required />
          </div>
          <TextAreaField
            id="fc-needText"
            label="Bisogno espresso, con le parole della persona"
            hint="È un dato particolare: viene conservato cifrato e lo leggono solo gli operatori autorizzati."
            value={draft.needText}
            onValueChange={(needText) => set({ needText })}
            error={err('needText')}
            rows={4}
          />
        </fieldset>

        <fieldset className="sp-soc-fieldset">
          <legend>La risposta data</legend>
          <div className="sp-soc-grid">
            <SelectField id="fc-answer" label="Risposta *" value={draft.answer} onValueChange={(v) => set({ answer: v as ContactDraft['answer'] })} options={optionsOf(CONTACT_ANSWER_LABELS)} emptyLabel="Scegli la risposta" error={err('answer')} required />
            {draft.answer === 'referral' && (
              <TextField id="fc-referralTo" label="A quale servizio *" value={draft.referralTo} onValueChange={(referralTo) => set({ referralTo })} error={err('referralTo')} maxLength={200} required />
            )}
            {draft.answer === 'case_opened' && (
              <DateField id="fc-case-nextReviewOn"
                label="Prima verifica entro il"
                hint="Facoltativa: la cartella lo ricorderà tra gli avvisi."
                value={draft.nextReviewOn}
                onValueChange={(nextReviewOn) => set({ nextReviewOn })}
                error={err('case/nextReviewOn')}
              />
            )}
          </div>
          <CheckboxField
            id="fc-privacyNoticeGiven"
            label="Ho dato alla persona l'informativa sul trattamento dei dati personali *"
            checked={draft.privacyNoticeGiven}
            onCheckedChange={(privacyNoticeGiven) => set({ privacyNoticeGiven })}
            error={err('privacyNoticeGiven')}
          />
        </fieldset>

        <FailureAlert failure={failure} title="Il primo contatto non è stato registrato." takeFocus={!!failure && Object.keys(failure.fields).length === 0} />
        {Object.keys(problems).length > 0 && (
          <Notice tone="danger" role="alert" className="mt-3">
            <p className="mb-0">Controlla i campi segnalati: {Object.keys(problems).length === 1 ? 'uno va corretto' : `${Object.keys(problems).length} vanno corretti`}.</p>
          </Notice>
        )}
        <div className="sp-soc-actions mt-3">
          <Button type="submit" color="primary" disabled={saving} data-testid="first-contact-save">
            {saving ? 'Salvataggio…' : 'Registra il primo contatto'}
          </Button>
        </div>
      </form>
    </div>
  );
}

function PersonPart({ draft, set, setPerson, err }: {
  draft: ContactDraft;
  set: (patch: Partial<ContactDraft>) => void;
  setPerson: (patch: Partial<PersonDraft>) => void;
  err: (key: string) => string | undefined;
}) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState<SocialPerson[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<unknown>(null);
  const [chosen, setChosen] = useState<SocialPerson | null>(null);
  const [registryCf, setRegistryCf] = useState('');
  const [registryMessage, setRegistryMessage] = useState<{ tone: 'success' | 'warning' | 'danger'; text: string } | null>(null);

  const searchPersons = async () => {
    if (q.trim().length < 2) {
      setSearchError(null);
      setFound(null);
      return;
    }
    setSearching(true);
    setSearchError(null);
    try {
      setFound((await socialApi.persons(q.trim())).items);
    } catch (error) {
      setSearchError(error);
    } finally {
      setSearching(false);
    }
  };
  const lookUp = async () => {
    const cf = normaliseFiscalCode(registryCf);
    if (!draft.comuneId) {
      setRegistryMessage({ tone: 'warning', text: "Scegli prima il comune: la ricerca si fa nell'anagrafe di quel comune." });
      return;
    }
    if (!/^[A-Z0-9]{16}$/.test(cf)) {
      setRegistryMessage({ tone: 'warning', text: 'Scrivi un codice fiscale di 16 caratteri.' });
      return;
    }
    try {
      const person = await socialApi.registryLookup(cf, draft.comuneId);
      set({ personMode: 'new', personId: null, person: personDraftOf(person) });
      setRegistryMessage({ tone: 'success', text: `Trovata nell'anagrafe: ${person.givenName} ${person.familyName}. Controlla i dati qui sotto.` });
    } catch (error) {
      setRegistryMessage(
        isApiError(error, 404)
          ? { tone: 'warning', text: "Nessun residente con questo codice fiscale nell'anagrafe del comune: inserisci i dati a mano." }
          : { tone: 'danger', text: 'La ricerca in anagrafe non è riuscita. Riprova o inserisci i dati a mano.' },
      );
    }
  };

  const p = draft.person;
  return (
    <fieldset className="sp-soc-fieldset">
      <legend>La persona</legend>
      <div role="radiogroup" aria-label="Come indicare la persona" className="mb-3">
        {(
          [
            ['known', 'Una persona già conosciuta dal servizio'],
            ['new', 'Una persona nuova (dall’anagrafe o inserita)'],
            ['none', 'Nessuna persona indicata (solo informazioni)'],
          ] as const
        ).map(([mode, label]) => (
          <div className="form-check" key={mode}>
            <input className="form-check-input" type="radio" name="fc-personMode" id={`fc-personMode-${mode}`} checked={draft.personMode === mode} onChange={() => set({ personMode: mode })} />
            <label className="form-check-label" htmlFor={`fc-personMode-${mode}`}>
              {label}
            </label>
          </div>
        ))}
      </div>
      {err('personId') && (
        <p className="sp-soc-error" id="fc-personId" tabIndex={-1}>
          {err('personId')}
        </p>
      )}

      {draft.personMode === 'known' && (
        <div>
          <label htmlFor="fc-person-search" className="fw-semibold d-block mb-1">
            Cerca tra le persone conosciute (nome o codice fiscale)
          </label>
          <div className="d-flex flex-wrap gap-2">
            <input
              id="fc-person-search"
              type="search"
              className="form-control"
              style={{ flex: '1 1 12rem', minWidth: 0 }}
              value={q}
              onChange={(e) => setQ(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  void searchPersons();
                }
              }}
              autoComplete="off"
            />
            <Button type="button" color="primary" outline onClick={() => void searchPersons()} disabled={searching}>
              Cerca persona
            </Button>
          </div>
          {!!searchError && <ErrorMessage error={searchError} />}
          <div role="status">
            {found && found.length === 0 && <p className="mt-2">Nessuna persona trovata. Puoi inserirla come persona nuova.</p>}
          </div>
          {found && found.length > 0 && (
            <ul className="sp-soc-results" aria-label="Persone trovate">
              {found.map((person) => (
                <li key={person.id}>
                  <span className="me-auto">
                    <strong>{`${person.givenName} ${person.familyName}`}</strong> · {person.fiscalCode ?? 'senza codice fiscale'} · {person.birthDate ? `nata/o il ${day(person.birthDate)} · ` : ''}
                    {person.comuneName}
                    {person.cases.length > 0 && (
                      <> · cartelle: {person.cases.map((c) => `${c.reference} (${CASE_STATUS_LABELS[c.status]})`).join(', ')}</>
                    )}
                  </span>
                  <Button
                    type="button"
                    size="sm"
                    color="primary"
                    outline={draft.personId !== person.id}
                    aria-pressed={draft.personId === person.id}
                    onClick={() => {
                      set({ personId: person.id });
                      setChosen(person);
                    }}
                  >
                    {draft.personId === person.id ? 'Scelta' : 'Scegli'}
                    <span className="visually-hidden"> {`${person.givenName} ${person.familyName}`}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
          {chosen && draft.personId === chosen.id && (
            <p className="mt-2" role="status">
              Persona scelta: <strong>{`${chosen.givenName} ${chosen.familyName}`}</strong>
            </p>
          )}
        </div>
      )}

      {draft.personMode === 'new' && (
        <>
          <div className="mb-3">
            <label htmlFor="fc-registry-cf" className="fw-semibold d-block mb-1">
              Cerca nell'anagrafe del comune (codice fiscale)
            </label>
            <div className="d-flex flex-wrap gap-2">
              <input
                id="fc-registry-cf"
                className="form-control"
                style={{ flex: '1 1 12rem', minWidth: 0 }}
                value={registryCf}
                onChange={(e) => setRegistryCf(e.target.value)}
                autoComplete="off"
                maxLength={20}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') {
                    e.preventDefault();
                    void lookUp();
                  }
                }}
              />
              <Button type="button" color="primary" outline onClick={() => void lookUp()}>
                Cerca nell'anagrafe del comune
              </Button>
            </div>
            <div role="status">{registryMessage && <Notice tone={registryMessage.tone} role="none" className="mt-2">{registryMessage.text}</Notice>}</div>
          </div>
          <div className="sp-soc-grid">
            <TextField id="fc-person-givenName" label="Nome *" value={p.givenName} onValueChange={(givenName) => setPerson({ givenName })} error={err('person/givenName')} maxLength={100} required />
            <TextField id="fc-person-familyName" label="Cognome *" value={p.familyName} onValueChange={(familyName) => setPerson({ familyName })} error={err('person/familyName')} maxLength={100} required />
            <TextField id="fc-person-fiscalCode" label="Codice fiscale" value={p.fiscalCode} onValueChange={(fiscalCode) => setPerson({ fiscalCode })} error={err('person/fiscalCode')} maxLength={20} />
            <DateField id="fc-person-birthDate" label="Data di nascita" value={p.birthDate} onValueChange={(birthDate) => setPerson({ birthDate })} error={err('person/birthDate')} />
            <SelectField id="fc-person-sex" label="Sesso" value={p.sex} onValueChange={(sex) => setPerson({ sex: sex as PersonDraft['sex'] })} options={[{ value: 'F', label: 'Femmina' }, { value: 'M', label: 'Maschio' }]} emptyLabel="Non indicato" error={err('person/sex')} />
            <TextField id="fc-person-birthPlaceCode" label="Codice catastale del luogo di nascita" hint="Per esempio H501; Z e tre cifre per uno Stato estero." value={p.birthPlaceCode} onValueChange={(birthPlaceCode) => setPerson({ birthPlaceCode })} error={err('person/birthPlaceCode')} maxLength={4} />
            <TextField id="fc-person-citizenshipCode" label="Cittadinanza (codice ISTAT dello Stato)" hint="100 = Italia." value={p.citizenshipCode} onValueChange={(citizenshipCode) => setPerson({ citizenshipCode })} error={err('person/citizenshipCode')} maxLength={3} />
            <TextField id="fc-person-address" label="Indirizzo" value={p.address} onValueChange={(address) => setPerson({ address })} error={err('person/address')} maxLength={200} />
            <TextField id="fc-person-phone" type="tel" label="Telefono" value={p.phone} onValueChange={(phone) => setPerson({ phone })} error={err('person/phone')} maxLength={30} />
          </div>
          {p.registryPersonId && (
            <p className="sp-soc-hint">
              Dati presi dall'anagrafe.{' '}
              <Button type="button" size="xs" color="primary" outline onClick={() => set({ person: emptyPerson() })}>
                Svuota i dati della persona
              </Button>
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
