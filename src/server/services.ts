import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import type { DB } from './db/schema.ts';
import { AnalyticsService } from './modules/analytics/analytics.service.ts';
import { ApplicationsService } from './modules/applications/applications.service.ts';
import { HandlingService } from './modules/applications/handling.service.ts';
import { DocumentIssuer } from './modules/documents/document-issuer.ts';
import { WorkflowService } from './modules/workflow/workflow.service.ts';
import { Jobs } from './platform/jobs.ts';
import { SignerRegistry } from './platform/signing.ts';
import { ReceiptIssuer } from './modules/applications/receipts.ts';
import { CatalogService } from './modules/catalog/catalog.service.ts';
import { DocumentsService } from './modules/documents/documents.service.ts';
import { IdentityService } from './modules/identity/identity.service.ts';
import type { OidcRelyingParty } from './modules/identity/oidc-client.ts';
import { SubjectsService } from './modules/identity/subjects.service.ts';
import { RegistryService } from './modules/registry/registry.service.ts';
import { RegistryImportService } from './modules/registry/registry-import.service.ts';
import { OrganisationService } from './modules/organisation/organisation.service.ts';
import { ProtocolService } from './modules/protocol/protocol.service.ts';
import { TenantsService } from './modules/tenants/tenants.service.ts';
import { LocalFileStorage } from './platform/storage.ts';
import { createVirusScanner, UploadScreening, type ScreeningLog } from './platform/virus-scan.ts';
import { recordAudit } from './platform/audit.ts';
import path from 'node:path';
import type { Services } from './platform/context.ts';
import { availableChannels, createChannels } from './modules/messaging/channels/index.ts';
import { NotificationDelivery } from './modules/messaging/delivery.ts';
import { MessagingService } from './modules/messaging/messaging.service.ts';
import { MessageSettingsService } from './modules/messaging/settings.service.ts';
import { ThreadService } from './modules/messaging/thread.service.ts';
import { WebhooksService } from './modules/messaging/webhooks.service.ts';
import { AccessLogService } from './modules/myspace/access-log.service.ts';
import { FavouritesService } from './modules/myspace/favourites.service.ts';
import { CertificatesService } from './modules/certificates/certificates.service.ts';
import { RecommendationsService } from './modules/recommendations/recommendations.service.ts';
import { ProfilesService } from './modules/profiles/profiles.service.ts';
import { MyDataService } from './modules/mydata/mydata.service.ts';
import { RetentionService } from './modules/retention/retention.service.ts';
import { DataExportService } from './modules/dataexport/dataexport.service.ts';
import { AppointmentsService } from './modules/desk/appointments.service.ts';
import { QueueService } from './modules/desk/queue.service.ts';
import { ReceptionService } from './modules/desk/reception.service.ts';
import { DeskAnalyticsService } from './modules/desk/desk-analytics.service.ts';
import { loadFieldCipher } from './platform/field-cipher.ts';
import { SocialService } from './modules/social/social.service.ts';
import { PagoPaSimulator } from './modules/payments/pagopa-simulator.ts';
import { PaymentsService } from './modules/payments/payments.service.ts';
import { SocialExportsService } from './modules/social/social-exports.service.ts';
import { SocialFiguresService } from './modules/social/social-figures.service.ts';

export interface ServiceOptions {
  config: Pick<Config, 'searchCacheMs' | 'sessionSecret' | 'sessionIdleMinutes' | 'sessionMaxHours' | 'publicUrl' | 'dataDir' | 'mode' | 'signing' | 'messaging' | 'socialDataKey' | 'virusScan'>;
  /** the SPID/CIE provider's relying party; absent in the CLI */
  relyingParty?: OidcRelyingParty | null;
  /** where services tell what no request answers (the antivirus); the app passes its logger, the CLI standard error */
  log?: ScreeningLog;
}

/**
 * The hooks the background tasks hang on: a submission wakes the protocol registrar at once (the app wires the
 * tasks in when it runs them; the CLI does not).
 */
export class BackgroundWork {
  onSubmitted: (() => void) | null = null;
  submitted() {
    this.onSubmitted?.();
  }
}

