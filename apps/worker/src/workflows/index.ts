// The workflow bundle's entry: every workflow type the workers register.
export { publishPost } from './publish-post.workflow';
export { sweepStrandedPostsWorkflow } from './sweep-stranded-posts.workflow';
export { deliverPostWebhooksWorkflow } from './deliver-post-webhooks.workflow';
