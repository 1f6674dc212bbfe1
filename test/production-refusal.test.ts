import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const start = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['bin/sportello.js', 'start'], {
    env: { PATH: process.env.PATH ?? '', SPORTELLO_MODE: 'production', DATA_DIR: '/tmp/sportello-refusal', PORT: '0', ...env },
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
});
