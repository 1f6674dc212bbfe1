/**
 * /backoffice/accoglienza: one screen for the busy receptionist. Record a contact in one click, give a number for a
 * category or check in an appointment (the label shown big), answer "where is my application", start an
 * application for the person; the day's contacts register below.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Breadcrumbs } from '../../ui/Breadcrumbs';
import { Notice, useDocumentTitle } from '../../ui/status';
import { ContactForm, type ContactLinks } from './components/ContactForm';
import { ContactsList } from './components/ContactsList';
import { LookupPanel } from './components/LookupPanel';
import { StartApplicationForm } from './components/StartApplicationForm';
import { TicketPanel } from './components/TicketPanel';
import { romeToday } from '../../ui/romeTime';
import { useReceptionOffice, worksAtReception } from './useReceptionOffice';
import './reception.css';

export default function ReceptionPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('reception.title'));
  const { operator, officeId, officeName, picker } = useReceptionOffice();
  const [links, setLinks] = useState<ContactLinks>({});
  return (
    <div className="container py-3 py-lg-4 sp-reception">
      <Breadcrumbs items={[{ label: t('backoffice.title'), to: '/backoffice' }, { label: t('reception.title') }]} />
      <div className="d-flex flex-wrap align-items-baseline gap-3 mb-2">
        <h1 className="me-auto mb-0">{t('reception.title')}</h1>
        <Link to="/backoffice/agenda">{t('reception.agendaLink')}</Link>
      </div>
      {officeName && <p className="lead">{t('reception.lead', { office: officeName })}</p>}
      {!worksAtReception(operator) ? (
        <Notice tone="info" role="none">{t('reception.notYours')}</Notice>
      ) : (
        <>
          {picker}
          {officeId && (
            <div key={officeId}>
              <div className="sp-reception-layout">
                <div className="sp-reception-column">
                  <ContactForm officeId={officeId} links={links} onLinksUsed={() => setLinks({})} />
                  <LookupPanel officeId={officeId} linkedId={links.application?.id} onLink={(application) => setLinks((l) => ({ ...l, application }))} />
                </div>
                <div className="sp-reception-column">
                  <TicketPanel officeId={officeId} onIssued={(ticket) => setLinks((l) => ({ ...l, ticket: { id: ticket.id, label: ticket.label } }))} />
                  <StartApplicationForm officeId={officeId} tenantSlug={operator.tenant.slug} />
                </div>
              </div>
              <ContactsList officeId={officeId} day={romeToday()} />
            </div>
          )}
        </>
      )}
    </div>
  );
}
