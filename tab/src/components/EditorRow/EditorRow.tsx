/** @module One section in the agenda editor: rename (empty = default name), time box, on/off, move up/down, remove. */
import { Button, Field, Input, Switch, mergeClasses } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { LIMITS, MINUTE, type Section } from "../../../../shared/src/meeting/section.js";
import type { CommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { sectionTitle } from "../../state/meeting-view.js";
import { useEditorRowStyles } from "./EditorRow.styles.js";

export interface EditorRowProps {
  readonly section: Section;
  readonly index: number;
  readonly count: number;
  readonly send: (command: CommandInput) => Promise<boolean>;
}

export const MIN_MINUTES = LIMITS.minSectionMs / MINUTE;
export const MAX_MINUTES = LIMITS.maxSectionMs / MINUTE;

/** Whole minutes within the domain's limits, or null. */
export function parseMinutes(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= MIN_MINUTES && n <= MAX_MINUTES ? n : null;
}

export function EditorRow({ section, index, count, send }: EditorRowProps) {
  const { t, tKey } = useI18n();
  const styles = useEditorRowStyles();
  const title = sectionTitle(section, tKey);
  const defaultName = tKey(section.labelKey) ?? section.labelKey;

  const [name, setName] = useState(section.title ?? "");
  const [minutes, setMinutes] = useState(String(section.durationMs / MINUTE));
  const [minutesInvalid, setMinutesInvalid] = useState(false);
  const [pendingEnabled, setPendingEnabled] = useState<boolean | null>(null);
  const editing = useRef<"name" | "minutes" | null>(null);

  // Another lead may change the same section: take the server's value, unless this user is typing in that field.
  useEffect(() => {
    if (editing.current !== "name") setName(section.title ?? "");
  }, [section.title]);
  useEffect(() => {
    if (editing.current !== "minutes") setMinutes(String(section.durationMs / MINUTE));
  }, [section.durationMs]);
  useEffect(() => setPendingEnabled(null), [section.enabled]);

  const commitName = (): void => {
    const trimmed = name.trim();
    const next = trimmed === "" ? null : trimmed.slice(0, LIMITS.maxTitleLength);
    if (next !== section.title) void send({ type: "renameSection", sectionId: section.id, title: next });
  };

  const commitMinutes = (): void => {
    const n = parseMinutes(minutes);
    setMinutesInvalid(n === null);
    if (n !== null && n * MINUTE !== section.durationMs) void send({ type: "setSectionDuration", sectionId: section.id, durationMs: n * MINUTE });
  };

  const toggle = async (enabled: boolean): Promise<void> => {
    setPendingEnabled(enabled);
    if (!(await send({ type: "setSectionEnabled", sectionId: section.id, enabled }))) setPendingEnabled(null);
  };

  const enabled = pendingEnabled ?? section.enabled;
  return (
    <li data-testid="editor-row" data-section-id={section.id}>
      <fieldset className={mergeClasses(styles.fieldset, !section.enabled && styles.off)}>
        <legend className={styles.legend}>{t("editor.rowLabel", { n: index + 1, section: title })}</legend>
        <Field label={t("editor.name")}>
          <Input
            data-testid="section-title-input"
            value={name}
            placeholder={defaultName}
            maxLength={LIMITS.maxTitleLength}
            onChange={(_, data) => setName(data.value)}
            onFocus={() => (editing.current = "name")}
            onBlur={() => {
              editing.current = null;
              commitName();
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") commitName();
            }}
          />
        </Field>
        <div className={styles.line}>
          <Field
            label={t("editor.minutes")}
            className={styles.minutes}
            validationState={minutesInvalid ? "error" : "none"}
            validationMessage={minutesInvalid ? t("editor.invalidMinutes", { min: MIN_MINUTES, max: MAX_MINUTES }) : undefined}
          >
            <Input
              data-testid="section-minutes-input"
              type="number"
              inputMode="numeric"
              min={MIN_MINUTES}
              max={MAX_MINUTES}
              step={1}
              value={minutes}
              onChange={(_, data) => setMinutes(data.value)}
              onFocus={() => (editing.current = "minutes")}
              onBlur={() => {
                editing.current = null;
                commitMinutes();
              }}
              onKeyDown={(e) => {
                if (e.key === "Enter") commitMinutes();
              }}
            />
          </Field>
          <Switch data-testid="section-enabled-switch" label={t(enabled ? "editor.enabled" : "editor.disabled")} checked={enabled} onChange={(_, data) => void toggle(data.checked)} />
        </div>
        <div className={styles.actions}>
          <Button
            className={styles.iconButton}
            data-testid="section-up"
            aria-label={t("editor.moveUp", { section: title })}
            disabled={index === 0}
            onClick={() => void send({ type: "moveSection", sectionId: section.id, toIndex: index - 1 })}
          >
            ↑
          </Button>
          <Button
            className={styles.iconButton}
            data-testid="section-down"
            aria-label={t("editor.moveDown", { section: title })}
            disabled={index === count - 1}
            onClick={() => void send({ type: "moveSection", sectionId: section.id, toIndex: index + 1 })}
          >
            ↓
          </Button>
          <Button
            className={styles.remove}
            appearance="subtle"
            data-testid="section-remove"
            aria-label={t("editor.removeLabel", { section: title })}
            onClick={() => void send({ type: "removeSection", sectionId: section.id })}
          >
            {t("editor.remove")}
          </Button>
        </div>
      </fieldset>
    </li>
  );
}
