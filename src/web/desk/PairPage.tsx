/**
 * /sportello/abbina#chiave=…: the address a desk administrator opens on a new kiosk or rating tablet. The key
 * travels in the fragment (never sent to the server in the address, never in its logs); the page keeps it in
 * localStorage, takes it out of the address bar, checks it and moves on to the device's page.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { deskApi, storedDeviceKey, storeDeviceKey } from '../api/desk';
import { FloorFrame, NotPaired, useFloorTitle } from './floor';
import { isUnpaired, retryDelay } from './useDevice';

export const pageOfKind = (kind: string) => (kind === 'rating' ? '/sportello/valutazione' : '/sportello/totem');

export default function PairPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<'checking' | 'refused' | 'waiting'>('checking');
  useFloorTitle(t('desk.pair.title'));

  useEffect(() => {
    const fragment = new URLSearchParams(window.location.hash.slice(1));
    const given = fragment.get('chiave');
    if (given) {
      storeDeviceKey(given);
      // the key must not stay in the address bar, the history or a bookmark
      window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
    }
    const key = given ?? storedDeviceKey();
    if (!key) {
      setOutcome('refused');
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = async (attempt: number) => {
      try {
        const me = await deskApi.deviceMe(key);
        if (!stopped) navigate(pageOfKind(me.device.kind), { replace: true });
      } catch (error) {
        if (stopped) return;
        if (isUnpaired(error)) {
          setOutcome('refused');
        } else {
          // the server is not reachable yet: keep trying
          setOutcome('waiting');
          timer = setTimeout(() => void check(attempt + 1), retryDelay(attempt));
        }
      }
    };
    void check(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [navigate]);

  if (outcome === 'refused') return <NotPaired />;
  return (
    <FloorFrame kind="pair">
      <div className="sp-floor-message">
        <h1>{t('desk.pair.title')}</h1>
        <p role="status">{outcome === 'waiting' ? t('desk.floor.reconnecting') : t('desk.pair.checking')}</p>
      </div>
    </FloorFrame>
  );
}
