import type { NextFunction, Request, Response } from 'express';
import { metaState, type MetaDeps, type MetaHost } from '../meta-deps.types';
import { ownerOf, resolveObject } from './graph-objects';

const HOUR_MS = 3_600_000;
// Generous budgets keep the percentages low in normal runs; throttling is tested with faults.
const APP_CALLS_PER_HOUR = 10_000;
const ACCOUNT_CALLS_PER_HOUR = 4_800;

const percent = (calls: number, budget: number) => Math.min(100, Math.floor((calls * 100) / budget));

/**
 * X-App-Usage and X-Business-Use-Case-Usage on every Graph answer (spec 1.2), counted from the
 * request log over the last hour; the business use case is the Page or IG account in the path.
 */
export function graphUsageHeaders(deps: MetaDeps, host: MetaHost) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const since = deps.clock.now().getTime() - HOUR_MS;
    const appPercent = percent(deps.requestLog.countSince(host, since), APP_CALLS_PER_HOUR);
    res.setHeader('X-App-Usage', JSON.stringify({ call_count: appPercent, total_cputime: appPercent, total_time: appPercent }));
    const firstSegment = req.path.split('/')[1] ?? '';
    const object = firstSegment ? resolveObject(metaState(deps), firstSegment) : undefined;
    const owner = object ? ownerOf(object) : undefined;
    const usage: Record<string, unknown> = {};
    if (owner && owner.network !== 'user') {
      const accountId = owner.network === 'facebook' ? owner.pageId : owner.igUserId;
      const calls = percent(deps.requestLog.countSince(host, since, `/${accountId}`), ACCOUNT_CALLS_PER_HOUR);
      usage[accountId] = [
        {
          type: owner.network === 'facebook' ? 'pages' : 'instagram',
          call_count: calls,
          total_cputime: calls,
          total_time: calls,
          estimated_time_to_regain_access: 0,
        },
      ];
    }
    res.setHeader('X-Business-Use-Case-Usage', JSON.stringify(usage));
    next();
  };
}
