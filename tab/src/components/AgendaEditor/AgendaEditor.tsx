/**
 * @module The agenda editor (viewers with `agenda:edit`; loaded lazily so it stays out of the first
 * bundle): template picker, one row per section, and a form to add a section. Every change is one command.
 */
import { Field, Select } from "@fluentui/react-components";
import { useEffect, useId, useState } from "react";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import { TEMPLATE_IDS, type TemplateId } from "../../../../shared/src/meeting/templates.js";
import type { CommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { AddSectionForm } from "../AddSectionForm/AddSectionForm.js";
import { EditorRow } from "../EditorRow/EditorRow.js";
import { useAgendaEditorStyles } from "./AgendaEditor.styles.js";

export interface AgendaEditorProps {
  readonly meeting: MeetingState;
  readonly send: (command: CommandInput) => Promise<boolean>;
}

const isTemplateId = (value: string): value is TemplateId => (TEMPLATE_IDS as readonly string[]).includes(value);

export function AgendaEditor({ meeting, send }: AgendaEditorProps) {
  const { t } = useI18n();
  const styles = useAgendaEditorStyles();
  const headingId = useId();
  // Shown at once while the command travels, so the select does not jump back to the old value.
  const [pendingTemplate, setPendingTemplate] = useState<TemplateId | null>(null);
  useEffect(() => setPendingTemplate(null), [meeting.templateId, meeting.version]);

  const onTemplate = async (value: string): Promise<void> => {
    if (!isTemplateId(value) || value === meeting.templateId) return;
    setPendingTemplate(value);
    if (!(await send({ type: "applyTemplate", templateId: value }))) setPendingTemplate(null);
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
          value={pendingTemplate ?? meeting.templateId} onChange={(_, data) => void onTemplate(data.value)}>
          {TEMPLATE_IDS.map((id) => (
            <option key={id} value={id}>
              {t(`template.${id}`)}
            </option>
          ))}
        </Select>
      </Field>
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
