/**
 * @module The SIR section of the panel: the items prepared for this meeting (and carried over), with kind,
 * author, readiness and age; the lead records decisions with a follow-up action and resolves, carries over
 * or turns an item into information. Attendees see the same items and decisions, without controls.
 */
import { Button, Field, Input, Textarea } from "@fluentui/react-components";
import { useState } from "react";
import { formatCountdown } from "../../../../shared/src/meeting/clock.js";
import type { SirFocus } from "../../../../shared/src/meeting/state.js";
import type { SirItem } from "../../../../shared/src/sir/item.js";
import { sirReadiness } from "../../../../shared/src/sir/item.js";
import type { SirCommandInput } from "../../api/meeting-session.js";
import { useI18n } from "../../state/i18n-context.js";
import { useSirSectionStyles } from "./SirSection.styles.js";

export interface SirSectionProps {
  readonly items: readonly SirItem[] | null;
  readonly meetingId: string;
  readonly canHandle: boolean;
  readonly sendSir: (command: SirCommandInput) => Promise<boolean>;
  /** The item under discussion (all panels follow it) and the server clock to draw its time box. */
  readonly focus: SirFocus | null;
  readonly now: number;
  /** Present for leads while the meeting runs: opens/closes an item for discussion. */
  readonly onFocus?: (itemId: string | null, minutes?: number) => void;
}

