// The mapper lives in libs/db so that the worker's webhooks send the very JSON GET /posts/:id answers.
export { type PostResponse, toPostResponse } from '@herald/db';
