/**
 * /backoffice/impostazioni-sportello — "Impostazioni sportello": a desk administrator (manager, tenant
 * administrator) chooses one of the body's offices and sets up its desk in four tabs: the appointment calendars,
 * the take-a-number categories, the counters, and the devices on the floor (kiosk, rating tablets) with the link
 * to the waiting-room display. The office and the tab live in the query string (?ufficio=…&scheda=…), so a reload
 * or a shared link opens the same view.
 */
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useOutletContext } from 'react-router';
import { useOffices } from '../../api/queries';
import type { Operator } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { Tabs } from '../Tabs';
import { configuresDesk } from '../deskAccess';
import { CalendarsTab } from './CalendarsTab';
import { CategoriesTab } from './CategoriesTab';
import { CountersTab } from './CountersTab';
import { DevicesTab } from './DevicesTab';
import './deskadmin.css';

const TABS = ['calendari', 'categorie', 'sportelli', 'dispositivi'] as const;
type TabId = (typeof TABS)[number];
interface View {
  officeId: string;
  tab: TabId;
}

function viewOf(search: string): View {
  const params = new URLSearchParams(search);
  const tab = params.get('scheda') ?? '';
  return { officeId: params.get('ufficio') ?? '', tab: (TABS as readonly string[]).includes(tab) ? (tab as TabId) : 'calendari' };
}

export default function DeskSettingsPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('deskAdmin.title'));
  const offices = useOffices(operator.tenant.id);
  const [view, setView] = useState(() => viewOf(window.location.search));
  const { officeId, tab } = view;
  const office = offices.data?.items.find((o) => o.id === officeId);

  // The choice is written into the address for a reload or a shared link, but not as a router navigation: the
  // layout moves the focus to the page's heading on every navigation, and here it must stay on the select or tab.
  const choose = (next: Partial<View>) => {
    const merged = { ...view, ...next };
    setView(merged);
    const query = merged.officeId ? `?${new URLSearchParams({ ufficio: merged.officeId, scheda: merged.tab })}` : '';
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}`);
  };

  return (
    <div className="container py-3 py-lg-4 sp-da">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('deskAdmin.title') }]} />
      <h1>{t('deskAdmin.title')}</h1>
      <p className="sp-da-lead">{t('deskAdmin.lead', { name: operator.tenant.name })}</p>
      {!configuresDesk(operator) ? (
        <Notice tone="info" role="none">
          <p className="mb-0">{t('deskAdmin.notAllowed')}</p>
        </Notice>
      ) : offices.isPending ? (
        <Loading />
      ) : offices.isError ? (
        <ErrorMessage error={offices.error} retry={() => void offices.refetch()} />
      ) : (
        <>
          <div className="sp-da-office">
            <SelectField
              id="deskadmin-office"
              label={t('deskAdmin.office.label')}
              hint={t('deskAdmin.office.hint')}
              value={office ? office.id : ''}
              onValueChange={(id) => choose({ officeId: id })}
              emptyLabel={t('deskAdmin.office.choose')}
              options={offices.data.items.map((o) => ({ value: o.id, label: o.name }))}
            />
          </div>
          {!office ? (
            officeId ? (
              <Notice tone="warning" role="none">
                <p className="mb-0">{t('deskAdmin.office.unknown')}</p>
              </Notice>
            ) : null
          ) : (
            <section aria-labelledby="deskadmin-office-title" key={office.id}>
              <h2 id="deskadmin-office-title" className="h3 mt-4">{office.name}</h2>
              <Tabs
                label={t('deskAdmin.tabsLabel', { name: office.name })}
                active={tab}
                onChange={(id) => choose({ tab: id as TabId })}
                tabs={[
                  { id: 'calendari', label: t('deskAdmin.tabs.calendars'), panel: <CalendarsTab officeId={office.id} tenantId={operator.tenant.id} /> },
                  { id: 'categorie', label: t('deskAdmin.tabs.categories'), panel: <CategoriesTab officeId={office.id} /> },
                  { id: 'sportelli', label: t('deskAdmin.tabs.counters'), panel: <CountersTab officeId={office.id} /> },
                  { id: 'dispositivi', label: t('deskAdmin.tabs.devices'), panel: <DevicesTab officeId={office.id} /> },
                ]}
              />
            </section>
          )}
        </>
      )}
    </div>
  );
}
