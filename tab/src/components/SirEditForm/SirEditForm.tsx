/**
 * @module Editing a SIR item's own text from the panel (its author, or a lead): the same `editSir` command a
 * card in chat sends, so the change lands in the same stored item and the card in chat follows. Loaded lazily.
 */
import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { SIR_KINDS, SIR_LIMITS, type SirFields, type SirItem, type SirKind } from "../../../../shared/src/sir/item.js";
import { errorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import type { SendSir } from "../../state/sir-view.js";
import { useSirEditFormStyles } from "./SirEditForm.styles.js";

export interface SirEditFormProps {
  readonly item: SirItem;
  readonly sendSir: SendSir;
  readonly onDone: () => void;
}

export function SirEditForm({ item, sendSir, onDone }: SirEditFormProps) {
  const { t } = useI18n();
  const styles = useSirEditFormStyles();
  const [kind, setKind] = useState<SirKind>(item.kind);
  const [title, setTitle] = useState(item.title);
  const [problem, setProblem] = useState(item.problem);
  const [proposals, setProposals] = useState<string[]>([0, 1, 2].map((i) => item.proposals[i] ?? ""));
  const [recommendation, setRecommendation] = useState(item.recommendation);
  const [concerns, setConcerns] = useState(item.concerns);
  const [forDate, setForDate] = useState(item.forDate ?? "");
  const [busy, setBusy] = useState(false);
  const [problemText, setProblemText] = useState<string | null>(null);

  const save = async (): Promise<void> => {
    if (!title.trim()) {
      setProblemText(t("sir.titleRequired"));
      return;
    }
    const fields = {
      kind,
      title: title.trim(),
      problem: problem.trim(),
      proposals: proposals.map((p) => p.trim()).filter(Boolean),
      recommendation: recommendation.trim(),
      concerns: concerns.trim(),
      meetingId: item.meetingId,
      forDate: forDate === "" ? null : forDate,
    } satisfies SirFields;
    setBusy(true);
    try {
      const error = await sendSir({ type: "editSir", itemId: item.id, fields });
      if (error) {
        const message = errorMessage(error);
        setProblemText(t(message.key, message.params));
      } else onDone();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className={styles.form}
      data-testid="sir-edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label={t("sir.kind")}>
        <Select value={kind} onChange={(_, d) => setKind(SIR_KINDS.find((k) => k === d.value) ?? kind)}>
          {SIR_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`sir.kind.${k}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t("sir.titleLabel")} required>
        <Input data-testid="sir-edit-title" value={title} maxLength={SIR_LIMITS.titleMax} onChange={(_, d) => setTitle(d.value)} />
      </Field>
      <Field label={t("section.sir.q1")}>
        <Textarea value={problem} maxLength={SIR_LIMITS.problemMax} onChange={(_, d) => setProblem(d.value)} resize="vertical" />
      </Field>
      {proposals.map((p, i) => (
        <Field key={i} label={t("sir.proposal", { n: i + 1 })}>
          <Textarea value={p} maxLength={SIR_LIMITS.proposalMax} onChange={(_, d) => setProposals((ps) => ps.map((x, j) => (j === i ? d.value : x)))} resize="vertical" />
        </Field>
      ))}
      <Field label={t("section.sir.q3")}>
        <Textarea value={recommendation} maxLength={SIR_LIMITS.recommendationMax} onChange={(_, d) => setRecommendation(d.value)} resize="vertical" />
      </Field>
      <Field label={t("sir.concerns")}>
        <Input value={concerns} maxLength={SIR_LIMITS.concernsMax} onChange={(_, d) => setConcerns(d.value)} />
      </Field>
      <Field label={t("sir.forDate")} hint={t("sir.forDateHint")}>
        <Input type="date" data-testid="sir-edit-for-date" value={forDate} onChange={(_, d) => setForDate(d.value)} />
      </Field>
      <div role="status">{problemText && <p className={styles.error}>{problemText}</p>}</div>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabled={busy} data-testid="sir-edit-save">
          {t("sir.saveChanges")}
        </Button>
        <Button size="small" disabled={busy} onClick={onDone}>
          {t("sir.cancel")}
        </Button>
      </div>
    </form>
  );
}
