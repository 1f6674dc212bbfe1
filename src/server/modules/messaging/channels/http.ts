/** What the HTTP adapters (SMS, IO) share: reading a peer's refusal and naming a failure to reach it. */

/** The reason a peer gives in its answer (problem+json, {error}, {message} … or plain text), short. */
export function providerReason(text: string): string {
  let reason = text;
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    const picked = [body.detail, body.title, body.message, body.reason, body.error, (body.error as { message?: unknown } | undefined)?.message]
      .find((v) => typeof v === 'string' && v.trim());
    if (typeof picked === 'string') reason = picked;
  } catch {
    // not JSON: the text as it is
  }
  return reason.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * A request that got no answer (timeout, connection refused, DNS): transient, with a reason an administrator can
 * read ("il fornitore SMS non è raggiungibile (ECONNREFUSED)").
 */
export function transportFailure(peer: string, error: unknown): Error {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return new Error(`${peer} non ha risposto entro il tempo massimo`);
  const detail = e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
  return new Error(`${peer} non è raggiungibile (${detail})`);
}
