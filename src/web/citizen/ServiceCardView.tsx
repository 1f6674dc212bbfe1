/**
 * The service card as the citizen reads it, in the Designers Italia "modello comuni" order.
 * The back-office editor renders the same component with unsaved values (preview mode).
 */
import { Button, LinkList, LinkListItem } from 'design-react-kit';
import { createElement, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Office, ServiceCard, ServiceVersionRef, TenantRef } from '../api/types';
import { StatusBadge } from '../ui/badges';
import { Icon } from '../ui/Icon';
import { Notice } from '../ui/status';
import { categoryLabel, formatDate, formatEuro, formatOpeningHours, paragraphs } from '../ui/format';
import { workflowSteps } from '../../contracts/workflow';
import { BookAppointmentLink } from './booking/BookAppointmentLink';
import { OnlineApplyAccess } from './OnlineApplyAccess';
import { appliesOnlineHere, serviceLevel, startPageUrl } from './useSession';
import { WorkflowDiagram } from './WorkflowDiagram';

export interface ServiceCardViewProps {
  card: ServiceCard;
  tenant: Pick<TenantRef, 'slug' | 'name'>;
  office: Office | null;
  serviceSlug?: string;
  /** Published version data; absent in an unsaved preview. */
  meta?: {
    version: number;
    publishedAt: string;
    versions: ServiceVersionRef[];
  };
  /** Preview inside the back office: headings start at h2, no navigation away, ids prefixed. */
  preview?: boolean;
  /** What the reader can do with the card itself (the favourite star), under the body's name. */
  actions?: ReactNode;
}

type Level = 1 | 2 | 3 | 4 | 5;

/** Catalogue content is written in Italian: marked as such when the interface is in English (WCAG 3.1.2). */
export const CONTENT_LANG = 'it';
const Heading = ({ level, children, ...rest }: { level: Level; children: ReactNode; id?: string; className?: string; tabIndex?: number; lang?: string }) =>
  createElement(`h${level}`, rest, children);

function Paragraphs({ text }: { text: string | undefined }) {
  return (
    <>
      {paragraphs(text).map((p, i) => (
        <p key={i} className="sp-pre-line" lang={CONTENT_LANG}>
          {p}
        </p>
      ))}
    </>
  );
}

const isExternal = (url: string) => {
  try {
    return new URL(url, window.location.href).origin !== window.location.origin;
  } catch {
    return false;
  }
};

export function officeAddress(office: Pick<Office, 'address' | 'postalCode' | 'city' | 'province'>): string {
  return `${office.address}, ${office.postalCode} ${office.city}${office.province ? ` (${office.province})` : ''}`;
}

