import { existsSync } from 'node:fs';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import { FieldCipher } from './platform/field-cipher.ts';
import { parseClamdUrl, type VirusScanConfig } from './platform/virus-scan.ts';

export type Mode = 'development' | 'production' | 'test';
export type Role = 'all' | 'web' | 'worker';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  /** undefined → embedded PGlite under dataDir/pg */
  databaseUrl?: string;
  mode: Mode;
  role: Role;
  sessionSecret: string;
  logLevel: string;
  /** seed the demo tenants and catalogue when the database is empty (development default) */
  seedDemoOnEmpty: boolean;
  /** proxies in front of the app whose X-Forwarded-For is believed: a hop count, or false (default) */
  trustProxy: number | false;
  /** how long a catalogue search answer is reused (0 = never) */
  searchCacheMs: number;
  /** the OpenID Connect provider for SPID/CIE logins; null = citizen login is off */
  oidc: OidcConfig | null;
  /** a session ends after this many minutes without requests, and in any case after sessionMaxHours */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /**
   * The certificate that signs the documents issued on applications (responses, notices), the same for every
   * body of the deployment. null: development and test make a self-signed one per body under dataDir/signing;
   * production refuses to start without one.
   */
  signing: SigningConfig | null;
  /** the channels messages leave by (e-mail, PEC, SMS, IO) and the development mailbox */
  messaging: MessagingConfig;
  /**
   * SOCIAL_DATA_KEY (64 hex digits or base64 of 32 bytes): seals special-category data at rest (platform/
   * field-cipher.ts); SOCIAL_DATA_PREVIOUS_KEYS (comma-separated) still open values sealed before a rotation.
   * Development and test without it use a key kept in dataDir/social-data.key; production refuses to start.
   */
  socialDataKey: { key: Buffer | null; previous: Buffer[] };
  /** the antivirus uploads pass (platform/virus-scan.ts): CLAMD_URL, CLAMAV_DATABASE, CLAMAV_REQUIRED */
  virusScan: VirusScanConfig;
}

/**
 * Where each channel sends. A channel without its settings is off (citizens cannot choose it), except that in
 * development and test the mailbox stands in for every channel, so every journey can be followed on one page.
 */
export interface MessagingConfig {
  /** SMTP_URL, e.g. smtp://user:pass@mail.example:587 or smtps://…:465 */
  smtpUrl: string | null;
  /** MAIL_FROM: the sender of e-mails */
  mailFrom: string;
  /** PEC_SMTP_URL and PEC_FROM: the body's certified mailbox, for citizens with a digital domicile */
  pecSmtpUrl: string | null;
  pecFrom: string | null;
  /** SMS_URL and SMS_TOKEN: the SMS provider's HTTP endpoint (see messaging/channels/sms.ts) and its bearer token */
  smsUrl: string | null;
  smsToken: string | null;
  /** SMS_SENDER: the alphanumeric sender shown on the phone (at most 11 characters) */
  smsSender: string;
  /** IO_API_URL and IO_API_KEY: the IO messages API and the body's subscription key */
  ioApiUrl: string;
  ioApiKey: string | null;
  /** SPORTELLO_DEV_MAILBOX: keep every message sent for the /sviluppo/posta page (default in development and test) */
  devMailbox: boolean;
}

/** A PKCS#12 file with key and certificate (and chain), or a PEM certificate (with chain) and a PEM key. */
export type SigningConfig =
  | { kind: 'p12'; p12File: string; passphrase: string }
  | { kind: 'pem'; certFile: string; keyFile: string; keyPassphrase?: string };

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** client_secret_basic; or, with clientKeyFile, private_key_jwt */
  clientSecret?: string;
  /** a PEM private key (PKCS#8) for private_key_jwt client authentication */
  clientKeyFile?: string;
  /** true when the issuer is the bundled test identity provider, mounted at /test-idp by this program */
  bundled: boolean;
}

/** Example secrets printed in our own documentation: a deployment that copied one is not secret. */
export const DOCUMENTED_SECRETS = ['change-me-to-32-or-more-random-characters', 'sportello-development-secret-do-not-use'];
export const TEST_IDP_PATH = '/test-idp';

export class ConfigError extends Error {}

