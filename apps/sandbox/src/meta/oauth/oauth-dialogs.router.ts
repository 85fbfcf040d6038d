import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { createNetworkPipeline, type NetworkPipelineDeps } from '../../http/network-pipeline';
import { collectParams, paramString, type Params } from '../../http/request-params.util';
import { sendJson, sendRawJson } from '../../http/respond.util';
import { GraphError } from '../graph/graph-error';
import { derivedNumericId } from '../meta-ids.util';
import { metaState, type MetaDeps } from '../meta-deps.types';
import type { OAuthCode } from '../meta-state.types';
import { exchangeInstagramCode } from './instagram-oauth.handlers';
import { mintCode } from './oauth-codes.util';

/**
 * The consent screens, answered at once as if the user clicked Allow: a redirect to
 * redirect_uri with a code. `sandbox_account` (a Page, Instagram or user id) picks who logs in;
 * the default is the seeded demo account. `sandbox_deny=1` answers as if the user declined.
 */
function consentRedirect(deps: MetaDeps, network: OAuthCode['network'], params: Params, res: Response): void {
  const redirectUri = paramString(params, 'redirect_uri');
  const clientId = paramString(params, 'client_id');
  if (!redirectUri || !clientId) {
    res.status(400).type('text/plain').send('The sandbox consent screen needs client_id and redirect_uri.');
    return;
  }
  const target = new URL(redirectUri);
  const state = paramString(params, 'state');
  // Meta appends a fragment to the redirect: #_=_ for Facebook, #_ for Instagram.
  const fragment = network === 'facebook' ? '#_=_' : '#_';
  if (paramString(params, 'sandbox_deny') === '1') {
    target.searchParams.set('error', 'access_denied');
    target.searchParams.set('error_reason', 'user_denied');
    target.searchParams.set('error_description', 'Permissions error');
  } else {
    const subjectId = pickSubject(deps, network, paramString(params, 'sandbox_account'));
    if (!subjectId) {
      res.status(400).type('text/plain').send('No account to log in with: create one through /__sandbox/accounts.');
      return;
    }
    const scopes = (paramString(params, 'scope') ?? '').split(/[ ,]+/).filter((s) => s !== '');
    target.searchParams.set('code', mintCode(deps, { network, subjectId, clientId, redirectUri, scopes }));
  }
  if (state !== undefined) target.searchParams.set('state', state);
  res.redirect(302, `${target.toString()}${fragment}`);
}

function pickSubject(deps: MetaDeps, network: OAuthCode['network'], wanted: string | undefined): string | undefined {
  const state = metaState(deps);
  if (network === 'instagram') {
    if (wanted) return state.igAccounts[wanted]?.id;
    const seeded = Object.values(state.igAccounts).find((a) => a.username === 'herald.demo');
    return (seeded ?? Object.values(state.igAccounts)[0])?.id;
  }
  if (wanted) return state.users[wanted]?.id ?? state.pages[wanted]?.userId ?? state.pages[state.igAccounts[wanted]?.pageId ?? '']?.userId;
  const seededUser = derivedNumericId(deps.seed, 'user', 17);
  return state.users[seededUser]?.id ?? Object.values(state.users)[0]?.id;
}

/** api.instagram.com answers errors in the old Instagram shape, not Graph's. */
function instagramApiErrors(err: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(err instanceof GraphError)) return next(err);
  sendJson(res, 400, { error_type: 'OAuthException', code: 400, error_message: err.message });
}

const plainFault = (status: number | undefined, body: unknown) => ({ status: status ?? 500, body: body ?? { error: 'injected fault' } });

export function mountOAuthDialogs(app: express.Express, deps: MetaDeps, pipeline: NetworkPipelineDeps): void {
  const facebook: Router = express.Router();
  facebook.use(createNetworkPipeline(pipeline, { host: 'www.facebook.com', faultAnswer: plainFault }));
  facebook.get(['/dialog/oauth', '/:version/dialog/oauth'], (req, res) => consentRedirect(deps, 'facebook', collectParams(req), res));
  app.use('/www.facebook.com', facebook);

  const instagram: Router = express.Router();
  instagram.use(createNetworkPipeline(pipeline, { host: 'www.instagram.com', faultAnswer: plainFault }));
  instagram.get('/oauth/authorize', (req, res) => consentRedirect(deps, 'instagram', collectParams(req), res));
  app.use('/www.instagram.com', instagram);

  const api: Router = express.Router();
  api.use(createNetworkPipeline(pipeline, { host: 'api.instagram.com', faultAnswer: plainFault }));
  api.get('/oauth/authorize', (req, res) => consentRedirect(deps, 'instagram', collectParams(req), res));
  api.post('/oauth/access_token', (req, res) => sendRawJson(res, 200, exchangeInstagramCode(deps, collectParams(req))));
  api.use(instagramApiErrors);
  app.use('/api.instagram.com', api);
}
