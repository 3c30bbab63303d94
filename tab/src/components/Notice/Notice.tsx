/** @module A full-panel notice: a heading, a sentence, and optionally a busy message or an action. */
import type { ReactNode } from "react";
import { useNoticeStyles } from "./Notice.styles.js";

export interface NoticeProps {
  readonly title?: string;
  readonly children?: ReactNode;
  readonly busy?: string;
  readonly action?: ReactNode;
}

export function Notice({ title, children, busy, action }: NoticeProps) {
  const styles = useNoticeStyles();
  return (
    <div className={styles.root}>
      {title && <h1 className={styles.title}>{title}</h1>}
      {/* Plain text rather than Fluent's Spinner: it is on screen for a moment and would cost ~3 KB of the first bundle. */}
      {busy && (
        <p className={styles.body} role="status" aria-busy="true">
          {busy}
        </p>
      )}
      {children && <p className={styles.body}>{children}</p>}
      {action && <div className={styles.row}>{action}</div>}
    </div>
  );
}