/** Environment → typed config. Fails fast with a message that names the variable and what to write. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const mode = (env.SPORTELLO_MODE ?? 'development') as Mode;
  if (!['development', 'production', 'test'].includes(mode)) {
    problems.push(`SPORTELLO_MODE must be development, production or test (got "${mode}")`);
  }
  const role = (env.SPORTELLO_ROLE ?? 'all') as Role;
  if (!['all', 'web', 'worker'].includes(role)) problems.push(`SPORTELLO_ROLE must be all, web or worker (got "${role}")`);
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT must be a port number (got "${env.PORT}")`);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// (leave it unset for the embedded database)');
  }
  let publicUrl = env.PUBLIC_URL ?? `http://localhost:${port}`;
  try {
    publicUrl = new URL(publicUrl).toString().replace(/\/$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an absolute URL (got "${env.PUBLIC_URL}")`);
  }
  let sessionSecret = env.SESSION_SECRET ?? '';
  if (!sessionSecret) {
    if (mode === 'production') problems.push('SESSION_SECRET is required in production (32 or more random characters)');
    sessionSecret = randomBytes(32).toString('hex');
  } else if (sessionSecret.length < 32) {
    problems.push('SESSION_SECRET must be at least 32 characters');
  } else if (mode === 'production' && (DOCUMENTED_SECRETS.includes(sessionSecret) || new Set(sessionSecret).size < 8)) {
    problems.push('SESSION_SECRET is a default or example value: production needs a random secret of its own (e.g. `openssl rand -hex 32`)');
  }
  const oidc = loadOidc(env, mode, publicUrl, sessionSecret, problems);
  const signing = loadSigning(env, mode, problems);
  const messaging = loadMessaging(env, mode, problems);
  const sessionIdleMinutes = Number(env.SESSION_IDLE_MINUTES ?? 30);
  if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 1) problems.push('SESSION_IDLE_MINUTES must be a whole number of minutes (1 or more)');
  const sessionMaxHours = Number(env.SESSION_MAX_HOURS ?? 8);
  if (!Number.isFinite(sessionMaxHours) || sessionMaxHours <= 0 || sessionMaxHours > 24) problems.push('SESSION_MAX_HOURS must be a number of hours between 0 and 24');
  const trustProxy = env.TRUST_PROXY ? Number(env.TRUST_PROXY) : false;
  if (trustProxy !== false && (!Number.isInteger(trustProxy) || trustProxy < 1)) {
    problems.push('TRUST_PROXY must be the number of proxies in front of Sportello (1 or more), or unset');
  }
  const socialDataKey = loadSocialDataKey(env, mode, problems);
  const virusScan = loadVirusScan(env, problems);
  const searchCacheMs = Number(env.SPORTELLO_SEARCH_CACHE_MS ?? 60_000);
  if (!Number.isInteger(searchCacheMs) || searchCacheMs < 0) problems.push('SPORTELLO_SEARCH_CACHE_MS must be a whole number of milliseconds');
  if (problems.length) throw new ConfigError(`Configuration errors:\n - ${problems.join('\n - ')}`);
  return {
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    dataDir: path.resolve(env.DATA_DIR ?? './data'),
    databaseUrl,
    mode,
    role,
    sessionSecret,
    logLevel: env.LOG_LEVEL ?? (mode === 'test' ? 'silent' : 'info'),
    searchCacheMs,
    trustProxy,
    oidc,
    sessionIdleMinutes,
    sessionMaxHours,
    signing,
    messaging,
    socialDataKey,
    virusScan,
    seedDemoOnEmpty: env.SPORTELLO_SEED_DEMO ? env.SPORTELLO_SEED_DEMO === 'true' : mode === 'development',
  };
}

/**
 * CLAMD_URL (unix:/run/clamav/clamd.ctl or tcp://host:3310), CLAMAV_DATABASE (the signatures clamscan loads when
 * there is no clamd), CLAMAV_REQUIRED (true: no start without an antivirus, and no upload the antivirus could not
 * scan, in any mode). Which scanner runs is decided when the services are made (ClamAV may or may not be installed).
 */
function loadVirusScan(env: NodeJS.ProcessEnv, problems: string[]): VirusScanConfig {
  const clamd = env.CLAMD_URL ? parseClamdUrl(env.CLAMD_URL) : null;
  if (env.CLAMD_URL && !clamd) problems.push(`CLAMD_URL must be unix:/path/to/clamd.socket or tcp://host:3310 (got "${env.CLAMD_URL}")`);
  const database = env.CLAMAV_DATABASE ? path.resolve(env.CLAMAV_DATABASE) : null;
  if (database && !existsSync(database)) problems.push(`CLAMAV_DATABASE must be ClamAV's signature directory or a signature file (${database} does not exist)`);
  const required = env.CLAMAV_REQUIRED;
  if (required && !['true', 'false'].includes(required)) problems.push('CLAMAV_REQUIRED must be true or false');
  return { clamd, database, required: required === 'true' };
}

