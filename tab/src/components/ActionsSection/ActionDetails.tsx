/**
 * @module One action's editors, opened from its row: status, title and owners (picked from the meeting's people),
 * the subtasks checklist (add, tick, remove), follow-up comments, and delete (leads only, after a confirmation).
 * Owners and leads change it; everyone comments; the service decides again.
 */
import { Button, Checkbox, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { ACTION_LIMITS, ACTION_STATUSES, type Action, type ActionStatus, type Person } from "../../../../shared/src/actions/model.js";
import type { ActionsText } from "../../../../shared/src/i18n/actions-text.js";
import type { Locale } from "../../../../shared/src/i18n/format.js";
import type { SendAction } from "./action-row-model.js";
import { useActionsSectionStyles } from "./ActionsSection.styles.js";

export interface ActionDetailsProps {
  readonly action: Action;
  readonly p: ActionsText;
  readonly locale: Locale;
  readonly mayChange: boolean;
  readonly isLead: boolean;
  readonly people: readonly Person[];
  readonly send: SendAction;
  readonly idPrefix: string;
}

const LOCALE_TAG: Readonly<Record<Locale, string>> = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" };

export function ActionDetails({ action: a, p, locale, mayChange, isLead, people, send, idPrefix }: ActionDetailsProps) {
  const styles = useActionsSectionStyles();
  const [title, setTitle] = useState(a.title);
  const [owners, setOwners] = useState<readonly string[]>(a.owners.map((o) => o.userId));
  const [subtask, setSubtask] = useState("");
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  // A change stored meanwhile (here or on another panel) is what the edit form shows next.
  useEffect(() => {
    setTitle(a.title);
    setOwners(a.owners.map((o) => o.userId));
  }, [a.version, a.title, a.owners]);
  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
  }, [confirming]);

  // Owners the action has keep their place even if they are no longer among the meeting's people.
  const pickable = [...people, ...a.owners.filter((o) => !people.some((x) => x.userId === o.userId))];
  const doneCount = a.subtasks.filter((s) => s.done).length;
  const when = new Intl.DateTimeFormat(LOCALE_TAG[locale], { dateStyle: "medium", timeStyle: "short" });

  const saveEdit = async (e: FormEvent) => {
    e.preventDefault();
    const text = title.trim();
    const missing = text === "" ? p.needTitle : owners.length === 0 ? p.needOwner : null;
    setProblem(missing);
    if (missing) return;
    await send({ type: "editAction", actionId: a.id, title: text, owners }, (x) => p.changed(x.title));
  };
  const addSubtask = async (e: FormEvent) => {
    e.preventDefault();
    const text = subtask.trim();
    setProblem(text === "" ? p.needSubtask : null);
    if (text === "") return;
    if (await send({ type: "addSubtask", actionId: a.id, title: text }, (x) => p.changed(x.title))) setSubtask("");
  };
  const addComment = async (e: FormEvent) => {
    e.preventDefault();
    const text = comment.trim();
    setProblem(text === "" ? p.needComment : null);
    if (text === "") return;
    if (await send({ type: "addActionComment", actionId: a.id, text }, (x) => p.changed(x.title))) setComment("");
  };

  return (
    <div className={styles.details} id={`${idPrefix}-details`} data-testid="action-details">
      {mayChange && (
        <Field label={p.statusLabel}>
          <Select
            value={a.status}
            data-testid="action-status"
            onChange={(_, d) => void send({ type: "setActionStatus", actionId: a.id, status: d.value as ActionStatus }, (x) => p.changed(x.title))}
          >
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {p.status[s]}
              </option>
            ))}
          </Select>
        </Field>
      )}

      {mayChange && (
        <form className={styles.form} onSubmit={(e) => void saveEdit(e)} aria-label={p.editHeading} data-testid="action-edit-form">
          <h4 className={styles.subheading}>{p.editHeading}</h4>
          <Field label={p.title}>
            <Input value={title} maxLength={ACTION_LIMITS.titleMax} onChange={(_, d) => setTitle(d.value)} data-testid="action-edit-title" />
          </Field>
          <fieldset className={styles.form}>
            <legend className={styles.meta}>{p.pickOwners}</legend>
            <div className={styles.owners}>
              {pickable.map((person) => (
                <Checkbox
                  key={person.userId}
                  label={person.name}
                  checked={owners.includes(person.userId)}
                  disabled={!owners.includes(person.userId) && owners.length >= ACTION_LIMITS.ownersMax}
                  data-testid="action-edit-owner"
                  data-user-id={person.userId}
                  onChange={(_, d) => setOwners((o) => (d.checked === true ? [...o, person.userId] : o.filter((id) => id !== person.userId)))}
                />
              ))}
            </div>
          </fieldset>
          <div className={styles.buttons}>
            <Button type="submit" size="small" data-testid="action-edit-save">
              {p.saveEdit}
            </Button>
          </div>
        </form>
      )}

      <section className={styles.form} aria-labelledby={`${idPrefix}-subtasks`}>
        <h4 id={`${idPrefix}-subtasks`} className={styles.subheading}>
          {p.subtasks}
          {a.subtasks.length > 0 ? ` (${p.subtasksDone(doneCount, a.subtasks.length)})` : ""}
        </h4>
        {a.subtasks.length > 0 && (
          <ul className={styles.checklist} data-testid="action-subtasks">
            {a.subtasks.map((s) => (
              <li key={s.id} className={styles.checkItem} data-testid="action-subtask" data-done={s.done ? "true" : "false"}>
                <Checkbox
                  label={s.title}
                  checked={s.done}
                  disabled={!mayChange}
                  data-testid="action-subtask-check"
                  onChange={(_, d) => void send({ type: "setSubtaskDone", actionId: a.id, subtaskId: s.id, done: d.checked === true }, (x) => p.changed(x.title))}
                />
                {mayChange && (
                  <Button size="small" appearance="subtle" aria-label={p.removeSubtaskLabel(s.title)} data-testid="action-subtask-remove" onClick={() => void send({ type: "removeSubtask", actionId: a.id, subtaskId: s.id }, (x) => p.changed(x.title))}>
                    {p.remove}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        {mayChange &&
          (a.subtasks.length < ACTION_LIMITS.subtasksMax ? (
            <form className={styles.inline} onSubmit={(e) => void addSubtask(e)} aria-label={p.addSubtask}>
              <Field label={p.newSubtask} className={styles.grow}>
                <Input value={subtask} maxLength={ACTION_LIMITS.subtaskTitleMax} onChange={(_, d) => setSubtask(d.value)} data-testid="action-subtask-input" />
              </Field>
              <Button type="submit" size="small" data-testid="action-subtask-add">
                {p.addSubtask}
              </Button>
            </form>
          ) : (
            <p className={styles.meta}>{p.limitReached(ACTION_LIMITS.subtasksMax)}</p>
          ))}
      </section>

      <section className={styles.form} aria-labelledby={`${idPrefix}-comments`}>
        <h4 id={`${idPrefix}-comments`} className={styles.subheading}>
          {p.comments}
        </h4>
        {a.comments.length === 0 ? (
          <p className={styles.meta}>{p.noComments}</p>
        ) : (
          <ul className={styles.comments} data-testid="action-comments">
            {a.comments.map((c) => (
              <li key={c.id} data-testid="action-comment">
                <p className={styles.comment}>{c.text}</p>
                <p className={styles.meta}>{p.commentMeta(c.by.name, when.format(c.at))}</p>
              </li>
            ))}
          </ul>
        )}
        {a.comments.length < ACTION_LIMITS.commentsMax ? (
          <form className={styles.form} onSubmit={(e) => void addComment(e)} aria-label={p.addComment}>
            <Field label={p.newComment}>
              <Textarea value={comment} maxLength={ACTION_LIMITS.commentMax} resize="vertical" onChange={(_, d) => setComment(d.value)} data-testid="action-comment-input" />
            </Field>
            <div className={styles.buttons}>
              <Button type="submit" size="small" data-testid="action-comment-add">
                {p.addComment}
              </Button>
            </div>
          </form>
        ) : (
          <p className={styles.meta}>{p.limitReached(ACTION_LIMITS.commentsMax)}</p>
        )}
      </section>

      {problem && (
        <p role="alert" className={styles.error} data-testid="action-details-problem">
          {problem}
        </p>
      )}

      {isLead &&
        (confirming ? (
          <div className={styles.confirm} role="group" aria-labelledby={`${idPrefix}-confirm`} data-testid="action-delete-confirm">
            <p id={`${idPrefix}-confirm`} className={styles.comment}>
              {p.confirmDelete(a.title)}
            </p>
            <div className={styles.buttons}>
              <Button size="small" appearance="primary" data-testid="action-delete-yes" onClick={() => void send({ type: "deleteAction", actionId: a.id }, () => p.deletedNotice(a.title))}>
                {p.confirmYes}
              </Button>
              <Button size="small" ref={cancelRef} data-testid="action-delete-cancel" onClick={() => setConfirming(false)}>
                {p.cancel}
              </Button>
            </div>
          </div>
        ) : (
          <div className={styles.buttons}>
            <Button size="small" appearance="subtle" data-testid="action-delete" onClick={() => setConfirming(true)}>
              {p.deleteAction}
            </Button>
          </div>
        ))}
    </div>
  );
}
