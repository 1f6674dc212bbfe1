import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/server/platform/context.ts';
import type { TestSession } from './auth.ts';

/**
 * A tiny browser over app.inject: keeps cookies (by name and path), follows redirects within PUBLIC_URL and
 * submits forms. Enough to walk the OpenID Connect login through the bundled test provider without a network.
 */
export class InjectBrowser {
  readonly cookies = new Map<string, { value: string; path: string }>();
  lastUrl = '';

  constructor(private readonly app: App, private readonly origin: string) {}

  private cookieHeader(path: string) {
    return [...this.cookies.entries()]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private keep(r: LightMyRequestResponse) {
    for (const c of r.cookies) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, { value: c.value, path: c.path ?? '/' });
    }
  }

  /** One request, no redirect following. */
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    const target = new URL(url, this.origin);
    if (target.origin !== new URL(this.origin).origin) throw new Error(`left the site: ${url}`);
    const r = await this.app.inject({
      method,
      url: target.pathname + target.search,
      headers: {
        cookie: this.cookieHeader(target.pathname),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? new URLSearchParams(form).toString() : undefined,
    });
    this.keep(r);
    this.lastUrl = target.toString();
    return r;
  }

  /** Follows redirects (up to 15) and returns the last answer and its URL. */
  async go(method: 'GET' | 'POST', url: string, form?: Record<string, string>) {
    let r = await this.request(method, url, form);
    for (let i = 0; i < 15 && r.statusCode >= 300 && r.statusCode < 400 && r.headers.location; i++) {
      r = await this.request('GET', new URL(String(r.headers.location), this.lastUrl).toString());
    }
    return r;
  }

  session(): TestSession {
    const cookies: Record<string, string> = {};
    for (const name of ['sportello_session', 'sportello_csrf']) {
      const c = this.cookies.get(name);
      if (c) cookies[name] = c.value;
    }
    return { cookies, headers: cookies.sportello_csrf ? { 'x-csrf-token': cookies.sportello_csrf } : {} };
  }
}

/** The forms on the test provider's picker page: the login form for `identity`, found by its hidden field. */
export function pickerForm(html: string, identity: string): string {
  const forms = html.split('<form').slice(1);
  const form = forms.find((f) => f.includes(`name="identity" value="${identity}"`));
  const action = form && /action="([^"]+)"/.exec(form)?.[1];
  if (!action) throw new Error(`no login form for identity ${identity} on the picker page`);
  return action.replace(/&amp;/g, '&');
}

/** Logs in as a test identity through /auth/login → test provider → /auth/callback. */
export async function citizenLogin(app: App, origin: string, identity: string, opts: { level?: string; method?: string; returnTo?: string; browser?: InjectBrowser } = {}) {
  const browser = opts.browser ?? new InjectBrowser(app, origin);
  const q = new URLSearchParams({ level: opts.level ?? 'SpidL2', method: opts.method ?? 'spid', returnTo: opts.returnTo ?? '/area-personale' });
  const picker = await browser.go('GET', `/auth/login?${q}`);
  if (picker.statusCode !== 200) throw new Error(`picker page answered ${picker.statusCode}: ${picker.body.slice(0, 300)}`);
  const done = await browser.go('POST', pickerForm(picker.body, identity), { identity });
  return { browser, final: done, finalUrl: browser.lastUrl, picker: picker.body };
}
