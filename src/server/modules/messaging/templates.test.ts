import { describe, expect, it } from 'vitest';
import { MESSAGE_KIND_IDS, MESSAGE_LANGUAGES } from '../../../contracts/messaging.ts';
import { checkTemplate, defaultTemplate, fill, render, SAMPLE_VALUES } from './templates.ts';

describe('message templates', () => {
  it('fills placeholders, with or without spaces inside the braces, and leaves unknown ones as written', () => {
    expect(fill('Pratica {{codice}} di {{ ente }}', { codice: 'CA-1', ente: 'Comune di Castelrocca' })).toBe('Pratica CA-1 di Comune di Castelrocca');
    expect(fill('Ciao {{sconosciuto}}', { codice: 'CA-1' })).toBe('Ciao {{sconosciuto}}');
    expect(fill('{{codice}} e ancora {{codice}}', { codice: 'X' })).toBe('X e ancora X');
  });

  it('gives every kind a default in every language and channel that passes its own checks', () => {
    for (const kind of MESSAGE_KIND_IDS) {
      for (const language of MESSAGE_LANGUAGES) {
        for (const channel of ['inbox', 'email', 'pec', 'sms', 'io'] as const) {
          const template = defaultTemplate(kind, channel, language);
          expect(checkTemplate(channel, template), `${kind} ${channel} ${language}`).toEqual([]);
        }
      }
    }
  });

  it('writes an SMS without a subject', () => {
    const sms = render(defaultTemplate('receipt', 'sms', 'it'), 'sms', SAMPLE_VALUES, 'it');
    expect(sms.subject).toBeNull();
    expect(sms.body).toContain('CA-2026-7KQ4M2');
    // even when given one
    expect(render({ subject: 'Oggetto', body: 'Testo' }, 'sms', SAMPLE_VALUES, 'it').subject).toBeNull();
  });

  it('keeps an IO message within 10–120 characters of subject and 80–10000 of text, padding short ones with a plain footer', () => {
    const short = render({ subject: 'Esito', body: 'Conclusa.' }, 'io', { ente: 'Comune di Castelrocca' }, 'it');
    expect(short.subject!.length).toBeGreaterThanOrEqual(10);
    expect(short.subject).toBe('Esito · Comune di Castelrocca');
    expect(short.body.length).toBeGreaterThanOrEqual(80);
    expect(short.body.startsWith('Conclusa.')).toBe(true);
    expect(short.body).toContain('Comune di Castelrocca');
    // the shortest text, with no body name at all, in both languages
    for (const language of MESSAGE_LANGUAGES) {
      const tiny = render({ subject: 'Aggiornamento', body: 'x' }, 'io', {}, language);
      expect(tiny.body.length, language).toBeGreaterThanOrEqual(80);
    }
    const long = render({ subject: 'o'.repeat(300), body: 't'.repeat(20_000) }, 'io', {}, 'it');
    expect(long.subject!.length).toBe(120);
    expect(long.subject!.endsWith('…')).toBe(true);
    expect(long.body.length).toBe(10_000);
    expect(long.body.endsWith('…')).toBe(true);
    // a text that is already long enough is left alone
    const normal = render(defaultTemplate('receipt', 'io', 'it'), 'io', SAMPLE_VALUES, 'it');
    expect(normal.body).not.toContain('---');
  });

  it('keeps e-mail within its limits and leaves ordinary messages as written', () => {
    const mail = render(defaultTemplate('thread_message', 'email', 'en'), 'email', SAMPLE_VALUES, 'en');
    expect(mail.subject).toBe('New message on case CA-2026-7KQ4M2');
    expect(mail.body).toMatch(/^The office Servizi educativi wrote to you about case CA-2026-7KQ4M2/);
    expect(render({ subject: 's'.repeat(250), body: 'b' }, 'email', {}, 'it').subject).toHaveLength(200);
  });

  it('refuses in external channels the placeholders that would carry personal data, saying so', () => {
    for (const channel of ['email', 'pec', 'sms', 'io'] as const) {
      const problems = checkTemplate(channel, { subject: channel === 'sms' ? undefined : 'Pratica {{codice}} per {{richiedente}}', body: 'Motivo: {{motivazione}}. '.padEnd(90, '.') });
      expect(problems.map((p) => p.path).sort(), channel).toEqual(channel === 'sms' ? ['body'] : ['body', 'subject']);
      expect(problems.every((p) => /dati personali/.test(p.message))).toBe(true);
    }
    // nothing fills them in the inbox either: there they are simply not placeholders
    const inbox = checkTemplate('inbox', { subject: 'Pratica {{codice}}', body: 'Gentile {{richiedente}}' });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.message).toMatch(/non è un segnaposto/);
  });

  it('refuses unknown placeholders, naming the ones that exist', () => {
    const [problem] = checkTemplate('email', { subject: 'Pratica {{codice}}', body: 'Scadenza {{scadneza}}' });
    expect(problem).toMatchObject({ path: 'body' });
    expect(problem!.message).toMatch(/\{\{scadneza\}\} non è un segnaposto/);
    expect(problem!.message).toContain('{{scadenza}}');
  });

  it('checks subjects and lengths per channel with realistic values', () => {
    expect(checkTemplate('sms', { subject: 'Oggetto', body: 'Testo {{codice}}' })).toEqual([{ path: 'subject', message: 'un SMS non ha oggetto' }]);
    expect(checkTemplate('email', { body: 'Testo' }).map((p) => p.path)).toEqual(['subject']);
    expect(checkTemplate('email', { subject: 'Oggetto', body: '   ' }).map((p) => p.path)).toEqual(['body']);
    expect(checkTemplate('io', { subject: 'Breve', body: 'Testo {{link}} '.repeat(10) }).map((p) => p.path)).toEqual(['subject']);
    expect(checkTemplate('io', { subject: 'Pratica {{codice}} ' + 'x'.repeat(110), body: 'Testo {{link}} '.repeat(10) })[0]!.message).toMatch(/supera i 120/);
    const sms = checkTemplate('sms', { body: '{{servizio}} '.repeat(20) });
    expect(sms[0]!.message).toMatch(/supera i 459 caratteri/);
  });
});
