/**
 * /backoffice/impostazioni-sportello — "Impostazioni sportello": a desk administrator (manager, tenant
 * administrator) chooses one of the body's offices and sets up its desk in four tabs: the appointment calendars,
 * the take-a-number categories, the counters, and the devices on the floor (kiosk, rating tablets) with the link
 * to the waiting-room display. The office and the tab live in the query string (?ufficio=…&scheda=…), so a reload
 * or a shared link opens the same view.
 */
import { useTranslation } from 'react-i18next';
import { useOutletContext, useSearchParams } from 'react-router';
import { useOffices } from '../../api/queries';
import type { Operator } from '../../api/types';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { SelectField } from '../../ui/fields';
import { ErrorMessage, Loading, Notice, useDocumentTitle } from '../../ui/status';
import { Tabs } from '../Tabs';
import { configuresDesk } from './access';
import { CalendarsTab } from './CalendarsTab';
import { CategoriesTab } from './CategoriesTab';
import { CountersTab } from './CountersTab';
import { DevicesTab } from './DevicesTab';
import './deskadmin.css';

const TABS = ['calendari', 'categorie', 'sportelli', 'dispositivi'] as const;
type TabId = (typeof TABS)[number];

export default function DeskSettingsPage() {
  const { t } = useTranslation();
  const operator = useOutletContext<Operator>();
  useDocumentTitle(t('deskAdmin.title'));
  const [params, setParams] = useSearchParams();
  const offices = useOffices(operator.tenant.id);
  const officeId = params.get('ufficio') ?? '';
  const rawTab = params.get('scheda') ?? '';
  const tab: TabId = (TABS as readonly string[]).includes(rawTab) ? (rawTab as TabId) : 'calendari';
  const office = offices.data?.items.find((o) => o.id === officeId);

  const choose = (next: { ufficio?: string; scheda?: TabId }) => {
    const merged = { ufficio: officeId, scheda: tab, ...next };
    setParams(merged.ufficio ? { ufficio: merged.ufficio, scheda: merged.scheda } : {}, { preventScrollReset: true, replace: 'scheda' in next });
  };

  return (
    <div className="container py-3 py-lg-4 sp-da">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('deskAdmin.title') }]} />
      <h1>{t('deskAdmin.title')}</h1>
      <p className="sp-da-lead">{t('deskAdmin.lead', { name: operator.tenant.name })}</p>
      {!configuresDesk(operator) && !operator.roles.includes('platform_admin') ? (
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
              onValueChange={(ufficio) => choose({ ufficio })}
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
                onChange={(id) => choose({ scheda: id as TabId })}
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
