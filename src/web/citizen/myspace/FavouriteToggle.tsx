/**
 * The star on a service card: a toggle button (aria-pressed) for a signed-in citizen, a sign-in link for anyone
 * else. The change is announced in a polite live region, with the way to the list on the home page.
 */
import { Button, Icon as KitIcon } from 'design-react-kit';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../ui/status';
import { loginPageUrl, useCitizen } from '../useSession';
import { useFavourites, useToggleFavourite } from './favouritesApi';
import './favourites.css';

export function FavouriteToggle({ serviceId, returnTo }: { serviceId: string; returnTo: string }) {
  const { t } = useTranslation();
  const citizen = useCitizen();
  const signedIn = !!citizen.data;
  const favourites = useFavourites(signedIn);
  const toggle = useToggleFavourite();
  const [done, setDone] = useState<'added' | 'removed' | null>(null);

  if (citizen.isPending) return null;
  if (!signedIn) {
    return (
      <p className="sp-favourite-signin mb-0">
        <Link to={loginPageUrl({ returnTo })}>{t('myspace.favourites.signInToStar')}</Link>
      </p>
    );
  }
  // without the list the button cannot tell its state: better no button than a wrong one
  if (favourites.isError) return null;

  const listed = favourites.data?.items.some((f) => f.serviceId === serviceId) ?? false;
  // while a change is on its way the button already shows where it is going
  const starred = toggle.isPending && toggle.variables ? toggle.variables.starred : listed;
  const busy = favourites.isPending || toggle.isPending;

  const onClick = () => {
    // not `disabled`: a focused button that becomes disabled drops the keyboard focus
    if (busy) return;
    setDone(null);
    const next = !starred;
    toggle.mutate({ serviceId, starred: next }, { onSuccess: () => setDone(next ? 'added' : 'removed') });
  };

  return (
    <div className="sp-favourite">
      <Button
        type="button"
        color="primary"
        outline={!starred}
        className="sp-favourite-button"
        aria-pressed={starred}
        aria-disabled={busy || undefined}
        onClick={onClick}
      >
        <KitIcon icon={starred ? 'it-star-full' : 'it-star-outline'} size="sm" className="sp-icon sp-favourite-icon" focusable="false" />
        <span>{starred ? t('myspace.favourites.starred') : t('myspace.favourites.star')}</span>
      </Button>
      <p className="sp-favourite-status mb-0" role="status">
        {done === 'added' && (
          <>
            {t('myspace.favourites.added')} <Link to="/">{t('myspace.favourites.seeOnHome')}</Link>
          </>
        )}
        {done === 'removed' && t('myspace.favourites.removed')}
      </p>
      {toggle.isError && <ErrorMessage error={toggle.error} />}
    </div>
  );
}
