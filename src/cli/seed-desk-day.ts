import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { simulateDeskDays, seedOf } from '../server/modules/desk/desk-simulator.ts';
import { clock } from '../server/platform/clock.ts';
import { addDays, isNonWorkingDay } from '../server/platform/legal-clock.ts';
import { isCalendarDate } from '../server/platform/period.ts';
import { inScope } from '../server/platform/tenancy.ts';
import type { CliContext } from './context.ts';

export interface DeskDayOptions { tenant: string; office: string; date?: string; days: number; seed?: number }

/** The N working days (Monday–Saturday, not public holidays) ending with `last`, oldest first. */
export function workingDaysEndingWith(last: string, count: number): string[] {
  const out: string[] = [];
  for (let d = last; out.length < count; d = addDays(d, -1)) if (!isNonWorkingDay(d)) out.unshift(d);
  return out;
}

/**
 * `sportello seed desk-day`: simulated days of arrivals at an office's queue (modules/desk/desk-simulator.ts), for
 * trying the desk manager's figures. Past days only (today is still happening); days the office is closed or that
 * already have tickets are skipped and said so.
 */
export async function seedDeskDayCommand(ctx: CliContext, opts: DeskDayOptions): Promise<string> {
  const today = clock.today();
  const last = opts.date ?? addDays(today, -1);
  if (!isCalendarDate(last)) throw new Error(`--date "${last}" is not a day (YYYY-MM-DD)`);
  if (last >= today) throw new Error(`--date must be a past day (before ${today}): today is still happening`);
  const tenant = await ctx.services.tenants.get(opts.tenant);
  const office = await inScope(ctx.database.db, { platform: true }, (trx) => trx.selectFrom('offices').select(['id', 'name'])
    .where('tenant_id', '=', tenant.id).where('code', '=', opts.office).executeTakeFirst());
  if (!office) throw new Error(`no office "${opts.office}" in ${opts.tenant}`);
  const categories = await inScope(ctx.database.db, { platform: true }, (trx) => trx.selectFrom('desk_categories').select('id')
    .where('office_id', '=', office.id).where('active', '=', true).execute());
  if (!categories.length) throw new Error(`${office.name} has no queue categories yet: add them in the back office (Impostazioni sportello) first`);
  const days = workingDaysEndingWith(last, opts.days);
  const seed = opts.seed ?? seedOf(`${opts.tenant}/${opts.office}`);
  const report = await simulateDeskDays(ctx.database.db, { tenantId: tenant.id, officeId: office.id, days, seed });
  return [
    `${office.name}: ${report.tickets} tickets over ${report.days.length} day(s)${report.days.length ? ` (${report.days[0]} … ${report.days[report.days.length - 1]})` : ''}.`,
    ...(report.skipped.length ? [`Skipped (closed, or tickets already there): ${report.skipped.join(', ')}.`] : []),
  ].join('\n');
}

const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new InvalidArgumentError('must be a whole number between 1 and 366');
  return n;
};

const seedInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new InvalidArgumentError('must be a whole number');
  return n;
};

/** Declares `seed desk-day` under the `seed` command. */
export function declareSeedDeskDay(seed: Command, withContext: (fn: (ctx: CliContext) => Promise<void>) => Promise<void>) {
  // `seed` has a --tenant of its own (for --registry): options after "desk-day" are desk-day's. Commander needs
  // positional options on every level above for that (the program has no options of its own but --help)
  seed.parent?.enablePositionalOptions();
  seed.enablePositionalOptions();
  seed
    .command('desk-day')
    .description("simulate past days of arrivals at an office's take-a-number queue (tickets, counters' sessions, ratings, check-ins)")
    .requiredOption('--tenant <slug>', 'the body')
    .requiredOption('--office <code>', 'the office code (it must have queue categories and counters)')
    .option('--date <YYYY-MM-DD>', 'the last day to simulate (default: yesterday)')
    .option('--days <n>', 'how many working days, ending with --date', positiveInt, 1)
    .option('--seed <n>', 'the generator seed (default: from the body and office; the same seed gives the same days)', seedInt)
    .action((opts: DeskDayOptions) => withContext(async (ctx) => console.log(await seedDeskDayCommand(ctx, opts))));
}
