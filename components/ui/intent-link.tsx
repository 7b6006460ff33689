'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, type ComponentProps } from 'react';

/**
 * A link for lists and tables: no prefetch when it scrolls into view (a table of 50 rows would fetch 50 pages), but
 * a prefetch once the pointer rests on it, it gets keyboard focus or a finger touches it — the intent to follow it.
 */
export function IntentLink({ href, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof Link>) {
  const router = useRouter();
  const done = useRef(false);
  const target = typeof href === 'string' ? href : null;
  const prefetch = () => {
    if (done.current || !target) return;
    done.current = true;
    router.prefetch(target);
  };
  return (
    <Link
      {...props}
      href={href}
      prefetch={false}
      onMouseEnter={(event) => {
        prefetch();
        onMouseEnter?.(event);
      }}
      onFocus={(event) => {
        prefetch();
        onFocus?.(event);
      }}
      onTouchStart={(event) => {
        prefetch();
        onTouchStart?.(event);
      }}
    />
  );
}
