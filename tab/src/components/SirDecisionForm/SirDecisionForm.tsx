/**
 * @module The lead's form inside an open SIR item: the decision, up to ten follow-up actions (what, owner, due date),
 * then resolve, carry over to the next meeting, or turn into information. Refusals are shown here in words, next to
 * the buttons. Loaded lazily: attendees never download it.
 */
import { Button, Field, Input, Textarea } from "@fluentui/react-components";
import { useId, useRef, useState } from "react";
import { SIR_LIMITS, type Person, type SirItem } from "../../../../shared/src/sir/item.js";
import type { SirCommandInput } from "../../api/meeting-session.js";
import { errorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import { actionRowsFrom, decisionCommand, emptyActionRow, type ActionRow, type SendSir } from "../../state/sir-view.js";
import { useSirDecisionFormStyles } from "./SirDecisionForm.styles.js";

export interface SirDecisionFormProps {
  readonly item: SirItem;
  /** The meeting the decision is taken in (recordDecision and carryOverSir name it). */
  readonly meetingId: string;
  readonly sendSir: SendSir;
  /** People the owner field suggests; a typed name that matches one of them gets their Teams id. */
  readonly people: readonly Person[];
}

type Feedback = { readonly kind: "error" | "done"; readonly text: string } | null;

export function SirDecisionForm({ item, meetingId, sendSir, people }: SirDecisionFormProps) {
  const { t } = useI18n();
  const styles = useSirDecisionFormStyles();
  const uid = useId();
  const peopleListId = `${uid}-people`;
  const [text, setText] = useState(item.decision?.text ?? "");
  const [rows, setRows] = useState<ActionRow[]>(() => actionRowsFrom(item.decision));
  const nextKey = useRef(rows.length);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);

  const run = async (command: SirCommandInput, done: string | null): Promise<void> => {
    setBusy(true);
    setFeedback(null);
    try {
      const error = await sendSir(command);
      if (error) {
        const message = errorMessage(error);
        setFeedback({ kind: "error", text: t(message.key, message.params) });
      } else if (done) setFeedback({ kind: "done", text: done });
    } finally {
      setBusy(false);
    }
  };

  const save = (): void => {
    const draft = decisionCommand({ itemId: item.id, meetingId, text, rows, people });
    if (!draft.ok) {
      setFeedback({ kind: "error", text: t(draft.problem.key, draft.problem.params) });
      return;
    }
    void run(draft.command, t("sir.decisionSaved"));
  };

  const change = (key: number, patch: Partial<Omit<ActionRow, "key">>): void => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = (): void => setRows((rs) => (rs.length >= SIR_LIMITS.actionsMax ? rs : [...rs, emptyActionRow(nextKey.current++)]));
  const remove = (key: number): void => setRows((rs) => rs.filter((r) => r.key !== key));

  return (
    <form
      className={styles.form}
      // One form per open item: its name says which item it decides (landmarks must be told apart).
      aria-label={`${t("sir.decision")}: ${item.title}`}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Field label={t("sir.decision")}>
        <Textarea data-testid="sir-decision-input" value={text} maxLength={SIR_LIMITS.decisionTextMax} onChange={(_, d) => setText(d.value)} resize="vertical" />
      </Field>
      <fieldset className={styles.fieldset}>
        <legend className={styles.legend}>{t("sir.actions")}</legend>
        {rows.map((row, i) => (
          <div key={row.key} role="group" aria-label={t("sir.actionLegend", { n: i + 1 })} className={styles.row} data-testid="sir-action-row">
            <Field label={t("sir.actionTitle")}>
              <Input data-testid="sir-action-title" value={row.title} maxLength={SIR_LIMITS.actionTitleMax} onChange={(_, d) => change(row.key, { title: d.value })} />
            </Field>
            <Field label={t("sir.actionOwner")}>
              <Input
                data-testid="sir-action-owner"
                list={peopleListId}
                autoComplete="off"
                value={row.owner}
                maxLength={SIR_LIMITS.personNameMax}
                onChange={(_, d) => change(row.key, { owner: d.value })}
              />
            </Field>
            <Field label={t("sir.actionDue")}>
              <Input data-testid="sir-action-due" type="date" value={row.due} onChange={(_, d) => change(row.key, { due: d.value })} />
            </Field>
            {rows.length > 1 && (
              <Button size="small" appearance="subtle" className={styles.remove} data-testid="sir-action-remove" onClick={() => remove(row.key)}>
                {t("sir.actionRemove", { n: i + 1 })}
              </Button>
            )}
          </div>
        ))}
        {rows.length < SIR_LIMITS.actionsMax ? (
          <Button size="small" className={styles.add} data-testid="sir-action-add" onClick={add}>
            {t("sir.actionAdd")}
          </Button>
        ) : (
          <p className={styles.hint}>{t("sir.actionsFull", { max: SIR_LIMITS.actionsMax })}</p>
        )}
        <datalist id={peopleListId}>
          {people.map((p) => (
            <option key={p.userId} value={p.name} />
          ))}
        </datalist>
      </fieldset>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabledFocusable={busy} data-testid="sir-decision-save">
          {t("sir.saveDecision")}
        </Button>
        <Button size="small" disabledFocusable={busy} data-testid="sir-resolve" onClick={() => void run({ type: "resolveSir", itemId: item.id }, null)}>
          {t("sir.resolve")}
        </Button>
        <Button size="small" disabledFocusable={busy} data-testid="sir-carry-over" onClick={() => void run({ type: "carryOverSir", itemId: item.id, meetingId }, t("sir.carriedOver"))}>
          {t("sir.carryOver")}
        </Button>
        <Button size="small" disabledFocusable={busy} data-testid="sir-info-only" onClick={() => void run({ type: "convertToInformation", itemId: item.id }, null)}>
          {t("sir.infoOnly")}
        </Button>
      </div>
      {/* Always in the page, so screen readers hear what appears in it. */}
      <div role="status">
        {feedback && (
          <p className={feedback.kind === "error" ? styles.error : styles.done} data-testid="sir-form-feedback" data-kind={feedback.kind}>
            {feedback.text}
          </p>
        )}
      </div>
    </form>
  );
}
