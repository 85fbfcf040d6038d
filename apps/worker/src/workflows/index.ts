// The workflow bundle's entry: every workflow type the workers register.
export { publishPostWorkflow } from './publish-post.workflow';
