import type { FieldCipher } from './field-cipher.ts';
import type { SocialService } from '../modules/social/social.service.ts';
import type { FastifyInstance, FastifyRequest, RawServerDefault, FastifyBaseLogger } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import type { AnalyticsService } from '../modules/analytics/analytics.service.ts';
import type { ApplicationsService } from '../modules/applications/applications.service.ts';
import type { HandlingService } from '../modules/applications/handling.service.ts';
import type { DocumentIssuer } from '../modules/documents/document-issuer.ts';
import type { WorkflowService } from '../modules/workflow/workflow.service.ts';
import type { Jobs } from './jobs.ts';
import type { SignerRegistry } from './signing.ts';
import type { ReceiptIssuer } from '../modules/applications/receipts.ts';
import type { CatalogService } from '../modules/catalog/catalog.service.ts';
import type { DocumentsService } from '../modules/documents/documents.service.ts';
import type { IdentityService } from '../modules/identity/identity.service.ts';
import type { SubjectsService } from '../modules/identity/subjects.service.ts';
import type { RegistryService } from '../modules/registry/registry.service.ts';
import type { OrganisationService } from '../modules/organisation/organisation.service.ts';
import type { ProtocolService } from '../modules/protocol/protocol.service.ts';
import type { BackgroundWork } from '../services.ts';
import type { TenantsService } from '../modules/tenants/tenants.service.ts';
import type { Actor } from './access.ts';
import type { BackgroundTask } from './background.ts';
import type { Metrics } from './metrics.ts';
import type { FileStorage } from './storage.ts';
import type { UploadScreening } from './virus-scan.ts';
import type { ChannelRegistry, NotificationDelivery } from '../modules/messaging/delivery.ts';
import type { MessagingService } from '../modules/messaging/messaging.service.ts';
import type { MessageSettingsService } from '../modules/messaging/settings.service.ts';
import type { ThreadService } from '../modules/messaging/thread.service.ts';
import type { WebhooksService } from '../modules/messaging/webhooks.service.ts';
import type { AccessLogService } from '../modules/myspace/access-log.service.ts';
import type { FavouritesService } from '../modules/myspace/favourites.service.ts';
import type { RegistryImportService } from '../modules/registry/registry-import.service.ts';
import type { CertificatesService } from '../modules/certificates/certificates.service.ts';
import type { RecommendationsService } from '../modules/recommendations/recommendations.service.ts';
import type { ProfilesService } from '../modules/profiles/profiles.service.ts';
import type { MyDataService } from '../modules/mydata/mydata.service.ts';
import type { RetentionService } from '../modules/retention/retention.service.ts';
import type { DataExportService } from '../modules/dataexport/dataexport.service.ts';
import type { AppointmentsService } from '../modules/desk/appointments.service.ts';
import type { QueueService } from '../modules/desk/queue.service.ts';
import type { ReceptionService } from '../modules/desk/reception.service.ts';
import type { DeskAnalyticsService } from '../modules/desk/desk-analytics.service.ts';
import type { PaymentsService } from '../modules/payments/payments.service.ts';
import type { PagoPaSimulator } from '../modules/payments/pagopa-simulator.ts';
import type { SocialExportsService } from '../modules/social/social-exports.service.ts';
import type { SocialFiguresService } from '../modules/social/social-figures.service.ts';

export interface Services {
  catalog: CatalogService;
  tenants: TenantsService;
  identity: IdentityService;
  subjects: SubjectsService;
  registry: RegistryService;
  organisation: OrganisationService;
  applications: ApplicationsService;
  protocol: ProtocolService;
  receipts: ReceiptIssuer;
  background: BackgroundWork;
  documents: DocumentsService;
  analytics: AnalyticsService;
  handling: HandlingService;
  workflow: WorkflowService;
  jobs: Jobs;
  /** the bodies' signing certificates, loaded (and checked) on first use */
  signers: () => Promise<SignerRegistry>;
  documentIssuer: DocumentIssuer;
  /** where attachments and generated documents are kept (the demo seed stores its placeholder files here) */
  storage: FileStorage;
  /** the antivirus every upload passes before anything else (platform/virus-scan.ts) */
  uploadScreening: UploadScreening;
  /** events → citizens' messages and webhook deliveries */
  messaging: MessagingService;
  /** sends queued notifications on their channels */
  delivery: NotificationDelivery;
  /** the channels of this deployment (made on first use) */
  channels: () => ChannelRegistry;
  thread: ThreadService;
  webhooks: WebhooksService;
  messageSettings: MessageSettingsService;
  /** the citizen's view of who read their data */
  accessLog: AccessLogService;
  favourites: FavouritesService;
  registryImport: RegistryImportService;
  certificates: CertificatesService;
  /** "Per te": advice from the citizen's situation, its rules and their evaluation */
  recommendations: RecommendationsService;
  profiles: ProfilesService;
  mydata: MyDataService;
  retention: RetentionService;
  /** "Scarica tutti i miei dati": everything held about the citizen, as JSON or PDF */
  dataExport: DataExportService;
  /** the desk: appointments and calendars, the queue with its counters and display, the reception, the figures */
  appointments: AppointmentsService;
  queue: QueueService;
  reception: ReceptionService;
  deskAnalytics: DeskAnalyticsService;
  /** payments with pagoPA: positions, checkout, outcomes, cancellation, refund, reconciliation */
  payments: PaymentsService;
  /** the built-in pagoPA stand-in (development and test); null in production */
  pagopaSimulator: PagoPaSimulator | null;
  // social services of a district
  /** seals and opens special-category data at rest (SOCIAL_DATA_KEY) */
  fieldCipher: FieldCipher;
  /** the flows to INPS's Casellario dell'Assistenza (PSA with SINA, SINBA): the district's coordinator */
  socialExports: SocialExportsService;
  // first contacts, case files, diary, interventions, assessments, reserved part
  social: SocialService;
  /** the district's social figures, with small cells hidden outside the social workers' own view */
  socialFigures: SocialFiguresService;
}

export interface AppContext {
  config: Config;
  database: Database;
  services: Services;
  metrics: Metrics;
  /** background work: the protocol registrar and the receipt issuer (running unless the role is web only) */
  tasks: {
    registrar: BackgroundTask; receipts: BackgroundTask; automations: BackgroundTask; documents: BackgroundTask; deadlines: BackgroundTask;
    /** events → messages and webhook deliveries; then the senders of each */
    messagingEvents: BackgroundTask; notifications: BackgroundTask; webhooks: BackgroundTask;
  };
}

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** the route answers with a person's data to someone other than that person: it must write the access log (platform/personal-data.ts) */
    personalData?: boolean;
  }
  interface FastifyRequest {
    /** resolved lazily by actorOf() */
    actorPromise?: Promise<Actor | null>;
  }
}

/** The citizen or operator (session cookie) or integrator (Bearer token) behind a request, or null. */
export function actorOf(ctx: AppContext, req: FastifyRequest): Promise<Actor | null> {
  req.actorPromise ??= (async () => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) return ctx.services.identity.actorFromToken(auth.slice(7).trim());
    const session = req.cookies?.sportello_session;
    if (session) return ctx.services.identity.actorFromSession(session);
    return null;
  })();
  return req.actorPromise;
}

/** The key that scopes an Idempotency-Key: who sent it. */
export const actorKey = (actor: Actor | null) => (actor ? `${actor.kind}:${actor.id}` : 'anonymous');