/** Every module's service on one database: used by the HTTP app, the CLI and tests alike. */
export function createServices(db: Kysely<DB>, opts: ServiceOptions): Services {
  const tenants = new TenantsService(db);
  const identity = new IdentityService(db, opts.config, opts.relyingParty ?? null);
  const registry = new RegistryService(db);
  const storage = new LocalFileStorage(path.join(opts.config.dataDir, 'files'));
  // every upload passes the antivirus first (platform/virus-scan.ts); production fails closed when it cannot scan
  const uploadScreening = new UploadScreening(createVirusScanner(opts.config.virusScan, opts.config.mode), {
    failClosed: opts.config.mode === 'production' || opts.config.virusScan.required,
    log: opts.log ?? { warn: (obj, msg) => console.warn(msg, obj), error: (obj, msg) => console.error(msg, obj) },
    audit: (entry) => recordAudit(db, entry),
  });
  const catalog = new CatalogService(db, { cacheTtlMs: opts.config.searchCacheMs });
  const documents = new DocumentsService(db, opts.config);
  const background = new BackgroundWork();
  const jobs = new Jobs(db);
  // special-category data of the social services is sealed with this (platform/field-cipher.ts)
  const fieldCipher = loadFieldCipher(opts.config);
  // channels are made on first use (a CLI command that sends nothing opens no SMTP connection)
  let channels: ReturnType<typeof createChannels> | null = null;
  const channelRegistry = () => (channels ??= createChannels(opts.config.messaging, db, opts.config.publicUrl));
  const messaging = new MessagingService(db, jobs, { publicUrl: opts.config.publicUrl, availableChannels: () => availableChannels(channelRegistry()) });
  const delivery = new NotificationDelivery(db, jobs, channelRegistry);
  const workflow = new WorkflowService(db, jobs, messaging);
  let signers: Promise<SignerRegistry> | null = null;
  const loadSigners = () => (signers ??= SignerRegistry.load(opts.config));
  const subjects = new SubjectsService(db, identity, registry, storage);
  const applications = new ApplicationsService(db, { catalog, registry, storage, workflow, uploadScreening, onSubmitted: () => background.submitted() });
  // payments
  // The connection to pagoPA: the built-in simulator everywhere but in production. Production has no real adapter
  // yet (one would implement PaymentGateway over a partner intermediary's GPD and Checkout APIs): there the gateway
  // is null, and checkout, refund and reconciliation answer 503 saying so; notices can still be made and printed.
  const pagopaSimulator = opts.config.mode === 'production' ? null
    : new PagoPaSimulator(db, { publicUrl: opts.config.publicUrl, signingKey: identity.secrets.mac('pagopa-simulator', 'v1') });
  const payments = new PaymentsService(db, { applications, messaging, gateway: pagopaSimulator, publicUrl: opts.config.publicUrl });
  // Circular construction: PaymentsService is built with ApplicationsService (it sends an application when its payment
  // is confirmed) and ApplicationsService asks payments back (the payment before submission, the detail's payments):
  // that side is attached once both exist.
  applications.attachPayments(payments);
  // the simulator delivers its confirmations in-process, as the provider's HTTP callback would
  if (pagopaSimulator) pagopaSimulator.onCallback = (headers, rawBody) => payments.handleCallback(pagopaSimulator.name, headers, rawBody);
  return {
    registry,
    organisation: new OrganisationService(db, identity, tenants),
    subjects,
    catalog,
    tenants,
    identity,
    documents,
    protocol: new ProtocolService(db),
    receipts: new ReceiptIssuer(db, { catalog, storage, documents, workflow }),
    applications,
    handling: new HandlingService(db, applications, workflow),
    workflow,
    jobs,
    signers: loadSigners,
    documentIssuer: new DocumentIssuer(workflow, { storage, signers: loadSigners, publicUrl: opts.config.publicUrl }),
    background,
    storage,
    uploadScreening,
    analytics: new AnalyticsService(db),
    messaging,
    delivery,
    channels: channelRegistry,
    thread: new ThreadService(db, { applications, messaging, workflow, storage, uploadScreening }),
    webhooks: new WebhooksService(db, jobs, identity.secrets).configure({ mode: opts.config.mode }),
    accessLog: new AccessLogService(db, registry),
    favourites: new FavouritesService(db),
    registryImport: new RegistryImportService(db, uploadScreening),
    certificates: new CertificatesService(db, { registry, tenants, storage, signers: loadSigners, documents, publicUrl: opts.config.publicUrl }),
    recommendations: new RecommendationsService(db, registry, payments), // payments falling due
    profiles: new ProfilesService(subjects, applications),
    mydata: new MyDataService(db, { registry, tenants, subjects, workflow, messaging }),
    retention: new RetentionService(db),
    // everything held about the citizen, as JSON or PDF (the access log read as the citizen's own page reads it)
    dataExport: new DataExportService(db, { registry, accessLog: new AccessLogService(db, registry), fieldCipher }),
    messageSettings: new MessageSettingsService(db, { messaging, delivery, devMailbox: opts.config.messaging.devMailbox }),
    // the desk
    appointments: new AppointmentsService(db, { messaging, publicUrl: opts.config.publicUrl }),
    queue: new QueueService(db),
    reception: new ReceptionService(db, { applications, registry }),
    deskAnalytics: new DeskAnalyticsService(db),
    payments,
    pagopaSimulator,
    // social services of a district
    fieldCipher,
    // the flows to the Casellario dell'Assistenza
    socialExports: new SocialExportsService(db, { cipher: fieldCipher }),
    // first contacts and case files
    social: new SocialService(db, { fieldCipher }),
    // the district's social figures (dashboard, CSV/XLSX)
    socialFigures: new SocialFiguresService(db),
  };
}
