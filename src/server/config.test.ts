import { describe, expect, it } from 'vitest';
import os from 'node:os';
import { ConfigError, DOCUMENTED_SECRETS, loadConfig } from './config.ts';

const SECRET = 'f3b9c1d27a6e4f0b8c5d2e9a1b7c3f6d';
// production needs a signing certificate: the variables are only checked here (the files are read at start)
const SIGNING = { SIGNING_P12_FILE: '/etc/sportello/sigillo.p12', SIGNING_P12_PASSPHRASE: 'passphrase' };
const SOCIAL_KEY = 'a3f1c29b7e4d5a6b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d';
const prod = (env: Record<string, string> = {}) => loadConfig({ SPORTELLO_MODE: 'production', SESSION_SECRET: SECRET, SMTP_URL: 'smtps://sportello:pw@mail.example.it:465', SOCIAL_DATA_KEY: SOCIAL_KEY, ...SIGNING, ...env });

describe('configuration of login', () => {
  it('uses the bundled test identity provider in development and test when no provider is configured', () => {
    const dev = loadConfig({ SPORTELLO_MODE: 'development', PUBLIC_URL: 'http://localhost:3000' });
    expect(dev.oidc).toMatchObject({ issuer: 'http://localhost:3000/test-idp', bundled: true });
    expect(loadConfig({ SPORTELLO_MODE: 'test', SPORTELLO_TEST_IDP: 'false' }).oidc).toBeNull();
  });

  it('points at any provider through OIDC_ISSUER, OIDC_CLIENT_ID and a secret or key file', () => {
    const c = loadConfig({ OIDC_ISSUER: 'https://id.example.org/', OIDC_CLIENT_ID: 'rp', OIDC_CLIENT_SECRET: 's' });
    expect(c.oidc).toEqual({ issuer: 'https://id.example.org', clientId: 'rp', clientSecret: 's', clientKeyFile: undefined, bundled: false });
    expect(() => loadConfig({ OIDC_ISSUER: 'https://id.example.org' })).toThrow(/OIDC_CLIENT_ID is required[\s\S]*OIDC_CLIENT_SECRET or OIDC_CLIENT_KEY_FILE/);
  });

  it('production refuses to load the demo data, whose accounts have a published password', () => {
    expect(() => prod({ SPORTELLO_SEED_DEMO: 'true' })).toThrow(/demo data .* cannot be loaded in production/);
    expect(prod({ SPORTELLO_SEED_DEMO: 'false' }).seedDemoOnEmpty).toBe(false);
    expect(prod().seedDemoOnEmpty).toBe(false);
  });

  it('production refuses to start with the test identity provider, and says why', () => {
    expect(() => prod({ SPORTELLO_TEST_IDP: 'true' })).toThrow(ConfigError);
    expect(() => prod({ SPORTELLO_TEST_IDP: 'true' })).toThrow(/test identity provider cannot run in production/);
    expect(() => prod({ PUBLIC_URL: 'https://comune.example.it', OIDC_ISSUER: 'https://comune.example.it/test-idp', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' }))
      .toThrow(/bundled test identity provider cannot be used in production/);
    expect(() => prod({ OIDC_ISSUER: 'http://id.example.org', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toThrow(/must use https in production/);
    // without a provider production starts, with citizen login off
    expect(prod().oidc).toBeNull();
  });

  it('production refuses a missing, short, documented or trivial session secret', () => {
    expect(() => loadConfig({ SPORTELLO_MODE: 'production' })).toThrow(/SESSION_SECRET is required in production/);
    expect(() => prod({ SESSION_SECRET: 'short' })).toThrow(/at least 32 characters/);
    for (const s of DOCUMENTED_SECRETS) expect(() => prod({ SESSION_SECRET: s })).toThrow(/default or example value/);
    expect(() => prod({ SESSION_SECRET: 'a'.repeat(40) })).toThrow(/default or example value/);
    expect(prod().sessionSecret).toBe(SECRET);
  });

  it('checks session timeouts', () => {
    expect(loadConfig({}).sessionIdleMinutes).toBe(30);
    expect(loadConfig({}).sessionMaxHours).toBe(8);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ SESSION_MAX_HOURS: '48' })).toThrow(/SESSION_MAX_HOURS/);
  });
});

describe('configuration of the signing certificate', () => {
  it('is optional in development and test, where every body gets a self-signed certificate', () => {
    expect(loadConfig({}).signing).toBeNull();
    expect(loadConfig({ SPORTELLO_MODE: 'test' }).signing).toBeNull();
  });

  it('takes a PKCS#12 file with its passphrase, or a PEM certificate and key (the key optionally encrypted)', () => {
    expect(loadConfig({ SIGNING_P12_FILE: '/s/seal.p12', SIGNING_P12_PASSPHRASE: 'pw' }).signing).toEqual({ kind: 'p12', p12File: '/s/seal.p12', passphrase: 'pw' });
    expect(loadConfig({ SIGNING_P12_FILE: '/s/seal.p12' }).signing).toEqual({ kind: 'p12', p12File: '/s/seal.p12', passphrase: '' });
    expect(loadConfig({ SIGNING_CERT_FILE: '/s/cert.pem', SIGNING_KEY_FILE: '/s/key.pem', SIGNING_KEY_PASSPHRASE: 'k' }).signing)
      .toEqual({ kind: 'pem', certFile: '/s/cert.pem', keyFile: '/s/key.pem', keyPassphrase: 'k' });
  });

  it('refuses half a setting or two at once, naming the variables', () => {
    expect(() => loadConfig({ SIGNING_CERT_FILE: '/s/cert.pem' })).toThrow(/SIGNING_KEY_FILE is required with SIGNING_CERT_FILE/);
    expect(() => loadConfig({ SIGNING_KEY_FILE: '/s/key.pem' })).toThrow(/SIGNING_CERT_FILE is required with SIGNING_KEY_FILE/);
    expect(() => loadConfig({ SIGNING_P12_FILE: '/s/a.p12', SIGNING_CERT_FILE: '/s/c.pem', SIGNING_KEY_FILE: '/s/k.pem' })).toThrow(/either SIGNING_P12_FILE or SIGNING_CERT_FILE \+ SIGNING_KEY_FILE/);
    expect(() => loadConfig({ SIGNING_P12_PASSPHRASE: 'pw' })).toThrow(/SIGNING_P12_PASSPHRASE is set but SIGNING_P12_FILE is not/);
    expect(() => loadConfig({ SIGNING_KEY_PASSPHRASE: 'pw' })).toThrow(/SIGNING_KEY_PASSPHRASE is set but SIGNING_KEY_FILE is not/);
  });

  it('is required in production, and the message says which variables to set', () => {
    const noSigning = { SIGNING_P12_FILE: '', SIGNING_P12_PASSPHRASE: '' };
    expect(() => prod(noSigning)).toThrow(ConfigError);
    expect(() => prod(noSigning)).toThrow(/signing certificate is required in production[\s\S]*SIGNING_P12_FILE and SIGNING_P12_PASSPHRASE, or SIGNING_CERT_FILE and SIGNING_KEY_FILE/);
    expect(prod().signing).toMatchObject({ kind: 'p12' });
    expect(prod({ ...noSigning, SIGNING_CERT_FILE: '/s/cert.pem', SIGNING_KEY_FILE: '/s/key.pem' }).signing).toMatchObject({ kind: 'pem' });
  });
});

describe('SOCIAL_DATA_KEY', () => {
  it('is required in production, must be 32 bytes, and takes previous keys for a rotation', () => {
    expect(() => prod({ SOCIAL_DATA_KEY: '' })).toThrow(/SOCIAL_DATA_KEY is required in production/);
    expect(() => prod({ SOCIAL_DATA_KEY: 'too-short' })).toThrow(/SOCIAL_DATA_KEY must be 32 random bytes/);
    const c = prod({ SOCIAL_DATA_PREVIOUS_KEYS: Buffer.alloc(32, 7).toString('base64') });
    expect(c.socialDataKey.key?.toString('hex')).toBe(SOCIAL_KEY);
    expect(c.socialDataKey.previous).toHaveLength(1);
    // development without a key: none here, the cipher keeps one in DATA_DIR (platform/field-cipher.ts)
    expect(loadConfig({ SPORTELLO_MODE: 'development' }).socialDataKey.key).toBeNull();
  });
});

describe('the antivirus (ClamAV)', () => {
  it('takes clamd\'s socket, a signature database and whether the antivirus is required, naming what is wrong', () => {
    const c = loadConfig({ CLAMD_URL: 'unix:/run/clamav/clamd.ctl', CLAMAV_DATABASE: os.tmpdir(), CLAMAV_REQUIRED: 'true' });
    expect(c.virusScan).toEqual({ clamd: { kind: 'unix', path: '/run/clamav/clamd.ctl' }, database: os.tmpdir(), required: true });
    expect(loadConfig({ CLAMD_URL: 'tcp://clamav:3310' }).virusScan.clamd).toEqual({ kind: 'tcp', host: 'clamav', port: 3310 });
    // none of it is needed, in production either: start says when uploads go unscanned
    expect(prod().virusScan).toEqual({ clamd: null, database: null, required: false });
    expect(() => loadConfig({ CLAMD_URL: 'clamav:3310' })).toThrow(/CLAMD_URL must be unix:\/path\/to\/clamd.socket or tcp:\/\/host:3310/);
    expect(() => loadConfig({ CLAMAV_DATABASE: '/non/esiste/clamav' })).toThrow(/CLAMAV_DATABASE .*\/non\/esiste\/clamav does not exist/);
    expect(() => loadConfig({ CLAMAV_REQUIRED: 'yes' })).toThrow(/CLAMAV_REQUIRED must be true or false/);
  });
});
