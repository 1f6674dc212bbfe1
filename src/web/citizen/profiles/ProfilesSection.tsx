/**
 * "I tuoi profili" in the personal area, for a person who acts in more than one capacity: as a private person,
 * as a professional for clients, for the companies they represent. WAI-ARIA tabs (automatic activation, arrow
 * keys, Home, End); each panel says what is open and waiting in that profile, links to "Le mie pratiche" for it,
 * and lists whom the person can act for there, with the same acting-for switch as "Per chi operi".
 * Someone with one profile only sees nothing here: the rest of the page already says it all.
 */
import { Button } from 'design-react-kit';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PROFILE_OF_SUBJECT, type Profile, type ProfileCounts, type ProfileKind, type ProfileSubject } from '../../../contracts/profiles';
import type { CitizenMe, Subject } from '../../api/types';
import { ErrorMessage, Notice } from '../../ui/status';
import { MY_APPLICATIONS } from '../practices/PracticesLinkCard';
import { useChooseSubject } from '../useSession';
import { PROFILE_PARAM, useProfiles } from './profilesApi';
import './profiles.css';

const TITLE_ID = 'i-tuoi-profili';
const tabId = (kind: ProfileKind) => `profilo-${PROFILE_PARAM[kind]}`;
const panelId = (kind: ProfileKind) => `profilo-${PROFILE_PARAM[kind]}-pannello`;
const COUNT_KEYS: (keyof ProfileCounts)[] = ['open', 'awaiting', 'drafts', 'unreadMessages'];
/** counts that ask the person to do something: shown as such when there are any */
const ATTENTION: (keyof ProfileCounts)[] = ['awaiting', 'unreadMessages'];

export function ProfilesSection({ citizen }: { citizen: CitizenMe }) {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const choose = useChooseSubject();
  const [chosen, setChosen] = useState<ProfileKind | null>(null);
  const [done, setDone] = useState<Subject | null>(null);
  const tabs = useRef<Partial<Record<ProfileKind, HTMLButtonElement | null>>>({});
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) noticeRef.current?.focus();
  }, [done]);

  const items = profiles.data?.items ?? [];
  // one profile (or none known yet, or a failure): the section has nothing to add to the page
  if (items.length < 2) return null;

  const kinds = items.map((p) => p.kind);
  const acting = PROFILE_OF_SUBJECT[citizen.actingFor.kind];
  const active = chosen && kinds.includes(chosen) ? chosen : kinds.includes(acting) ? acting : kinds[0]!;

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (event.key === 'ArrowRight' || event.key === 'ArrowDown') next = (index + 1) % kinds.length;
    else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') next = (index - 1 + kinds.length) % kinds.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = kinds.length - 1;
    if (next < 0) return;
    event.preventDefault();
    setChosen(kinds[next]!);
    tabs.current[kinds[next]!]?.focus();
  };

  const actFor = (s: ProfileSubject) => {
    setDone(null);
    choose.mutate({ kind: s.kind, id: s.id }, { onSuccess: (subject) => setDone(subject) });
  };

  return (
    <section className="sp-pa-section sp-profiles" aria-labelledby={TITLE_ID}>
      <h2 className="h3" id={TITLE_ID}>
        {t('profiles.title')}
      </h2>
      <p>{t('profiles.intro')}</p>
      <div className="sp-profile-tabs" role="tablist" aria-label={t('profiles.tabsLabel')}>
        {kinds.map((kind, index) => {
          const selected = kind === active;
          return (
            <button
              key={kind}
              type="button"
              role="tab"
              id={tabId(kind)}
              ref={(el) => {
                tabs.current[kind] = el;
              }}
              className={`sp-profile-tab${selected ? ' is-active' : ''}`}
              aria-selected={selected}
              aria-controls={panelId(kind)}
              tabIndex={selected ? 0 : -1}
              onClick={() => setChosen(kind)}
              onKeyDown={(e) => onKeyDown(e, index)}
            >
              {t(`profiles.names.${kind}`)}
            </button>
          );
        })}
      </div>
      {items.map((p) => (
        <div key={p.kind} role="tabpanel" id={panelId(p.kind)} aria-labelledby={tabId(p.kind)} hidden={p.kind !== active} className="sp-profile-panel">
          <ProfilePanel profile={p} citizen={citizen} busy={choose.isPending} onActFor={actFor} />
        </div>
      ))}
      <div role="status" className="sp-profile-status">
        {done && (
          <Notice tone="success" role="none" focusRef={noticeRef} className="mt-3 mb-0">
            {done.kind === 'self' ? t('profiles.nowSelf') : t('profiles.nowFor', { name: done.name })}
          </Notice>
        )}
      </div>
      {choose.isError && <ErrorMessage error={choose.error} />}
    </section>
  );
}

function ProfilePanel({ profile, citizen, busy, onActFor }: {
  profile: Profile; citizen: CitizenMe; busy: boolean; onActFor: (s: ProfileSubject) => void;
}) {
  const { t } = useTranslation();
  const kind = profile.kind;
  const subjectsTitleId = `${panelId(kind)}-persone`;
  return (
    <>
      <p className="sp-profile-about">{t(`profiles.about.${kind}`)}</p>
      <ul className="sp-profile-counts" aria-label={t('profiles.countsLabel')}>
        {COUNT_KEYS.map((key) => {
          const n = profile.counts[key];
          return (
            <li key={key} className={ATTENTION.includes(key) && n > 0 ? 'is-attention' : undefined}>
              <span className="sp-profile-count">{n}</span> <span>{t(`profiles.counts.${key}`, { count: n })}</span>
            </li>
          );
        })}
      </ul>
      <p className="sp-profile-link">
        <Link to={`${MY_APPLICATIONS}?profilo=${PROFILE_PARAM[kind]}`}>{t(`profiles.seeApplications.${kind}`)}</Link>
      </p>
      <h3 className="h5 mt-3" id={subjectsTitleId}>
        {t(`profiles.subjectsTitle.${kind}`)}
      </h3>
      <ul className="sp-profile-subjects" aria-labelledby={subjectsTitleId}>
        {profile.subjects.map((s) => {
          const current = s.kind === citizen.actingFor.kind && s.id === citizen.actingFor.id;
          const self = s.kind === 'self';
          return (
            <li key={`${s.kind}:${s.id}`} className={`sp-profile-subject${current ? ' is-current' : ''}`}>
              <div className="sp-profile-subject-name">
                <span className="fw-semibold">{self ? t('profiles.self', { name: s.name }) : s.name}</span>
                <span className="sp-profile-subject-cf">
                  {t('actingFor.fiscalCode')} <span className="sp-cf">{s.fiscalCode}</span>
                </span>
              </div>
              {current ? (
                <span className="badge bg-primary sp-current-badge">{self ? t('profiles.actingNowSelf') : t('profiles.actingNow')}</span>
              ) : (
                <Button type="button" color="primary" outline size="sm" disabled={busy} onClick={() => onActFor(s)}>
                  {self ? t('profiles.actForSelf') : t('profiles.actFor', { name: s.name })}
                </Button>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
