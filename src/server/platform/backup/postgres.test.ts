import { describe, expect, it } from 'vitest';
import { BackupError } from './archive.ts';
import { chooseTool, libpqTarget } from './postgres.ts';

describe('PostgreSQL client programs for backups', () => {
  const tools = [
    { file: '/usr/bin/pg_dump', major: 15, version: '15.20' },
    { file: '/usr/lib/postgresql/17/bin/pg_dump', major: 17, version: '17.6' },
  ];

  it('takes the client closest to the server among those at least as new', () => {
    expect(chooseTool('pg_dump', tools, 15, 'the server').file).toBe('/usr/bin/pg_dump');
    expect(chooseTool('pg_dump', tools, 16, 'the server').major).toBe(17);
  });

  it('refuses a client older than the server, naming both versions and what to install', () => {
    const attempt = () => chooseTool('pg_dump', tools, 18, 'the PostgreSQL server (18.1)');
    expect(attempt).toThrow(BackupError);
    expect(attempt).toThrow(/pg_dump 17\.6 .* is older than the PostgreSQL server \(18\.1\).*postgresql-client-18/);
    expect(() => chooseTool('pg_restore', [], 15, 'x')).toThrow(/pg_restore was not found.*postgresql-client/);
  });

  it('keeps the password off the command line and speaks libpq\'s sslmode', () => {
    const t = libpqTarget('postgres://app:s%40cret@db.example:5432/sportello?ssl=true');
    expect(t.dbname).toBe('postgres://app@db.example:5432/sportello?sslmode=require');
    expect(t.env.PGPASSWORD).toBe('s@cret');
  });
});