function loadSocialDataKey(env: NodeJS.ProcessEnv, mode: Mode, problems: string[]): Config['socialDataKey'] {
  const parse = (text: string, name: string) => {
    const key = FieldCipher.parseKey(text);
    if (!key) problems.push(`${name} must be 32 random bytes written as 64 hex digits or base64 (e.g. \`openssl rand -hex 32\`)`);
    return key;
  };
  const key = env.SOCIAL_DATA_KEY ? parse(env.SOCIAL_DATA_KEY, 'SOCIAL_DATA_KEY') : null;
  // the demo's accounts have a published password: a production database must never get them
  if (mode === 'production' && env.SPORTELLO_SEED_DEMO === 'true') {
    problems.push('SPORTELLO_SEED_DEMO=true: the demo data (with accounts whose password is published) cannot be loaded in production');
  }
  if (!env.SOCIAL_DATA_KEY && mode === 'production') {
    problems.push('SOCIAL_DATA_KEY is required in production: it encrypts social services\' special-category data (`openssl rand -hex 32`)');
  }
  const previous = (env.SOCIAL_DATA_PREVIOUS_KEYS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
    .map((s) => parse(s, 'SOCIAL_DATA_PREVIOUS_KEYS')).filter((k): k is Buffer => k !== null);
  return { key, previous };
}

/**
 * OIDC_ISSUER + OIDC_CLIENT_ID + (OIDC_CLIENT_SECRET or OIDC_CLIENT_KEY_FILE) point at any standard provider.
 * Without them, development and test use the bundled test identity provider (SPORTELLO_TEST_IDP=false turns it
 * off); production refuses it, since anyone could log in as anyone there.
 */
function loadOidc(env: NodeJS.ProcessEnv, mode: Mode, publicUrl: string, sessionSecret: string, problems: string[]): OidcConfig | null {
  const testIdp = env.SPORTELLO_TEST_IDP;
  if (testIdp && !['true', 'false'].includes(testIdp)) problems.push('SPORTELLO_TEST_IDP must be true or false');
  if (env.OIDC_ISSUER) {
    let issuer = env.OIDC_ISSUER;
    try {
      issuer = new URL(issuer).toString().replace(/\/$/, '');
    } catch {
      problems.push(`OIDC_ISSUER must be an absolute URL (got "${env.OIDC_ISSUER}")`);
    }
    if (!env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID is required with OIDC_ISSUER');
    if (!env.OIDC_CLIENT_SECRET && !env.OIDC_CLIENT_KEY_FILE) problems.push('OIDC_CLIENT_SECRET or OIDC_CLIENT_KEY_FILE is required with OIDC_ISSUER');
    if (mode === 'production') {
      if (testIdp === 'true' || issuer.startsWith(publicUrl + TEST_IDP_PATH)) {
        problems.push('the bundled test identity provider cannot be used in production: set OIDC_ISSUER to your SPID/CIE provider');
      }
      if (!issuer.startsWith('https://')) problems.push('OIDC_ISSUER must use https in production');
    }
    return { issuer, clientId: env.OIDC_CLIENT_ID ?? '', clientSecret: env.OIDC_CLIENT_SECRET || undefined,
      clientKeyFile: env.OIDC_CLIENT_KEY_FILE || undefined, bundled: false };
  }
  if (mode === 'production') {
    if (testIdp === 'true') problems.push('SPORTELLO_TEST_IDP=true: the bundled test identity provider cannot run in production; configure OIDC_ISSUER');
    return null;
  }
  if (testIdp === 'false') return null;
  // the bundled provider's client secret: derived, so that it changes with SESSION_SECRET and is never a constant
  const clientSecret = createHmac('sha256', sessionSecret).update('test-idp-client').digest('base64url');
  return { issuer: publicUrl + TEST_IDP_PATH, clientId: 'sportello', clientSecret, bundled: true };
}

/**
 * SIGNING_P12_FILE (+ SIGNING_P12_PASSPHRASE), or SIGNING_CERT_FILE + SIGNING_KEY_FILE (+ SIGNING_KEY_PASSPHRASE
 * when the key is encrypted). Only the variables are checked here; the files are read, and the key matched with
 * the certificate, when the signers are loaded at start (platform/signing.ts).
 */
function loadSigning(env: NodeJS.ProcessEnv, mode: Mode, problems: string[]): SigningConfig | null {
  const p12File = env.SIGNING_P12_FILE || undefined;
  const certFile = env.SIGNING_CERT_FILE || undefined;
  const keyFile = env.SIGNING_KEY_FILE || undefined;
  if (p12File && (certFile || keyFile)) {
    problems.push('set either SIGNING_P12_FILE or SIGNING_CERT_FILE + SIGNING_KEY_FILE for the signing certificate, not both');
    return null;
  }
  if (p12File) {
    if (env.SIGNING_KEY_PASSPHRASE) problems.push('SIGNING_KEY_PASSPHRASE goes with SIGNING_KEY_FILE: the passphrase of a PKCS#12 file is SIGNING_P12_PASSPHRASE');
    return { kind: 'p12', p12File: path.resolve(p12File), passphrase: env.SIGNING_P12_PASSPHRASE ?? '' };
  }
  if (env.SIGNING_P12_PASSPHRASE) problems.push('SIGNING_P12_PASSPHRASE is set but SIGNING_P12_FILE is not');
  if (certFile || keyFile) {
    if (!certFile) problems.push('SIGNING_CERT_FILE is required with SIGNING_KEY_FILE (the PEM certificate of the signing key)');
    if (!keyFile) problems.push('SIGNING_KEY_FILE is required with SIGNING_CERT_FILE (the PEM private key of the certificate)');
    if (!certFile || !keyFile) return null;
    return { kind: 'pem', certFile: path.resolve(certFile), keyFile: path.resolve(keyFile), keyPassphrase: env.SIGNING_KEY_PASSPHRASE || undefined };
  }
  if (env.SIGNING_KEY_PASSPHRASE) problems.push('SIGNING_KEY_PASSPHRASE is set but SIGNING_KEY_FILE is not');
  if (mode === 'production') {
    problems.push(
      'a signing certificate is required in production for the documents issued on applications: set SIGNING_P12_FILE ' +
        'and SIGNING_P12_PASSPHRASE, or SIGNING_CERT_FILE and SIGNING_KEY_FILE (PEM; SIGNING_KEY_PASSPHRASE if the key is encrypted)',
    );
  }
  return null;
}

const urlOf = (value: string | undefined, name: string, schemes: string[], problems: string[]): string | null => {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (!schemes.includes(url.protocol.replace(/:$/, ''))) throw new Error();
    return value;
  } catch {
    problems.push(`${name} must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')} (got "${value.replace(/\/\/[^@/]*@/, '//…@')}")`);
    return null;
  }
};

/** SMTP_URL, MAIL_FROM, PEC_SMTP_URL, PEC_FROM, SMS_URL, SMS_TOKEN, SMS_SENDER, IO_API_URL, IO_API_KEY, SPORTELLO_DEV_MAILBOX. */
function loadMessaging(env: NodeJS.ProcessEnv, mode: Mode, problems: string[]): MessagingConfig {
  const smtpUrl = urlOf(env.SMTP_URL, 'SMTP_URL', ['smtp', 'smtps'], problems);
  const pecSmtpUrl = urlOf(env.PEC_SMTP_URL, 'PEC_SMTP_URL', ['smtp', 'smtps'], problems);
  const smsUrl = urlOf(env.SMS_URL, 'SMS_URL', mode === 'production' ? ['https'] : ['https', 'http'], problems);
  const ioApiUrl = urlOf(env.IO_API_URL, 'IO_API_URL', mode === 'production' ? ['https'] : ['https', 'http'], problems) ?? 'https://api.io.pagopa.it/api/v1';
  const devMailboxEnv = env.SPORTELLO_DEV_MAILBOX;
  if (devMailboxEnv && !['true', 'false'].includes(devMailboxEnv)) problems.push('SPORTELLO_DEV_MAILBOX must be true or false');
  const devMailbox = devMailboxEnv ? devMailboxEnv === 'true' : mode !== 'production';
  if (mode === 'production') {
    if (devMailbox) problems.push('SPORTELLO_DEV_MAILBOX=true: the development mailbox keeps every message sent and cannot run in production');
    if (!smtpUrl && !env.SMTP_URL) problems.push('SMTP_URL is required in production: citizens receive receipts and outcomes by e-mail (e.g. smtps://user:password@mail.example.it:465)');
  }
  if (pecSmtpUrl && !env.PEC_FROM) problems.push('PEC_FROM is required with PEC_SMTP_URL (the body\'s certified address)');
  if (smsUrl && !env.SMS_TOKEN) problems.push('SMS_TOKEN is required with SMS_URL (the provider\'s API token)');
  const smsSender = env.SMS_SENDER ?? 'Sportello';
  if (!/^[A-Za-z0-9 ]{1,11}$/.test(smsSender)) problems.push('SMS_SENDER must be 1 to 11 letters, digits or spaces');
  return {
    smtpUrl, mailFrom: env.MAIL_FROM ?? 'Sportello <noreply@sportello.localhost>',
    pecSmtpUrl, pecFrom: env.PEC_FROM ?? null,
    smsUrl, smsToken: env.SMS_TOKEN ?? null, smsSender,
    ioApiUrl: ioApiUrl.replace(/\/$/, ''), ioApiKey: env.IO_API_KEY ?? null,
    devMailbox,
  };
}
