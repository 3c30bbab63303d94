/**
 * @module The agenda's Actions section (lazy chunk): the series' open actions (owners, due date, overdue standing out,
 * status) and those done recently, live for everyone; the lead (and each action's owners) mark done / not done or move
 * the due date a week in one click each; anyone adds an action with owners picked from the meeting's people.
 */
import { Button, Checkbox, Field, Input } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { addDays, daysOverdue } from "../../../../shared/src/actions/dates.js";
import { actionsForMeeting } from "../../../../shared/src/actions/meeting-list.js";
import { ACTION_LIMITS, type Action } from "../../../../shared/src/actions/model.js";
import { ACTIONS_TEXT, type ActionsText } from "../../../../shared/src/i18n/actions-text.js";
import type { ActionCommandResponse, ActionListResponse } from "../../../../shared/src/wire/actions-protocol.js";
import type { Viewer } from "../../../../shared/src/wire/protocol.js";
import { errorFromResponse } from "../../api/api-client.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import type { MeetingFetch } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { viewerCan } from "../../state/meeting-view.js";
import { useActionsSectionStyles } from "./ActionsSection.styles.js";

export interface ActionsSectionProps {
  readonly fetchMeeting: MeetingFetch;
  /** The stream's action changes (the session forwards them); returns the unsubscribe. */
  readonly onAction: (listener: (action: Action) => void) => () => void;
  readonly viewer: Viewer | null;
  /** The server's clock now (overdue is decided on it, in the team's time zone). */
  readonly now: number;
}

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: ActionListResponse } | { readonly status: "failed"; readonly error: ApiError };

/** Keeps the copy with the highest version: a late or repeated stream message never rolls an action back. */
function upsert(list: readonly Action[], action: Action): Action[] {
  const i = list.findIndex((a) => a.id === action.id);
  if (i < 0) return [...list, action];
  const current = list[i];
  if (current && current.version >= action.version) return [...list];
  return list.map((a, j) => (j === i ? action : a));
}

function messageOf(error: ApiError, p: ActionsText): string {
  return (Object.hasOwn(p.errors, error.code) ? p.errors[error.code] : undefined) ?? p.genericError;
}

export function ActionsSection({ fetchMeeting, onAction, viewer, now }: ActionsSectionProps) {
  const { locale } = useI18n();
  const p = ACTIONS_TEXT[locale];
  const styles = useActionsSectionStyles();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ status: "loading" });
    fetchMeeting("/actions", { headers: { accept: "application/json" }, signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw await errorFromResponse(res);
        return (await res.json()) as ActionListResponse;
      })
      .then(
        (data) => setLoaded({ status: "ready", data }),
        (err: unknown) => {
          if (!abort.signal.aborted) setLoaded({ status: "failed", error: toApiError(err) });
        },
      );
    return () => abort.abort();
  }, [fetchMeeting, round]);

  useEffect(
    () =>
      onAction((action) =>
        setLoaded((l) => (l.status === "ready" ? { status: "ready", data: { ...l.data, actions: upsert(l.data.actions, action) } } : l)),
      ),
    [onAction],
  );

  const send = useCallback(
    async (command: Record<string, unknown>, done: (action: Action) => string): Promise<boolean> => {
      setError(null);
      try {
        const res = await fetchMeeting("/actions/commands", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command: { id: newCommandId(), ...command } }) });
        if (!res.ok) throw await errorFromResponse(res);
        const body = (await res.json()) as ActionCommandResponse;
        setLoaded((l) => (l.status === "ready" ? { status: "ready", data: { ...l.data, actions: upsert(l.data.actions, body.action) } } : l));
        setNotice(done(body.action));
        return true;
      } catch (err) {
        setError(toApiError(err));
        return false;
      }
    },
    [fetchMeeting],
  );

  const data = loaded.status === "ready" ? loaded.data : null;
  const shown = useMemo(() => (data ? actionsForMeeting(data.actions, now, data.timeZone) : []), [data, now]);
  const isLead = viewerCan(viewer, "actions:lead");

  return (
    <section id="actions-section" className={styles.root} data-testid="actions-section" aria-label={p.heading}>
      <h3 className={styles.heading}>{p.heading}</h3>
      <div aria-live="polite" className={styles.meta} data-testid="actions-status">
        {loaded.status === "loading" ? p.loading : notice}
      </div>
      {error && (
        <p role="alert" className={styles.error} data-testid="actions-error" data-code={error.code}>
          {messageOf(error, p)}
        </p>
      )}
      {loaded.status === "failed" && (
        <>
          <p role="alert" className={styles.error} data-testid="actions-load-error" data-code={loaded.error.code}>
            {messageOf(loaded.error, p)}
          </p>
          <Button size="small" onClick={() => setRound((n) => n + 1)}>
            {p.retry}
          </Button>
        </>
      )}
      {data && (
        <>
          {shown.length === 0 ? (
            <p className={styles.meta}>{p.empty}</p>
          ) : (
            <ul className={styles.list} data-testid="actions-list">
              {shown.map((a) => (
                <ActionRow key={a.id} action={a} p={p} now={now} timeZone={data.timeZone} today={data.today} mayChange={isLead || a.owners.some((o) => o.userId === viewer?.userId)} send={send} />
              ))}
            </ul>
          )}
          {viewerCan(viewer, "actions:add") && <AddAction p={p} data={data} send={send} />}
        </>
      )}
    </section>
  );
}

