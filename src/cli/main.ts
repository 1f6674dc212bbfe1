import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { startFromCli } from '../server/main.ts';
import { seedDemo } from '../server/db/seed/seed.ts';
import { exportInput } from '../server/modules/catalog/catalog.export.ts';
import { toJsonLd, toTurtle } from '../server/modules/catalog/cpsv/cpsv.export.ts';
import { openCliContext, type CliContext } from './context.ts';
import { verifyAudit } from '../server/platform/audit.ts';
import { declareSeedDeskDay } from './seed-desk-day.ts';
import { declareBackupCommands } from './backup.ts';

const program = new Command('sportello').description('Sportello: servizi online degli enti pubblici');

/** Runs a command on an open database and always closes it; errors become one clear line and exit code 1. */
async function withContext(fn: (ctx: CliContext) => Promise<void>) {
  let ctx: CliContext | undefined;
  try {
    ctx = await openCliContext();
    await fn(ctx);
  } catch (err) {
    console.error(`Errore: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  } finally {
    await ctx?.database.close();
  }
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return n;
};

program
  .command('start')
  .description('serve the portal, the API and the workers')
  .action(async () => {
    await startFromCli();
  });

program
  .command('migrate')
  .description('apply the database migrations')
  .action(() => withContext(async () => console.log('Database up to date.')));

const seedCommand = program
  .command('seed')
  .description('load demo data or a synthetic catalogue')
  .option('--demo', 'the demo bodies, offices, catalogue and administrators')
  .option('--services <n>', 'a synthetic catalogue of about N services (for benchmarks)', positiveInt)
  .option('--scale <factor>', 'the large registers of the benchmarks: 1,000,000 applications over 300 bodies at factor 1', Number)
  .option('--registry <n>', 'print a synthetic population register of N people of --tenant as a CSV export (for import registry)', positiveInt)
  .option('--tenant <slug>', 'the body of --registry')
  .action((opts: { demo?: boolean; services?: number; scale?: number; registry?: number; tenant?: string }) =>
    withContext(async (ctx) => {
      if (opts.registry) return void process.stdout.write(await (await import('../server/db/seed/demo/register.ts')).syntheticRegisterCsv(ctx.services, opts.tenant ?? 'comune-di-castelrocca', opts.registry));
      if (!opts.demo && !opts.services && opts.scale === undefined) throw new Error('say what to seed: --demo, --services N or --scale F');
      if (opts.demo && ctx.config.mode === 'production') throw new Error('the demo data has accounts whose password is published: it is never loaded in production (SPORTELLO_MODE=production)');
      if (opts.demo) console.log(JSON.stringify(await seedDemo(ctx.database.db, ctx.services), null, 2));
      if (opts.services) {
        const { seedSynthetic } = await import('../server/db/seed/synthetic.ts');
        await seedSynthetic(ctx.database, opts.services, { progress: process.stderr.isTTY });
      }
      if (opts.scale !== undefined) {
        const { seedScale } = await import('../server/db/seed/scale.ts');
        await seedScale(ctx.database, opts.scale, { ownerUrl: ctx.config.databaseUrl });
      }
    }),
  );
// seed desk-day: simulated days at a desk's queue (figures)
declareSeedDeskDay(seedCommand, withContext);

program
  .command('import')
  .description('import data from a file')
  .addArgument(new Command().createArgument('<kind>', 'what to import').choices(['services', 'registry']))
  .argument('<file>', 'a .csv or .xlsx file')
  .option('--tenant <slug>', 'the body the rows belong to when the file has no "ente" column')
  .option('--dry-run', 'check every row and report, import nothing')
  .option('--report <file>', 'registry: write every refused row to this CSV file')
  .action((kind: string, file: string, opts: { tenant?: string; dryRun?: boolean; report?: string }) =>
    withContext(async (ctx) => {
      if (kind === 'registry') return void (process.exitCode = await (await import('./import-registry.ts')).importRegistryCommand(ctx, file, opts));
      if (kind !== 'services') throw new Error(`import ${kind} is not available yet`);
      const { importServicesCommand } = await import('./import-services.ts');
      const ok = await importServicesCommand(ctx, file, opts);
      if (!ok) process.exitCode = 2;
    }),
  );

const token = program.command('token').description('API tokens for integrators');
token
  .command('create')
  .requiredOption('--tenant <slug>', 'the body the token acts for')
  .requiredOption('--role <role>', 'e.g. tenant_admin, operator')
  .option('--name <name>', 'who or what uses it', 'integration')
  .option('--days <days>', 'days until it expires (0 = never)', '365')
  .action((opts: { tenant: string; role: string; name: string; days: string }) =>
    withContext(async (ctx) => {
      const days = Number(opts.days);
      if (!Number.isInteger(days) || days < 0) throw new Error('--days must be a whole number of days (0 = never expires)');
      const tenant = await ctx.services.tenants.get(opts.tenant);
      const created = await ctx.services.identity.createToken({ tenantId: tenant.id, role: opts.role, name: opts.name, days: days || null, createdBy: 'cli' });
      console.log(created.token);
      console.error(`Token id ${created.id}. Keep this token now: only its hash is stored. Use it as "Authorization: Bearer <token>". ` +
        (created.expiresAt ? `It expires on ${created.expiresAt.toISOString().slice(0, 10)}.` : 'It does not expire.'));
    }),
  );

token
  .command('revoke')
  .description('revoke an API token at once')
  .requiredOption('--tenant <slug>', 'the body the token belongs to')
  .argument('<id>', 'the token id (printed by token create)')
  .action((id: string, opts: { tenant: string }) =>
    withContext(async (ctx) => {
      const tenant = await ctx.services.tenants.get(opts.tenant);
      if (!/^[0-9a-f-]{36}$/i.test(id) || !(await ctx.services.identity.revokeToken({ tenantId: tenant.id, tokenId: id, revokedBy: 'cli' }))) {
        throw new Error(`no live token ${id} in ${opts.tenant}`);
      }
      console.log(`Token ${id} revoked.`);
    }),
  );

const audit = program.command('audit').description('the hash-chained audit log');
audit
  .command('verify')
  .description('recompute every entry\'s hash and check the chain; exit code 1 when an entry was changed or removed')
  .action(() =>
    withContext(async (ctx) => {
      const result = await verifyAudit(ctx.database.db);
      if (result.problems.length === 0) {
        console.log(`Audit log intact: ${result.entries} entries, head ${result.head ?? '(empty)'}`);
        return;
      }
      const words = { content_changed: 'content changed', chain_broken: 'chain broken (an entry before it was changed or removed)', entry_missing: 'entry missing before it' };
      console.error(`Audit log TAMPERED: ${result.problems.length} problem(s) in ${result.entries} entries`);
      for (const p of result.problems) console.error(`  entry ${p.seq}: ${words[p.reason]}`);
      process.exitCode = 1;
    }),
  );

program
  .command('export')
  .description('export data')
  .argument('<what>', 'catalog')
  .addOption(new Option('--format <format>', 'ttl or jsonld').choices(['ttl', 'jsonld']).default('ttl'))
  .option('--tenant <slug>', 'only this body')
  .option('--out <file>', 'write to a file instead of standard output')
  .action((what: string, opts: { format: 'ttl' | 'jsonld'; tenant?: string; out?: string }) =>
    withContext(async (ctx) => {
      if (what !== 'catalog') throw new Error(`unknown export "${what}": try "catalog"`);
      const input = await exportInput(ctx.services.catalog, ctx.config.publicUrl, opts.tenant);
      const text = opts.format === 'ttl' ? await toTurtle(input) : JSON.stringify(await toJsonLd(input), null, 2);
      if (opts.out) await writeFile(opts.out, text);
      else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }),
  );

// backup FILE, restore FILE
declareBackupCommands(program);

await program.parseAsync(process.argv);
