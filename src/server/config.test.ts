import { describe, expect, it } from 'vitest';
import { ConfigError, DOCUMENTED_SECRETS, loadConfig } from './config.ts';

const SECRET = 'f3b9c1d27a6e4f0b8c5d2e9a1b7c3f6d';
const prod = (env: Record<string, string> = {}) => loadConfig({ SPORTELLO_MODE: 'production', SESSION_SECRET: SECRET, ...env });

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
