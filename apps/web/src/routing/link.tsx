import type { MouseEvent, ReactNode } from 'react';
import { navigate } from './use-location';

/** An ordinary link (open in a new tab works) that navigates in place on a plain click. */
export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  function onClick(event: MouseEvent<HTMLAnchorElement>): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
  }
  return (
    <a href={to} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
