export * from './publish-post.contract';
export * from './publishing.activities';
export * from './search-attributes';
export * from './task-queues';
export * from './workflow-ids';
