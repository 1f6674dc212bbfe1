import { createPrivateKey, webcrypto } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as oidc from 'openid-client';
import type { OidcConfig } from '../../config.ts';

export const SPID_ACR_PREFIX = 'https://www.spid.gov.it/';

/** Why a login through the provider did not complete; each has a message a person can act on. */
export type LoginFailure =
  | 'state_mismatch'
  | 'login_expired'
  | 'provider_error'
  | 'token_rejected'
  | 'missing_claims'
  | 'invalid_fiscal_code'
  | 'level_too_low'
  | 'no_operator_account'
  | 'provider_unavailable'
  | 'cancelled';

export class LoginError extends Error {
  constructor(readonly reason: LoginFailure, detail?: string) {
    super(detail ?? reason);
  }
}

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The relying party side of SPID/CIE OpenID Connect (authorisation code + PKCE) over `openid-client`.
 * Discovery happens on first use and is retried after a failure, so the program starts while the provider is down.
 */
export class OidcRelyingParty {
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    private readonly cfg: OidcConfig,
    readonly redirectUri: string,
    /** for the bundled provider: requests go straight into this program rather than out and back over the network */
    private readonly fetchImpl?: FetchLike,
  ) {}

  private config(): Promise<oidc.Configuration> {
    this.configuration ??= this.discover().catch((error) => {
      this.configuration = undefined;
      throw new LoginError('provider_unavailable', error instanceof Error ? error.message : String(error));
    });
    return this.configuration;
  }

  private async discover() {
    const options: oidc.DiscoveryRequestOptions = {};
    if (this.cfg.issuer.startsWith('http:')) options.execute = [oidc.allowInsecureRequests];
    if (this.fetchImpl) options[oidc.customFetch] = this.fetchImpl as never;
    let clientAuth: oidc.ClientAuth | undefined;
    if (this.cfg.clientKeyFile) clientAuth = oidc.PrivateKeyJwt(await importPrivateKey(this.cfg.clientKeyFile));
    else clientAuth = oidc.ClientSecretBasic(this.cfg.clientSecret ?? '');
    const config = await oidc.discovery(new URL(this.cfg.issuer), this.cfg.clientId, { redirect_uris: [this.redirectUri] }, clientAuth, options);
    if (this.fetchImpl) config[oidc.customFetch] = this.fetchImpl as never;
    return config;
  }

  /** The provider's authorisation URL for a fresh login at `level` (SpidL1|2|3); prompt=login forces a new proof. */
  async authorizationUrl(input: { state: string; nonce: string; codeVerifier: string; level: string }): Promise<URL> {
    const config = await this.config();
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email phone address',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(input.codeVerifier),
      code_challenge_method: 'S256',
      state: input.state,
      nonce: input.nonce,
      acr_values: SPID_ACR_PREFIX + input.level,
      prompt: 'login',
    });
  }

  /** Exchanges the code (once) and returns the ID token's claims merged with userinfo, and the raw ID token. */
  async finish(callbackUrl: URL, expected: { state: string; nonce: string; codeVerifier: string }) {
    const config = await this.config();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new LoginError(error.error === 'access_denied' ? 'cancelled' : 'provider_error', error.error);
      }
      const detail = error instanceof oidc.ResponseBodyError ? `${error.error}: ${error.error_description ?? ''}` : '';
      throw new LoginError('token_rejected', error instanceof Error ? `${error.name}: ${error.message} ${detail}`.trim() : String(error));
    }
    const claims = { ...(tokens.claims() ?? {}) } as Record<string, unknown>;
    if (!claims['https://attributes.eid.gov.it/fiscal_number'] && tokens.access_token) {
      try {
        Object.assign(claims, await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub)), { acr: claims.acr });
      } catch (error) {
        throw new LoginError('token_rejected', error instanceof Error ? error.message : String(error));
      }
    }
    return { claims, idToken: tokens.id_token ?? null };
  }

  /** Where to send the browser to end the session at the provider too, when it supports RP-initiated logout. */
  async endSessionUrl(idToken: string | null, postLogoutRedirectUri: string): Promise<string | null> {
    try {
      const config = await this.config();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc
        .buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri, ...(idToken ? { id_token_hint: idToken } : {}) })
        .toString();
    } catch {
      return null;
    }
  }
}

export const randomState = () => oidc.randomState();
export const randomNonce = () => oidc.randomNonce();
export const randomCodeVerifier = () => oidc.randomPKCECodeVerifier();

async function importPrivateKey(file: string): Promise<webcrypto.CryptoKey> {
  const key = createPrivateKey(readFileSync(file));
  const der = key.export({ format: 'der', type: 'pkcs8' });
  const algorithm = key.asymmetricKeyType === 'ec'
    ? { name: 'ECDSA', namedCurve: 'P-256' }
    : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  return webcrypto.subtle.importKey('pkcs8', der, algorithm, false, ['sign']);
}
