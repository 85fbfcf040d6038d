import express, { type Response, type Router } from 'express';
import { createNetworkPipeline, type NetworkPipelineDeps } from '../../http/network-pipeline';
import { collectParams, paramString, type Params } from '../../http/request-params.util';
import { tiktokFaultAnswer } from '../http/tiktok-respond.util';
import { makeAuthCode } from '../tiktok-ids.util';
import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import { TIKTOK_SCOPES, type TikTokAccount, type TikTokScope } from '../tiktok-state.types';

const CODE_LIFETIME_MS = 10 * 60_000;

function pickAccount(deps: TikTokDeps, wanted: string | undefined): TikTokAccount | undefined {
  const accounts = Object.values(tiktokState(deps).accounts);
  if (wanted) return accounts.find((a) => a.openId === wanted || a.username === wanted);
  return accounts.find((a) => a.username === 'herald.demo') ?? accounts[0];
}

/**
 * The consent screen, answered at once as if the creator pressed Authorize: a redirect to
 * redirect_uri with `code`, `scopes` and `state`. `sandbox_account` (an open_id or a username)
 * picks who logs in, the demo account by default; `sandbox_deny=1` answers as a refusal.
 */
function authorize(deps: TikTokDeps, params: Params, res: Response): void {
  const redirectUri = paramString(params, 'redirect_uri');
  if (!redirectUri || !paramString(params, 'client_key')) {
    res.status(400).type('text/plain').send('The sandbox consent screen needs client_key and redirect_uri.');
    return;
  }
  let target: URL;
  try {
    target = new URL(redirectUri);
  } catch {
    res.status(400).type('text/plain').send('redirect_uri must be an absolute URL.');
    return;
  }
  const responseType = paramString(params, 'response_type');
  if (responseType !== undefined && responseType !== 'code') {
    res.status(400).type('text/plain').send('response_type must be code.');
    return;
  }
  const state = paramString(params, 'state');
  const requested = (paramString(params, 'scope') ?? 'user.info.basic').split(/[ ,]+/).filter((s) => s !== '');
  const unknown = requested.filter((s) => !(TIKTOK_SCOPES as readonly string[]).includes(s));
  if (paramString(params, 'sandbox_deny') === '1') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_description', 'The user denied the authorization request.');
  } else if (unknown.length > 0) {
    target.searchParams.set('error', 'invalid_scope');
    target.searchParams.set('error_description', `Unknown scope: ${unknown.join(',')}`);
  } else {
    const account = pickAccount(deps, paramString(params, 'sandbox_account'));
    if (!account) {
      res.status(400).type('text/plain').send('No TikTok account to log in with: create one through /__sandbox/accounts.');
      return;
    }
    const code = makeAuthCode();
    const scopes = [...new Set(requested)] as TikTokScope[];
    tiktokState(deps).authCodes[code] = {
      code,
      openId: account.openId,
      redirectUri,
      scopes,
      codeChallenge: paramString(params, 'code_challenge'),
      codeChallengeMethod: paramString(params, 'code_challenge_method'),
      expiresAt: new Date(deps.clock.now().getTime() + CODE_LIFETIME_MS).toISOString(),
      used: false,
    };
    deps.store.changed();
    target.searchParams.set('code', code);
    target.searchParams.set('scopes', scopes.join(','));
  }
  if (state !== undefined) target.searchParams.set('state', state);
  res.redirect(302, target.toString());
}

/** www.tiktok.com: the Login Kit authorize page. */
export function createAuthorizeRouter(deps: TikTokDeps, pipeline: NetworkPipelineDeps): Router {
  const router = express.Router();
  router.use(createNetworkPipeline(pipeline, { host: 'www.tiktok.com', faultAnswer: tiktokFaultAnswer(deps.clock) }));
  router.get(['/v2/auth/authorize', '/auth/authorize'], (req, res) => authorize(deps, collectParams(req), res));
  return router;
}