interface RowProps {
  readonly action: Action;
  readonly p: ActionsText;
  readonly now: number;
  readonly timeZone: string;
  readonly today: string;
  readonly mayChange: boolean;
  readonly send: (command: Record<string, unknown>, done: (action: Action) => string) => Promise<boolean>;
}

function ActionRow({ action: a, p, now, timeZone, today, mayChange, send }: RowProps) {
  const styles = useActionsSectionStyles();
  const late = daysOverdue(a, now, timeZone);
  const done = a.status === "done";
  // A week from the later of the due day and today: moving an overdue action lands in the future.
  const nextDue = addDays(a.due !== null && a.due > today ? a.due : today, 7);
  return (
    <li className={late > 0 ? `${styles.row} ${styles.overdueRow}` : styles.row} data-testid="action-row" data-action-id={a.id} data-status={a.status} data-overdue={late > 0 ? "true" : "false"}>
      <p className={done ? `${styles.title} ${styles.doneTitle}` : styles.title} data-testid="action-title">
        {a.title}
      </p>
      <p className={styles.meta} data-testid="action-meta">
        {p.owners}: {a.owners.map((o) => o.name).join(", ")} · {a.due === null ? p.noDue : p.due(a.due)} · {p.status[a.status]}
        {a.source?.kind === "sir" ? ` · ${p.fromDecision}` : ""}
      </p>
      {late > 0 && (
        <p className={styles.overdue} data-testid="action-overdue">
          {p.overdue(late)}
        </p>
      )}
      {mayChange && (
        <div className={styles.buttons}>
          {done ? (
            <Button size="small" data-testid="action-not-done" aria-label={p.markNotDoneLabel(a.title)} onClick={() => void send({ type: "setActionStatus", actionId: a.id, status: "open" }, (x) => p.changed(x.title))}>
              {p.markNotDone}
            </Button>
          ) : (
            <Button size="small" appearance="primary" data-testid="action-done" aria-label={p.markDoneLabel(a.title)} onClick={() => void send({ type: "setActionStatus", actionId: a.id, status: "done" }, (x) => p.changed(x.title))}>
              {p.markDone}
            </Button>
          )}
          {!done && (
            <Button size="small" data-testid="action-next-week" aria-label={p.nextWeekLabel(a.title)} onClick={() => void send({ type: "setActionDue", actionId: a.id, due: nextDue }, (x) => p.changed(x.title))}>
              {p.nextWeek}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

function AddAction({ p, data, send }: { readonly p: ActionsText; readonly data: ActionListResponse; readonly send: RowProps["send"] }) {
  const styles = useActionsSectionStyles();
  const [title, setTitle] = useState("");
  const [owners, setOwners] = useState<readonly string[]>([]);
  const [due, setDue] = useState(() => addDays(data.today, 7));
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = title.trim();
    const missing = text === "" ? p.needTitle : owners.length === 0 ? p.needOwner : due === "" ? p.needDue : null;
    setProblem(missing);
    if (missing) return;
    const ok = await send({ type: "createAction", fields: { title: text, owners, due, subtasks: [], source: null } }, (x) => p.added(x.title));
    if (ok) {
      setTitle("");
      setOwners([]);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="action-add-form" aria-label={p.addHeading}>
      <h4 className={styles.heading}>{p.addHeading}</h4>
      <Field label={p.title}>
        <Input value={title} maxLength={ACTION_LIMITS.titleMax} onChange={(_, d) => setTitle(d.value)} data-testid="action-add-title" />
      </Field>
      <fieldset className={styles.form}>
        <legend className={styles.meta}>{p.pickOwners}</legend>
        <div className={styles.owners}>
          {data.people.map((person) => (
            <Checkbox
              key={person.userId}
              label={person.name}
              checked={owners.includes(person.userId)}
              disabled={!owners.includes(person.userId) && owners.length >= ACTION_LIMITS.ownersMax}
              data-testid="action-add-owner"
              data-user-id={person.userId}
              onChange={(_, d) => setOwners((o) => (d.checked === true ? [...o, person.userId] : o.filter((id) => id !== person.userId)))}
            />
          ))}
        </div>
      </fieldset>
      <Field label={p.dueDate}>
        <Input type="date" value={due} min={data.today} max={addDays(data.today, ACTION_LIMITS.dueDaysMax)} onChange={(_, d) => setDue(d.value)} data-testid="action-add-due" />
      </Field>
      {problem && (
        <p role="alert" className={styles.error} data-testid="action-add-problem">
          {problem}
        </p>
      )}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" data-testid="action-add">
          {p.add}
        </Button>
      </div>
    </form>
  );
}
