/**
 * "Accedi al servizio" for a service applied for online through Sportello: sign in (at the level the service
 * asks for), sign in again at a higher level, or go to the application's start page.
 */
import { Button } from 'design-react-kit';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenMe, SpidLevel } from '../api/types';
import { ButtonLink } from '../ui/buttons';
import { Icon } from '../ui/Icon';
import { Loading, Notice } from '../ui/status';
import { levelNumber, loginPageUrl, providerLoginUrl, useCitizen } from './useSession';

/** What a citizen in this session may do with a service that needs `level`. */
export type ApplyState = { kind: 'signIn' } | { kind: 'stepUp'; citizen: CitizenMe } | { kind: 'ready'; citizen: CitizenMe };

export function applyState(citizen: CitizenMe | null | undefined, level: SpidLevel): ApplyState {
  if (!citizen) return { kind: 'signIn' };
  if (levelNumber(citizen.auth.level) < levelNumber(level)) return { kind: 'stepUp', citizen };
  return { kind: 'ready', citizen };
}

/** The notice and button for a session below the service's level: straight back to the provider, same method. */
export function StepUpNotice({ citizen, level, returnTo }: { citizen: CitizenMe; level: SpidLevel; returnTo: string }) {
  const { t } = useTranslation();
  const n = levelNumber(level);
  return (
    <Notice tone="warning" role="note" className="sp-step-up">
      <p className="fw-semibold mb-1">{t('auth.stepUp.title', { level: n, current: levelNumber(citizen.auth.level) })}</p>
      <p>{t('auth.stepUp.body', { level: n })}</p>
      <a className="btn btn-primary" href={providerLoginUrl({ method: citizen.auth.method, level, returnTo })}>
        {t('auth.stepUp.button', { level: n })}
      </a>
    </Notice>
  );
}

export function OnlineApplyAccess({ level, startUrl, preview = false }: { level: SpidLevel; startUrl: string; preview?: boolean }) {
  const { t } = useTranslation();
  if (preview) {
    // the back office's preview: how it will look to a visitor, not a working link
    return (
      <Button color="primary" className="sp-cta" tabIndex={-1} aria-disabled onClick={(e: MouseEvent) => e.preventDefault()}>
        {t('auth.apply.signIn')}
      </Button>
    );
  }
  return <LiveAccess level={level} startUrl={startUrl} />;
}

function LiveAccess({ level, startUrl }: { level: SpidLevel; startUrl: string }) {
  const { t } = useTranslation();
  const session = useCitizen();
  if (session.isPending) return <Loading />;
  const state = applyState(session.data, level);
  const n = levelNumber(level);
  if (state.kind === 'signIn') {
    return (
      <>
        <ButtonLink to={loginPageUrl({ level, returnTo: startUrl })} className="sp-cta">
          <Icon name="user" className="me-2" />
          {t('auth.apply.signIn')}
        </ButtonLink>
        {n > 2 && <p className="small-sp mt-2 mb-0">{t('auth.apply.levelNote', { level: n })}</p>}
      </>
    );
  }
  if (state.kind === 'stepUp') return <StepUpNotice citizen={state.citizen} level={level} returnTo={startUrl} />;
  return (
    <>
      <ButtonLink to={startUrl} className="sp-cta">
        {t('auth.apply.start')}
      </ButtonLink>
      {state.citizen.actingFor.kind !== 'self' && (
        <p className="mt-2 mb-0">{t('auth.apply.forWhom', { name: state.citizen.actingFor.name })}</p>
      )}
    </>
  );
}
