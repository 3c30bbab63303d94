/** @module The polite live region: announces meeting start/end, section changes and timer start/pause; never the ticking time. */
import { useEffect, useRef, useState } from "react";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import { useI18n } from "../../state/i18n-context.js";
import { announcementFor } from "../../state/meeting-view.js";
import { useA11yStyles } from "../../styles/a11y.styles.js";

export function LiveRegion({ meeting }: { readonly meeting: MeetingState | null }) {
  const { t, tKey } = useI18n();
  const a11y = useA11yStyles();
  const previous = useRef<MeetingState | null>(null);
  const [message, setMessage] = useState("");

  useEffect(() => {
    if (!meeting) return;
    const next = announcementFor(previous.current, meeting, tKey);
    previous.current = meeting;
    if (next) setMessage(t(next.key, next.params));
  }, [meeting, t, tKey]);

  // Always in the DOM: a live region inserted together with its text is often not read.
  return (
    <div aria-live="polite" aria-atomic="true" className={a11y.visuallyHidden} data-testid="live-region">
      {message}
    </div>
  );
}
