import { tiktokState, type TikTokDeps } from '../tiktok-deps.types';
import type { TikTokPublish } from '../tiktok-state.types';
import { pullPhotos, pullVideo } from './tiktok-media-checks.util';
import { settlePublish } from './tiktok-publish-outcome';

const jobKey = (publishId: string) => `tiktok-pull:${publishId}`;

/** Downloads a PULL_FROM_URL publish's media in the background; the status shows PROCESSING_DOWNLOAD meanwhile. */
export function startPull(deps: TikTokDeps, publishId: string): void {
  deps.jobs.start(jobKey(publishId), async () => {
    const publish = tiktokState(deps).publishes[publishId];
    const account = publish && tiktokState(deps).accounts[publish.openId];
    if (!publish || !account || publish.verdict || publish.cancelled) return;
    const verdict = publish.kind === 'video' ? await pullVideo(deps.media, account, publish.urls[0] ?? '') : await pullPhotos(deps.media, publish.urls);
    // A reset while downloading drops the publish; do not write into the new state.
    if (tiktokState(deps).publishes[publishId] !== publish) return;
    settlePublish(deps, publish, verdict);
  });
}

/** After a restart a download may have been cut off: start it again when its status is read. */
export function resumePullIfCut(deps: TikTokDeps, publish: TikTokPublish): void {
  if (publish.source === 'PULL_FROM_URL' && !publish.verdict && !publish.cancelled && !deps.jobs.has(jobKey(publish.id))) {
    startPull(deps, publish.id);
  }
}
