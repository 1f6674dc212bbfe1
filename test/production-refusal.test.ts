import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['bin/sportello.js', 'start'], {
    // a signing certificate set (its file is read only after the configuration is accepted), so that each case
    // is refused for its own reason
    env: { PATH: process.env.PATH ?? '', SPORTELLO_MODE: 'production', DATA_DIR: '/tmp/sportello-refusal', PORT: '0',
      SIGNING_P12_FILE: '/tmp/sportello-refusal/sigillo.p12', SMTP_URL: 'smtp://127.0.0.1:2525', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe('SPORTELLO_MODE=production refuses an unsafe configuration before doing anything', () => {
  it('refuses the bundled test identity provider and says why', () => {
    const r = start({ SESSION_SECRET: 'f3b9c1d27a6e4f0b8c5d2e9a1b7c3f6d', SPORTELLO_TEST_IDP: 'true' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/test identity provider cannot run in production/);
  });
  it('refuses a default session secret and says why', () => {
    const r = start({ SESSION_SECRET: 'change-me-to-32-or-more-random-characters' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/SESSION_SECRET is a default or example value/);
  });
  it('refuses to start without a certificate to sign documents with, and says which variables to set', () => {
    const r = start({ SESSION_SECRET: 'f3b9c1d27a6e4f0b8c5d2e9a1b7c3f6d', SIGNING_P12_FILE: '' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/signing certificate is required in production/);
    expect(r.stderr).toMatch(/SIGNING_P12_FILE and SIGNING_P12_PASSPHRASE, or SIGNING_CERT_FILE and SIGNING_KEY_FILE/);
    // nothing else was wrong: the signing certificate is the only problem reported
    expect(r.stderr).not.toMatch(/SESSION_SECRET|identity provider/);
  });
});
