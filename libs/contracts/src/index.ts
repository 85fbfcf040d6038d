export * from './publish-post.contract';
export * from './publish-workflow-start';
export * from './publishing.activities';
export * from './sweep.contract';
export * from './search-attributes';
export * from './task-queues';
export * from './workflow-ids';
export * from './webhooks.contract';
