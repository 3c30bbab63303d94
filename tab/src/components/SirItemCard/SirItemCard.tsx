/**
 * @module One SIR item in the panel's list: kind, title, author, status, age and readiness; its decision with the
 * follow-up actions; the lead's "Discuss now" with a time box. The item under discussion opens on every panel with its
 * own countdown; the lead's decision form inside it is a separate chunk, loaded when a lead opens an item.
 */
import { Button } from "@fluentui/react-components";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { formatOrdinal } from "../../../../shared/src/i18n/format.js";
import { formatCountdown } from "../../../../shared/src/meeting/clock.js";
import type { SirFocus } from "../../../../shared/src/meeting/state.js";
import type { Person, SirItem } from "../../../../shared/src/sir/item.js";
import { errorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import { formatOverrun } from "../../state/meeting-view.js";
import { agendaTimes, readinessView, type SendSir } from "../../state/sir-view.js";
import { ErrorBoundary } from "../ErrorBoundary/ErrorBoundary.js";
import { useSirItemCardStyles } from "./SirItemCard.styles.js";

const SirEditForm = lazy(() => import("../SirEditForm/SirEditForm.js").then((m) => ({ default: m.SirEditForm })));
const SirDecisionForm = lazy(() => import("../SirDecisionForm/SirDecisionForm.js").then((m) => ({ default: m.SirDecisionForm })));

/** The time boxes a lead can give a discussion; 0 = none. */
const TIME_BOXES = ["0", "2", "5", "10"] as const;

export interface SirItemCardProps {
  readonly item: SirItem;
  readonly meetingId: string;
  /** The viewer may record decisions and resolve (capability sir:handle). */
  readonly canHandle: boolean;
  /** The viewer may change the item's own text: its author, or a lead (the service checks the same). */
  readonly canEdit: boolean;
  readonly sendSir: SendSir;
  /** This item's discussion, when it is the one under discussion. */
  readonly focus: SirFocus | null;
  /** The server's clock now (the panel's ticker redraws while a time box runs). */
  readonly now: number;
  /** People the owner field suggests. */
  readonly people: readonly Person[];
  /** Present for leads while the meeting runs: opens/closes this item for discussion on every panel. */
  readonly onFocus?: (itemId: string | null, minutes?: number) => void;
}

export function SirItemCard({ item, meetingId, canHandle, canEdit, sendSir, focus, now, people, onFocus }: SirItemCardProps) {
  const { t, locale } = useI18n();
  const styles = useSirItemCardStyles();
  const [expanded, setExpanded] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [minutes, setMinutes] = useState<(typeof TIME_BOXES)[number]>("5");
  const ref = useRef<HTMLLIElement>(null);

  // Every panel follows the discussion: bring the item into view when it is opened (not on every tick).
  const focusStart = focus?.startedAt ?? null;
  useEffect(() => {
    if (focusStart !== null) ref.current?.scrollIntoView({ block: "nearest" });
  }, [focusStart]);

  const open = expanded || focus !== null;
  const left = focus?.durationMs != null ? focus.durationMs - (now - focus.startedAt) : null;
  const isOpen = item.status === "open";
  const readiness = readinessView(item);
  const times = agendaTimes(item, meetingId);
  const detailsId = `sir-details-${item.id}`;
  const titleId = `sir-title-${item.id}`;

  return (
    <li
      ref={ref}
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
              {" · "}
              {/* Over time reads "2:05 over time" (the magnitude, as the countdown's own digits round it), never "-2:05 over time". */}
              {left < 0 ? `${formatOverrun(left)} ${t("sir.overrun")}` : formatCountdown(left)}
            </span>
          )}
        </p>
      )}
      <div className={styles.titleRow}>
        <span className={styles.kind} data-testid="sir-kind" data-kind={item.kind}>
          {t(`sir.kind.${item.kind}`)}
        </span>
        <h3 id={titleId} className={styles.title}>
          {item.title}
        </h3>
      </div>
      <p className={styles.meta}>
        {t("sir.by", { name: item.author.name })} · <span data-testid="sir-status">{t(`sir.status.${item.status}`)}</span>
        {item.forDate && <span data-testid="sir-for-date"> · {t("sir.forDateShown", { date: item.forDate })}</span>}
      </p>
      <p className={styles.meta} data-testid="sir-age" data-times={times}>
        {times === 1 ? t("sir.age.first") : t("sir.age.again", { nth: formatOrdinal(locale, times) })}
      </p>
      {isOpen && (
        <p className={readiness.ready ? styles.meta : `${styles.meta} ${styles.notReady}`} data-testid="sir-readiness" data-ready={String(readiness.ready)}>
          {item.kind === "information"
            ? t(readiness.ready ? "sir.readyInformation" : "sir.notReadyInformation")
            : readiness.ready
              ? t("sir.ready")
              : t("sir.notReady", { answered: readiness.answered, missing: readiness.missing.map((m) => t(`sir.missing.${m}`)).join(", ") })}
        </p>
      )}
      {item.decision && (
        <div className={styles.decision} data-testid="sir-decision">
          <p className={styles.decisionText}>
            <strong>{t("sir.decision")}:</strong> {item.decision.text}
          </p>
          {item.decision.actions.length > 0 && (
            <ul className={styles.actions} aria-label={t("sir.actions")}>
              {item.decision.actions.map((a, i) => (
                <li key={i} data-testid="sir-decision-action">
                  {a.title} ({a.owner?.name ?? t("sir.noOwner")}
                  {a.due ? `, ${t("sir.due", { date: a.due })}` : ""})
                </li>
              ))}
            </ul>
          )}
        </div>
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
              <select
                className={styles.select}
                aria-label={t("sir.timeBox")}
                data-testid="sir-discuss-minutes"
                value={minutes}
                onChange={(e) => setMinutes(TIME_BOXES.find((m) => m === e.target.value) ?? "0")}
              >
                {TIME_BOXES.map((m) => (
                  <option key={m} value={m}>
                    {m === "0" ? t("sir.noTimeBox") : t("sir.minutes", { n: m })}
                  </option>
                ))}
              </select>
              <Button
                size="small"
                appearance="primary"
                aria-describedby={titleId}
                data-testid="sir-discuss"
                onClick={() => onFocus(item.id, minutes === "0" ? undefined : Number(minutes))}
              >
                {t("sir.discuss")}
              </Button>
            </>
          )}
        </div>
      )}
      {/* Under discussion the details stay open on every panel; otherwise each viewer opens what they want to read. */}
      {!focus && (
        <Button
          size="small"
          appearance="subtle"
          className={styles.detailsButton}
          aria-expanded={open}
          aria-controls={open ? detailsId : undefined}
          aria-describedby={titleId}
          data-testid="sir-open"
          onClick={() => setExpanded((v) => !v)}
        >
          {t(open ? "sir.hideDetails" : "sir.showDetails")}
        </Button>
      )}
      {open && (
        <div id={detailsId} className={styles.answers} data-testid="sir-answers">
          <Answer question={t("section.sir.q1")} answer={item.problem} />
          <Answer question={t("section.sir.q2")} answer={item.proposals.map((p, i) => `${i + 1}. ${p}`).join("\n")} />
          <Answer question={t("section.sir.q3")} answer={item.recommendation} />
          {canEdit && (item.status === "open" || item.status === "informationOnly") && !editing && (
            <div className={styles.row}>
              <Button size="small" aria-describedby={titleId} data-testid="sir-edit" onClick={() => setEditing(true)}>
                {t("sir.edit")}
              </Button>
              {!confirmWithdraw && (
                <Button size="small" appearance="subtle" aria-describedby={titleId} data-testid="sir-withdraw" onClick={() => setConfirmWithdraw(true)}>
                  {t("sir.withdraw")}
                </Button>
              )}
            </div>
          )}
          {confirmWithdraw && !editing && (
            <div role="group" aria-label={t("sir.withdraw")} className={styles.row}>
              <p className={styles.meta}>{t("sir.withdrawConfirm")}</p>
              <Button
                size="small"
                appearance="primary"
                data-testid="sir-withdraw-yes"
                disabled={withdrawing}
                onClick={() => {
                  setWithdrawing(true);
                  void sendSir({ type: "withdrawSir", itemId: item.id }).then((error) => {
                    setWithdrawing(false);
                    setConfirmWithdraw(false);
                    if (error) {
                      const m = errorMessage(error);
                      setWithdrawError(t(m.key, m.params));
                    }
                  });
                }}
              >
                {t("sir.withdrawYes")}
              </Button>
              <Button size="small" onClick={() => setConfirmWithdraw(false)}>
                {t("action.cancel")}
              </Button>
            </div>
          )}
          {/* A lead removes an item for good (spam, a mistake): its content is erased for everyone, a tombstone remains. */}
          {canHandle && !editing && !confirmWithdraw && !confirmDelete && (
            <div className={styles.row}>
              <Button size="small" appearance="subtle" aria-describedby={titleId} data-testid="sir-delete" onClick={() => setConfirmDelete(true)}>
                {t("sir.delete")}
              </Button>
            </div>
          )}
          {confirmDelete && !editing && (
            <div role="group" aria-label={t("sir.delete")} className={styles.row}>
              <p className={styles.meta}>{t("sir.deleteConfirm")}</p>
              <Button
                size="small"
                appearance="primary"
                data-testid="sir-delete-yes"
                disabled={deleting}
                aria-busy={deleting}
                onClick={() => {
                  setDeleting(true);
                  void sendSir({ type: "deleteSir", itemId: item.id }).then((error) => {
                    setDeleting(false);
                    setConfirmDelete(false);
                    if (error) {
                      const m = errorMessage(error);
                      setWithdrawError(t(m.key, m.params));
                    }
                  });
                }}
              >
                {t("sir.deleteYes")}
              </Button>
              <Button size="small" onClick={() => setConfirmDelete(false)}>
                {t("action.cancel")}
              </Button>
            </div>
          )}
          {withdrawError && (
            <p role="alert" className={styles.meta} data-testid="sir-withdraw-error">
              {withdrawError}
            </p>
          )}
          {editing && (
            <ErrorBoundary fallback={<p className={styles.meta}>{t("error.network")}</p>}>
              <Suspense fallback={<p className={styles.meta}>{t("sir.loadingEditor")}</p>}>
                <SirEditForm item={item} sendSir={sendSir} onDone={() => setEditing(false)} />
              </Suspense>
            </ErrorBoundary>
          )}
          {canHandle && isOpen && (
            <ErrorBoundary fallback={<p className={styles.meta}>{t("error.network")}</p>}>
              <Suspense fallback={<p className={styles.meta}>{t("sir.loadingEditor")}</p>}>
                <SirDecisionForm item={item} meetingId={meetingId} sendSir={sendSir} people={people} />
              </Suspense>
            </ErrorBoundary>
          )}
        </div>
      )}
    </li>
  );
}

function Answer({ question, answer }: { readonly question: string; readonly answer: string }) {
  const styles = useSirItemCardStyles();
  return (
    <>
      <p className={styles.question}>{question}</p>
      <p className={styles.answer}>{answer || "—"}</p>
    </>
  );
}
