import { POST_STATES, type PostState } from '@herald/domain';

/** Every state with its count, zero for states no post is in, so each series always exists. */
export function postStateCounts(rows: ReadonlyArray<{ state: PostState; count: number }>): Record<PostState, number> {
  const counts = Object.fromEntries(POST_STATES.map((s) => [s, 0])) as Record<PostState, number>;
  for (const { state, count } of rows) counts[state] += count;
  return counts;
}
