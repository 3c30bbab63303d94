/**
 * @module The agenda editor (viewers with `agenda:edit`; loaded lazily so it stays out of the first
 * bundle): template picker, one row per section, and a form to add a section. Every change is one command.
 */
import { Button, Field, Select } from "@fluentui/react-components";
import { useEffect, useId, useState } from "react";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import { planTemplateChange, type TemplateLoss } from "../../../../shared/src/meeting/template-change.js";
import { TEMPLATE_IDS, type TemplateId } from "../../../../shared/src/meeting/templates.js";
import type { CommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { formatElapsed, sectionTitle } from "../../state/meeting-view.js";
import { AddSectionForm } from "../AddSectionForm/AddSectionForm.js";
import { EditorRow } from "../EditorRow/EditorRow.js";
import { useAgendaEditorStyles } from "./AgendaEditor.styles.js";

export interface AgendaEditorProps {
  readonly meeting: MeetingState;
  readonly send: (command: CommandInput) => Promise<boolean>;
  /** The server's clock now, to say what a template change mid-meeting would lose. */
  readonly now?: () => number;
}

const isTemplateId = (value: string): value is TemplateId => (TEMPLATE_IDS as readonly string[]).includes(value);

export function AgendaEditor({ meeting, send, now = Date.now }: AgendaEditorProps) {
  const { t, tKey } = useI18n();
  const styles = useAgendaEditorStyles();
  const headingId = useId();
  // Shown at once while the command travels, so the select does not jump back to the old value.
  const [pendingTemplate, setPendingTemplate] = useState<TemplateId | null>(null);
  useEffect(() => setPendingTemplate(null), [meeting.templateId, meeting.version]);
  // A change mid-meeting that would lose something asks first, saying exactly what.
  const [confirm, setConfirm] = useState<{ readonly templateId: TemplateId; readonly loss: TemplateLoss } | null>(null);

  const apply = async (templateId: TemplateId): Promise<void> => {
    setConfirm(null);
    setPendingTemplate(templateId);
    if (!(await send({ type: "applyTemplate", templateId }))) setPendingTemplate(null);
  };
  const onTemplate = async (value: string): Promise<void> => {
    if (!isTemplateId(value) || value === meeting.templateId) return;
    const { loss } = planTemplateChange(meeting, value, now());
    if (meeting.phase === "running" && (loss.leaving.length > 0 || loss.currentMovesTo !== null)) {
      setConfirm({ templateId: value, loss });
      return;
    }
    await apply(value);
  };
  const titleOf = (id: string): string => {
    const section = meeting.sections.find((s) => s.id === id);
    return section ? sectionTitle(section, tKey) : (tKey(`section.${id}`) ?? id);
  };

  return (
    <section className={styles.root} aria-labelledby={headingId} data-testid="agenda-editor">
      <h2 id={headingId} className={styles.heading}>
        {t("editor.heading")}
      </h2>
      <Field className={styles.field} label={t("editor.template")} hint={t("editor.templateHint")}>
        <Select
          className={styles.select}
          select={{ className: styles.selectControl }}
          data-testid="template-select"
          value={confirm?.templateId ?? pendingTemplate ?? meeting.templateId} onChange={(_, data) => void onTemplate(data.value)}>
          {TEMPLATE_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`template.${id}`)}
            </option>
          ))}
        </Select>
      </Field>
      {confirm && (
        <div role="group" aria-labelledby={`${headingId}-confirm`} className={styles.confirm} data-testid="template-confirm">
          <p id={`${headingId}-confirm`} className={styles.confirmTitle}>
            {t("editor.confirmTemplate", { template: t(`template.${confirm.templateId}`) })}
          </p>
          {confirm.loss.leaving.length > 0 && (
            <p className={styles.confirmText} data-testid="template-confirm-leaving">
              {t("editor.confirmLeaving", { sections: confirm.loss.leaving.map((l) => (l.usedMs >= 1000 ? `${titleOf(l.sectionId)} (${formatElapsed(l.usedMs)})` : titleOf(l.sectionId))).join(", ") })}
            </p>
          )}
          {confirm.loss.currentMovesTo !== null && meeting.currentSectionId !== null && (
            <p className={styles.confirmText} data-testid="template-confirm-moves">
              {t("editor.confirmMoves", { from: titleOf(meeting.currentSectionId), to: tKey(`section.${confirm.loss.currentMovesTo}`) ?? confirm.loss.currentMovesTo })}
            </p>
          )}
          <div className={styles.confirmButtons}>
            <Button size="small" appearance="primary" data-testid="template-confirm-yes" onClick={() => void apply(confirm.templateId)}>
              {t("editor.confirmApply")}
            </Button>
            <Button size="small" data-testid="template-confirm-no" onClick={() => setConfirm(null)}>
              {t("action.cancel")}
            </Button>
          </div>
        </div>
      )}
      <p className={styles.hint}>{t("editor.nameHint")}</p>
      <ol className={styles.rows}>
        {meeting.sections.map((section, index) => (
          <EditorRow key={section.id} section={section} index={index} count={meeting.sections.length} send={send} />
        ))}
      </ol>
      <AddSectionForm send={send} />
    </section>
  );
}