export function SirSection({ items, meetingId, canHandle, sendSir, focus, now, onFocus }: SirSectionProps) {
  const { t } = useI18n();
  const styles = useSirSectionStyles();
  return (
    <section className={styles.root} data-testid="sir-section" aria-labelledby="sir-heading">
      <h2 id="sir-heading" className={styles.heading}>
        {t("section.sir")}
      </h2>
      {items === null ? (
        <p className={styles.empty}>{t("sir.loading")}</p>
      ) : items.length === 0 ? (
        <p className={styles.empty}>{t("sir.empty")}</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <SirItemCard
              key={item.id}
              item={item}
              meetingId={meetingId}
              canHandle={canHandle}
              sendSir={sendSir}
              focus={focus?.itemId === item.id ? focus : null}
              now={now}
              {...(onFocus ? { onFocus } : {})}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

interface SirItemCardProps {
  readonly item: SirItem;
  readonly meetingId: string;
  readonly canHandle: boolean;
  readonly sendSir: SirSectionProps["sendSir"];
  readonly focus: SirFocus | null;
  readonly now: number;
  readonly onFocus?: SirSectionProps["onFocus"];
}

function SirItemCard({ item, meetingId, canHandle, sendSir, focus, now, onFocus }: SirItemCardProps) {
  const { t } = useI18n();
  const styles = useSirSectionStyles();
  const [expanded, setOpen] = useState(false);
  const [minutes, setMinutes] = useState("5");
  // The item under discussion opens in every panel.
  const open = expanded || focus !== null;
  const left = focus?.durationMs != null ? focus.durationMs - (now - focus.startedAt) : null;
  const readiness = sirReadiness(item);
  const isOpen = item.status === "open";
  const detailsId = `sir-details-${item.id}`;
  const titleId = `sir-title-${item.id}`;
  // Its age: the earlier meetings it was on the agenda of (a decision here also records this meeting).
  const earlier = item.meetingsSeen.filter((m) => m !== meetingId).length;
  return (
    <li
      className={[styles.item, isOpen ? "" : styles.closed, focus ? styles.focused : ""].join(" ")}
      data-testid="sir-item"
      data-item-id={item.id}
      data-status={item.status}
      data-focused={String(focus !== null)}
    >
      {focus && (
        <p className={styles.discussing} data-testid="sir-discussing">
          {t("sir.discussing")}
          {left !== null && (
            <span className={left < 0 ? styles.overrun : undefined} data-testid="sir-countdown" data-remaining-ms={Math.round(left)}>
              {" "}
              · {formatCountdown(left)}
              {left < 0 ? ` ${t("sir.overrun")}` : ""}
            </span>
          )}
        </p>
      )}
      <div className={styles.titleRow}>
        <span className={styles.kind}>{t(`sir.kind.${item.kind}`)}</span>
        <h3 id={titleId} className={styles.title}>
          {item.title}
        </h3>
      </div>
      <p className={styles.meta}>
        {t("sir.by", { name: item.author.name })} · {t(`sir.status.${item.status}`)} · {earlier > 0 ? t("sir.carried", { n: earlier }) : t("sir.new")}
      </p>
      {isOpen && (
        <p className={readiness.ready ? styles.meta : `${styles.meta} ${styles.notReady}`} data-testid="sir-readiness" data-ready={String(readiness.ready)}>
          {readiness.ready ? t("sir.ready") : t("sir.notReady", { missing: readiness.missing.map((m) => t(`sir.missing.${m}`)).join(", ") })}
        </p>
      )}
      {item.decision && (
        <p className={styles.decision} data-testid="sir-decision">
          <strong>{t("sir.decision")}:</strong> {item.decision.text}
          {item.decision.actions.map((a, i) => (
            <span key={i}>
              <br />→ {a.title} ({a.owner?.name ?? t("sir.noOwner")}
              {a.due ? `, ${a.due}` : ""})
            </span>
          ))}
        </p>
      )}
      {/* A closed item can no longer be opened for discussion, but the discussion of one can always be closed. */}
      {onFocus && (focus !== null || isOpen) && (
        <div className={styles.buttons}>
          {focus ? (
            <Button size="small" data-testid="sir-close-discussion" onClick={() => onFocus(null)}>
              {t("sir.stopDiscussing")}
            </Button>
          ) : (
            <>
              <select className={styles.select} aria-label={t("sir.timeBox")} data-testid="sir-discuss-minutes" value={minutes} onChange={(e) => setMinutes(e.target.value)}>
                {["0", "2", "5", "10"].map((m) => (
                  <option key={m} value={m}>
                    {m === "0" ? t("sir.noTimeBox") : t("sir.minutes", { n: m })}
                  </option>
                ))}
              </select>
              <Button size="small" appearance="primary" data-testid="sir-discuss" onClick={() => onFocus(item.id, minutes === "0" ? undefined : Number(minutes))}>
                {t("sir.discuss")}
              </Button>
            </>
          )}
        </div>
      )}
      <Button size="small" appearance="subtle" aria-expanded={open} aria-controls={detailsId} aria-describedby={titleId} data-testid="sir-open" onClick={() => setOpen((v) => !v)}>
        {t(open ? "sir.hideDetails" : "sir.showDetails")}
      </Button>
      {open && (
        <div id={detailsId} className={styles.answers}>
          <Answer question={t("section.sir.q1")} answer={item.problem} />
          <Answer question={t("section.sir.q2")} answer={item.proposals.map((p, i) => `${i + 1}. ${p}`).join("\n")} />
          <Answer question={t("section.sir.q3")} answer={item.recommendation} />
          {canHandle && isOpen && <DecisionForm item={item} meetingId={meetingId} sendSir={sendSir} />}
        </div>
      )}
    </li>
  );
}

function Answer({ question, answer }: { question: string; answer: string }) {
  const styles = useSirSectionStyles();
  return (
    <>
      <p className={styles.question}>{question}</p>
      <p className={styles.answer}>{answer || "—"}</p>
    </>
  );
}

function DecisionForm({ item, meetingId, sendSir }: { item: SirItem; meetingId: string; sendSir: SirSectionProps["sendSir"] }) {
  const { t } = useI18n();
  const styles = useSirSectionStyles();
  const [text, setText] = useState(item.decision?.text ?? "");
  const [action, setAction] = useState("");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const [busy, setBusy] = useState(false);
  const run = async (command: SirCommandInput) => {
    setBusy(true);
    try {
      await sendSir(command);
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run({
      type: "recordDecision",
      itemId: item.id,
      meetingId,
      text: text.trim(),
      actions: action.trim() ? [{ title: action.trim(), owner: owner.trim() ? { userId: "unassigned", name: owner.trim() } : null, due: due || null }] : [],
    });
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Field label={t("sir.decision")}>
        <Textarea data-testid="sir-decision-input" value={text} maxLength={1000} onChange={(_, d) => setText(d.value)} resize="vertical" />
      </Field>
      <Field label={t("sir.actionTitle")}>
        <Input data-testid="sir-action-title" value={action} maxLength={120} onChange={(_, d) => setAction(d.value)} />
      </Field>
      <Field label={t("sir.actionOwner")}>
        <Input data-testid="sir-action-owner" value={owner} maxLength={100} onChange={(_, d) => setOwner(d.value)} />
      </Field>
      <Field label={t("sir.actionDue")}>
        <Input data-testid="sir-action-due" type="date" value={due} onChange={(_, d) => setDue(d.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabled={busy || text.trim() === ""} data-testid="sir-decision-save">
          {t("sir.saveDecision")}
        </Button>
        <Button size="small" disabled={busy} data-testid="sir-resolve" onClick={() => void run({ type: "resolveSir", itemId: item.id })}>
          {t("sir.resolve")}
        </Button>
        <Button size="small" disabled={busy} data-testid="sir-carry-over" onClick={() => void run({ type: "carryOverSir", itemId: item.id, meetingId })}>
          {t("sir.carryOver")}
        </Button>
        <Button size="small" disabled={busy} data-testid="sir-info-only" onClick={() => void run({ type: "convertToInformation", itemId: item.id })}>
          {t("sir.infoOnly")}
        </Button>
      </div>
    </form>
  );
}
