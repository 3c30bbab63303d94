/** @module Adds a discussion section with a title and a time box at the end of the agenda. */
import { Button, Field, Input } from "@fluentui/react-components";
import { useId, useState, type FormEvent } from "react";
import { LIMITS, MINUTE } from "../../../../shared/src/meeting/section.js";
import type { CommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { MAX_MINUTES, MIN_MINUTES, parseMinutes } from "../EditorRow/EditorRow.js";
import { useAddSectionFormStyles } from "./AddSectionForm.styles.js";

export function AddSectionForm({ send }: { readonly send: (command: CommandInput) => Promise<boolean> }) {
  const { t } = useI18n();
  const styles = useAddSectionFormStyles();
  const headingId = useId();
  const [title, setTitle] = useState("");
  const [minutes, setMinutes] = useState("10");
  const [problems, setProblems] = useState<{ title: boolean; minutes: boolean }>({ title: false, minutes: false });
  // While storage is down the command is resent until it lands: one at a time (a second press would add a second section).
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>): Promise<void> => {
    e.preventDefault();
    const name = title.trim();
    const n = parseMinutes(minutes);
    setProblems({ title: name === "", minutes: n === null });
    if (name === "" || n === null || busy) return;
    const sent = title;
    setBusy(true);
    try {
      const ok = await send({ type: "addSection", kind: "discussion", title: name.slice(0, LIMITS.maxTitleLength), durationMs: n * MINUTE });
      // Cleared only once added, and only if the user has not started typing the next one meanwhile; a failure keeps it.
      if (ok) setTitle((current) => (current === sent ? "" : current));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.root} aria-labelledby={headingId} onSubmit={(e) => void submit(e)} noValidate>
      <h3 id={headingId} className={styles.heading}>
        {t("editor.addHeading")}
      </h3>
      <Field
        label={t("editor.addName")}
        validationState={problems.title ? "error" : "none"}
        validationMessage={problems.title ? t("editor.invalidName") : undefined}
      >
        <Input data-testid="add-section-title" value={title} maxLength={LIMITS.maxTitleLength} onChange={(_, data) => setTitle(data.value)} />
      </Field>
      <div className={styles.line}>
        <Field
          label={t("editor.addMinutes")}
          className={styles.minutes}
          validationState={problems.minutes ? "error" : "none"}
          validationMessage={problems.minutes ? t("editor.invalidMinutes", { min: MIN_MINUTES, max: MAX_MINUTES }) : undefined}
        >
          <Input
            data-testid="add-section-minutes"
            type="number"
            inputMode="numeric"
            min={MIN_MINUTES}
            max={MAX_MINUTES}
            step={1}
            value={minutes}
            onChange={(_, data) => setMinutes(data.value)}
          />
        </Field>
        <Button type="submit" appearance="primary" disabledFocusable={busy} aria-busy={busy} data-testid="add-section-submit">
          {t("editor.addSubmit")}
        </Button>
      </div>
    </form>
  );
}
