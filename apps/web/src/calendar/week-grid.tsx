import type { Post } from '../api/api.types';
import { providerName } from '../channels/provider-name';
import { PostStateBadge } from '../posts/post-state-badge';
import { Link } from '../routing/link';
import { postPath } from '../routing/routes';
import { postsByDay } from './posts-by-day.util';

interface Props {
  dates: readonly string[];
  posts: readonly Post[];
  timeZone: string;
  today: string;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Seven day columns; each post at its time in the chosen zone, with its state and channel. */
export function WeekGrid({ dates, posts, timeZone, today }: Props) {
  const byDay = postsByDay(posts, timeZone);
  return (
    <div className="week">
      {dates.map((date, i) => (
        <section key={date} className={`day${date === today ? ' today' : ''}`} aria-label={`${WEEKDAYS[i] ?? ''} ${date}`}>
          <h3>
            {WEEKDAYS[i]} <span className="muted">{date}</span>
          </h3>
          <ul>
            {(byDay.get(date) ?? []).map(({ post, time }) => (
              <li key={post.id} className={`post state-${post.heraldState.toLowerCase()}`}>
                <Link to={postPath(post.id)}>
                  <time dateTime={post.publishAt}>{time}</time> {post.integration.name}
                  <span className="muted"> · {providerName(post.integration.providerIdentifier)}</span>
                  <br />
                  <PostStateBadge state={post.heraldState} />
                  <span className="excerpt">{post.content.slice(0, 80) || '(no text)'}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
