import type { PostState } from '@herald/domain';

// Herald's own state (heraldState), which tells PUBLISHING apart from QUEUE.
const LABELS: Record<PostState, string> = {
  DRAFT: 'Draft',
  QUEUE: 'Scheduled',
  PUBLISHING: 'Publishing',
  PUBLISHED: 'Published',
  ERROR: 'Failed',
};

export function PostStateBadge({ state }: { state: PostState }) {
  return (
    <span className={`state state-${state.toLowerCase()}`} title={state}>
      {LABELS[state]} <span className="state-code">({state})</span>
    </span>
  );
}
