/**
 * @module "The agenda was changed to …  [Undo]": shown to everyone who may edit the agenda for a while after a template
 * change (TEMPLATE_UNDO_MS), on every such panel, since the undo is a command like any other (`undoTemplate`).
 */
import { Button } from "@fluentui/react-components";
import { useEffect, useReducer } from "react";
import { TEMPLATE_UNDO_MS } from "../../../../shared/src/meeting/template-change.js";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import type { CommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { useTemplateUndoStyles } from "./TemplateUndo.styles.js";

export interface TemplateUndoProps {
  readonly meeting: MeetingState;
  /** The server's clock now. */
  readonly now: number;
  readonly send: (command: CommandInput) => Promise<boolean>;
}

export function TemplateUndo({ meeting, now, send }: TemplateUndoProps) {
  const { t } = useI18n();
  const styles = useTemplateUndoStyles();
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const undo = meeting.phase === "ended" ? null : (meeting.templateUndo ?? null);
  const expiresAt = undo ? undo.at + TEMPLATE_UNDO_MS : null;
  const left = expiresAt === null ? 0 : expiresAt - now;
  // The panel does not tick while the timer is paused: draw again when the undo runs out.
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(redraw, left + 50);
    return () => clearTimeout(timer);
  }, [expiresAt]);
  if (!undo || left <= 0) return null;
  const template = t(`template.${meeting.templateId}`);
  return (
    <div role="status" className={styles.root} data-testid="template-undo">
      <p className={styles.text}>{t("undo.templateChanged", { template })}</p>
      <Button size="small" data-testid="btn-undo-template" aria-label={t("undo.actionLabel", { template })} onClick={() => void send({ type: "undoTemplate", appliedBy: undo.appliedBy })}>
        {t("undo.action")}
      </Button>
    </div>
  );
}
