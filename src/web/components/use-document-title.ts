import { useEffect } from 'react';

/** Names the browser tab after the screen (WCAG 2.4.2), e.g. "Người dùng · ParIndex". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · ParIndex`;
  }, [title]);
}