export function OfficeContacts({ office, headingLevel }: { office: Office; headingLevel: Level }) {
  const { t } = useTranslation();
  return (
    <div className="sp-office">
      <Heading level={headingLevel} className="h5 mb-2">
        {office.name}
      </Heading>
      {office.description && (
        <p className="mb-2" lang={CONTENT_LANG}>
          {office.description}
        </p>
      )}
      <ul className="list-unstyled sp-contact-list">
        <li>
          <Icon name="mapMarker" />
          <span>
            <span className="visually-hidden">{t('contacts.address')}: </span>
            {officeAddress(office)}
          </span>
        </li>
        {office.phone && (
          <li>
            <Icon name="telephone" />
            <span>
              <span className="visually-hidden">{t('contacts.phone')}: </span>
              <a href={`tel:${office.phone.replace(/\s+/g, '')}`}>{office.phone}</a>
            </span>
          </li>
        )}
        {office.email && (
          <li>
            <Icon name="mail" />
            <span>
              <span className="visually-hidden">{t('contacts.email')}: </span>
              <a href={`mailto:${office.email}`}>{office.email}</a>
            </span>
          </li>
        )}
        {office.pec && (
          <li>
            <Icon name="mail" />
            <span>
              {t('contacts.pec')}: <a href={`mailto:${office.pec}`}>{office.pec}</a>
            </span>
          </li>
        )}
      </ul>
      {office.openingHours.length > 0 && (
        <>
          <p className="fw-semibold mb-1">
            <Icon name="clock" /> {t('contacts.openingHours')}
          </p>
          <ul className="sp-hours">
            {office.openingHours.map((line, i) => (
              <li key={i}>{formatOpeningHours(line, t)}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

const SECTIONS = [
  'whoFor',
  'description',
  'howTo',
  'requirements',
  'output',
  'timeLimits',
  'access',
  'conditions',
  'contacts',
] as const;
type SectionKey = (typeof SECTIONS)[number];

const SECTION_IDS: Record<SectionKey, string> = {
  whoFor: 'a-chi-e-rivolto',
  description: 'descrizione',
  howTo: 'come-fare',
  requirements: 'cosa-serve',
  output: 'cosa-si-ottiene',
  timeLimits: 'tempi-e-scadenze',
  access: 'accedi-al-servizio',
  conditions: 'condizioni',
  contacts: 'contatti',
};

function PageIndex({ ids, labels }: { ids: Record<SectionKey, string>; labels: Record<SectionKey, string> }) {
  const { t } = useTranslation();
  // One listener on the list (an onClick on the kit's LinkListItem would turn each link into role="button").
  const onClick = (event: MouseEvent<HTMLElement>) => {
    const id = (event.target as HTMLElement).closest('a')?.hash.slice(1);
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    event.preventDefault();
    target.scrollIntoView({ behavior: 'smooth', block: 'start' });
    target.focus({ preventScroll: true });
    window.history.replaceState(window.history.state, '', `#${id}`);
  };
  const links = (
    <LinkList noWrapper className="sp-index-list" onClick={onClick}>
      {SECTIONS.map((key) => (
        <LinkListItem key={key} href={`#${ids[key]}`}>
          <span>{labels[key]}</span>
        </LinkListItem>
      ))}
    </LinkList>
  );
  return (
    <>
      <details className="sp-index-mobile d-lg-none">
        <summary>
          <Icon name="list" /> {t('card.index')}
        </summary>
        <nav aria-label={t('card.index')}>{links}</nav>
      </details>
      <nav className="sp-index-desktop d-none d-lg-block" aria-label={t('card.index')}>
        <p className="sp-index-title" aria-hidden="true">
          {t('card.index')}
        </p>
        {links}
      </nav>
    </>
  );
}

export function ServiceCardView({ card, tenant, office, serviceSlug, meta, preview = false, actions }: ServiceCardViewProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const base: Level = preview ? 2 : 1;
  const h2 = (base + 1) as Level;
  const h3 = (base + 2) as Level;
  const prefix = preview ? 'anteprima-' : '';
  const ids = Object.fromEntries(SECTIONS.map((k) => [k, `${prefix}${SECTION_IDS[k]}`])) as Record<SectionKey, string>;
  const labels = Object.fromEntries(SECTIONS.map((k) => [k, t(`card.sections.${k}`)])) as Record<SectionKey, string>;
  const cat = card.category ? categoryLabel(card.category, lng) : '';
  const paidCosts = card.costs.filter((c) => c.amountCents > 0 || c.description);
  const serviceUrl = serviceSlug ? `/enti/${tenant.slug}/servizi/${serviceSlug}` : undefined;
  const otherVersions = meta ? [...meta.versions].filter((v) => v.version !== meta.version).sort((a, b) => b.version - a.version) : [];
  const latest = meta ? Math.max(meta.version, ...meta.versions.map((v) => v.version)) : undefined;
  // the steps after submission, for services applied for here (through the online form) or with their own workflow
  const showsWorkflow = Boolean(card.workflow) || (Boolean(card.form) && appliesOnlineHere(card.access));

  const section = (key: SectionKey, children: ReactNode) => (
    <section key={key} className="it-page-section sp-card-section">
      <Heading level={h2} id={ids[key]} tabIndex={-1} className="h3 sp-section-title">
        {labels[key]}
      </Heading>
      {children}
    </section>
  );

  return (
    <div className="sp-service-card">
      <div className="row">
        <div className="col-lg-8">
          {cat && (
            <p className="sp-category mb-2">
              <span className="visually-hidden">{t('card.category')}: </span>
              {preview ? (
                <span className="sp-tag">{cat}</span>
              ) : (
                <Link className="sp-tag sp-tag-link" to={`/servizi?category=${encodeURIComponent(card.category)}`}>
                  {cat}
                </Link>
              )}
            </p>
          )}
          <Heading level={base} className="sp-card-title" lang={CONTENT_LANG}>
            {card.title || t('card.untitled')}
          </Heading>
          <div className="sp-status mb-3">
            <StatusBadge status={card.status} />
            {card.status === 'inactive' && card.statusReason && (
              <p className="mt-2 mb-0" lang={CONTENT_LANG}>
                {card.statusReason}
              </p>
            )}
          </div>
          <p className="lead sp-short-description" lang={CONTENT_LANG}>{card.shortDescription}</p>
          <p className="sp-tenant-line">
            <Icon name="pa" />{' '}
            {preview ? tenant.name : <Link to={`/enti/${tenant.slug}`}>{tenant.name}</Link>}
          </p>
          {actions && !preview && <div className="sp-card-actions">{actions}</div>}
        </div>
      </div>

      <div className="row mt-3 mt-lg-4">
        <div className="col-lg-3 mb-3">
          <div className="sp-index-wrapper">
            <PageIndex ids={ids} labels={labels} />
          </div>
        </div>
        <div className="col-lg-8 offset-lg-1">
          {section(
            'whoFor',
            <>
              <Paragraphs text={card.audienceDescription} />
              {card.audiences.length > 0 && (
                <ul className="sp-chip-list" aria-label={t('card.audiences')}>
                  {card.audiences.map((a) => (
                    <li key={a}>
                      <span className="sp-tag">{t(`audience.${a}`)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>,
          )}
          {section('description', <Paragraphs text={card.description} />)}
          {section(
            'howTo',
            card.howTo.length ? (
              <ol className="sp-steps" lang={CONTENT_LANG}>
                {card.howTo.map((step, i) => (
                  <li key={i}>{step}</li>
                ))}
              </ol>
            ) : (
              <p>{t('card.none')}</p>
            ),
          )}
          {section(
            'requirements',
            card.requirements.length ? (
              <ul lang={CONTENT_LANG}>
                {card.requirements.map((req, i) => (
                  <li key={i}>{req}</li>
                ))}
              </ul>
            ) : (
              <p>{t('card.noRequirements')}</p>
            ),
          )}
          {section('output', <Paragraphs text={card.output} />)}
          {section(
            'timeLimits',
            <>
              <Paragraphs text={card.timeLimits} />
              <p className="sp-max-days">
                <Icon name="calendar" /> <strong>{t('card.maxDays', { count: card.maxDays })}</strong>
              </p>
              {showsWorkflow && (
                <div className="sp-card-workflow">
                  <Heading level={h3} id={`${prefix}come-procede`} className="h5">
                    {t('workflow.diagram.title')}
                  </Heading>
                  <p>{t('workflow.diagram.intro')}</p>
                  <WorkflowDiagram steps={workflowSteps(card.workflow)} labelledBy={`${prefix}come-procede`} />
                </div>
              )}
            </>,
          )}
          {section(
            'access',
            <>
              {card.status === 'inactive' && (
                <Notice tone="warning" role="none" className="sp-inactive-note">
                  <p className="fw-semibold mb-1">{t('status.inactive')}</p>
                  <p className="mb-0" lang={card.statusReason ? CONTENT_LANG : undefined}>
                    {card.statusReason || t('card.inactiveAccess')}
                  </p>
                </Notice>
              )}
              {card.access.online && (
                <div className="sp-access-block">
                  <Heading level={h3} className="h5">
                    {t('card.online')}
                  </Heading>
                  {card.access.onlineDescription && <p lang={CONTENT_LANG}>{card.access.onlineDescription}</p>}
                  {card.access.onlineUrl && card.status === 'active' && (
                    <Button color="primary" className="sp-cta" href={card.access.onlineUrl} {...(preview ? { tabIndex: -1, 'aria-disabled': true, onClick: (e: MouseEvent) => e.preventDefault() } : {})}>
                      {t('card.fillOnline')}
                      {isExternal(card.access.onlineUrl) && (
                        <>
                          <Icon name="externalLink" className="ms-2" />
                          <span className="visually-hidden"> {t('common.externalSite')}</span>
                        </>
                      )}
                    </Button>
                  )}
                  {/* online through Sportello itself: sign in at the service's level, then the start page */}
                  {appliesOnlineHere(card.access) && card.status === 'active' && (preview || serviceSlug) && (
                    <OnlineApplyAccess
                      level={serviceLevel(card.access)}
                      startUrl={serviceSlug ? startPageUrl(tenant.slug, serviceSlug) : ''}
                      preview={preview}
                    />
                  )}
                </div>
              )}
              {card.access.desk && (
                <div className="sp-access-block">
                  <Heading level={h3} className="h5">
                    {card.access.bookable ? t('card.bookAppointment') : t('card.atTheDesk')}
                  </Heading>
                  {card.access.deskDescription && <p lang={CONTENT_LANG}>{card.access.deskDescription}</p>}
                  {office && (
                    <p>
                      <Icon name="mapMarker" /> {office.name} — {officeAddress(office)}
                    </p>
                  )}
                  {card.access.bookable && card.status === 'active' && serviceSlug && !preview && <BookAppointmentLink tenantSlug={tenant.slug} serviceSlug={serviceSlug} />}
                </div>
              )}
              {!card.access.online && !card.access.desk && <p>{t('card.noAccess')}</p>}
            </>,
          )}
          {section(
            'conditions',
            <>
              <Paragraphs text={card.conditions} />
              <Heading level={h3} className="h5">
                {t('card.costs')}
              </Heading>
              {paidCosts.length === 0 ? (
                <p>{t('card.free')}</p>
              ) : (
                <ul className="sp-costs" lang={CONTENT_LANG}>
                  {paidCosts.map((cost, i) => (
                    <li key={i}>
                      {cost.amountCents > 0 ? (
                        <>
                          {cost.description}
                          {cost.description ? ': ' : ''}
                          <strong>{formatEuro(cost.amountCents)}</strong>
                        </>
                      ) : (
                        cost.description || t('card.freeItem')
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {card.legalBasis.length > 0 && (
                <>
                  <Heading level={h3} className="h5">
                    {t('card.legalBasis')}
                  </Heading>
                  <ul lang={CONTENT_LANG}>
                    {card.legalBasis.map((law, i) => (
                      <li key={i}>{law}</li>
                    ))}
                  </ul>
                </>
              )}
            </>,
          )}
          {section(
            'contacts',
            office ? (
              <OfficeContacts office={office} headingLevel={h3} />
            ) : (
              <p>
                {t('card.contactBody')}{' '}
                {preview ? tenant.name : <Link to={`/enti/${tenant.slug}`}>{tenant.name}</Link>}
              </p>
            ),
          )}

          <section className="sp-versions" aria-label={t('card.versionsLabel')}>
            {meta ? (
              <>
                <p className="mb-2">
                  {t('card.versionLine', { version: meta.version, date: formatDate(meta.publishedAt, lng) })}
                  {latest !== undefined && meta.version === latest && ` ${t('card.currentVersionSuffix')}`}
                </p>
                {otherVersions.length > 0 && serviceUrl && (
                  <>
                    <p className="fw-semibold mb-1">{t('card.otherVersions')}</p>
                    <ul className="sp-version-list">
                      {otherVersions.map((v) => (
                        <li key={v.version}>
                          <Link to={v.version === latest ? serviceUrl : `${serviceUrl}?version=${v.version}`}>
                            {t('card.versionLine', { version: v.version, date: formatDate(v.publishedAt, lng) })}
                            {v.version === latest ? ` ${t('card.currentVersionSuffix')}` : ''}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </>
            ) : (
              <p className="mb-0">{t('card.unpublished')}</p>
            )}
          </section>
        </div>
      </div>
    </div>
  );
}
