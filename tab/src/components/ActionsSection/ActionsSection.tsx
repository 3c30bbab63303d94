/**
 * @module The agenda's Actions section (lazy chunk): the series' open actions (owners, due date, overdue standing out
 * in words and by a border, status, where each came from) and those done recently, live for everyone; the lead (and
 * each action's owners) mark done / not done or move the due date a week in one click each, and open an action's
 * details to change status, title and owners, tick its checklist, follow it up and (leads) delete it. Anyone adds an
 * action with owners picked from the meeting's people, also from an off-track KPI (a draft). "My actions" lists the
 * viewer's open actions across every meeting.
 */
import { Button, Checkbox, Field, Input, ToggleButton } from "@fluentui/react-components";
import { memo, useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { addDays, dayIn } from "../../../../shared/src/actions/dates.js";
import { actionsForMeeting } from "../../../../shared/src/actions/meeting-list.js";
import { ACTION_LIMITS, type Action, type ActionSource, type Person } from "../../../../shared/src/actions/model.js";
import type { Locale } from "../../../../shared/src/i18n/format.js";
import { ACTIONS_TEXT, type ActionsText } from "../../../../shared/src/i18n/actions-text.js";
import type { SirItem } from "../../../../shared/src/sir/item.js";
import type { ActionCommandResponse, ActionListResponse } from "../../../../shared/src/wire/actions-protocol.js";
import type { KpiBoardResponse } from "../../../../shared/src/wire/kpi-protocol.js";
import type { Viewer } from "../../../../shared/src/wire/protocol.js";
import { errorFromResponse } from "../../api/api-client.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import type { MeetingFetch } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { viewerCan } from "../../state/meeting-view.js";
import { ActionDetails } from "./ActionDetails.js";
import { lateDays, messageOf, sourceText, type SendAction } from "./action-row-model.js";
import { useChosenToggleStyles } from "../../styles/chosen-toggle.styles.js";
import { useActionsSectionStyles } from "./ActionsSection.styles.js";
import { MyActionsView } from "./MyActionsView.js";
import { ReminderSettings } from "./ReminderSettings.js";

/** A new action prepared elsewhere (the KPI board's "Create action"): the form opens with it; a new `key` each time. */
export interface ActionDraft {
  readonly key: number;
  readonly title: string;
  readonly source: ActionSource | null;
}

export interface ActionsSectionProps {
  readonly fetchMeeting: MeetingFetch;
  /** The stream's action changes (the session forwards them); returns the unsubscribe. */
  readonly onAction: (listener: (action: Action) => void) => () => void;
  readonly viewer: Viewer | null;
  /** The server's clock now (overdue is decided on it, in the team's time zone). */
  readonly now: number;
  /** Requests on `/api/me/…` ("My actions"); without it the view is not offered. */
  readonly meFetch?: MeetingFetch;
  readonly draft?: ActionDraft | null;
  /** The panel's SIR items and board, when loaded: the names of what actions came from. */
  readonly sirItems?: readonly SirItem[] | null;
  readonly board?: KpiBoardResponse | null;
}

/** Rows rendered in the first pass of a long list; the others follow in chunks of `ROW_CHUNK`, one task each. */
const FIRST_ROWS = 25;
const ROW_CHUNK = 25;

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: ActionListResponse } | { readonly status: "failed"; readonly error: ApiError };

/** Keeps the copy with the highest version: a late or repeated stream message never rolls an action back. */
export function upsert(list: readonly Action[], action: Action): Action[] {
  const i = list.findIndex((a) => a.id === action.id);
  if (i < 0) return [...list, action];
  const current = list[i];
  if (current && current.version >= action.version) return list as Action[];
  return list.map((a, j) => (j === i ? action : a));
}

export function ActionsSection({ fetchMeeting, onAction, viewer, now, meFetch, draft, sirItems, board }: ActionsSectionProps) {
  const { locale } = useI18n();
  const p = ACTIONS_TEXT[locale];
  const styles = useActionsSectionStyles();
  const chosen = useChosenToggleStyles();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [view, setView] = useState<"series" | "mine">("series");

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
        setLoaded((l) => {
          if (l.status !== "ready") return l;
          const actions = upsert(l.data.actions, action);
          return actions === l.data.actions ? l : { status: "ready", data: { ...l.data, actions } };
        }),
      ),
    [onAction],
  );

  // A draft from the KPI board shows the series' list and its form.
  useEffect(() => {
    if (draft) setView("series");
  }, [draft]);

  const send = useCallback<SendAction>(
    async (command, done) => {
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
  // The list changes with the actions and with the team's day, not with every tick of the meeting's clock.
  const today = data ? dayIn(now, data.timeZone) : "";
  const nowRef = useRef(now);
  nowRef.current = now;
  const shown = useMemo(() => (data ? actionsForMeeting(data.actions, nowRef.current, data.timeZone) : []), [data, today]);
  const isLead = viewerCan(viewer, "actions:lead");
  const sourceTitle = useMemo(
    () =>
      (source: ActionSource): string | null =>
        source.kind === "sir"
          ? (sirItems?.find((i) => i.id === source.itemId)?.title ?? null)
          : source.kind === "kpi"
            ? (board?.metrics.find((m) => m.id === source.metricId)?.name ?? null)
            : (board?.objectives.find((o) => o.id === source.objectiveId)?.title ?? null),
    [sirItems, board],
  );
  // A long list paints its first rows at once and the rest in chunks, each its own task after the browser had its turn,
  // so opening 200 actions never holds the main thread in one long task (see docs/ACTIONS.md, Performance).
  const [rowCount, setRowCount] = useState(FIRST_ROWS);
  useEffect(() => {
    if (rowCount >= shown.length) return;
    const timer = setTimeout(() => setRowCount((n) => n + ROW_CHUNK), 0);
    return () => clearTimeout(timer);
  }, [rowCount, shown.length]);

  return (
    <section id="actions-section" className={styles.root} data-testid="actions-section" aria-labelledby="actions-heading">
      <h3 id="actions-heading" className={styles.heading} data-testid="actions-heading">
        {view === "mine" ? p.viewMine : p.heading}
      </h3>
      {meFetch && (
        <div className={styles.views} role="group" aria-label={p.views}>
          <ToggleButton size="small" checked={view === "series"} className={view === "series" ? chosen.chosen : undefined} onClick={() => setView("series")} data-testid="actions-view-series">
            {p.viewSeries}
          </ToggleButton>
          <ToggleButton size="small" checked={view === "mine"} className={view === "mine" ? chosen.chosen : undefined} onClick={() => setView("mine")} data-testid="actions-view-mine">
            {p.viewMine}
          </ToggleButton>
        </div>
      )}
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
      {data && view === "mine" && meFetch && <MyActionsView p={p} meFetch={meFetch} seriesId={data.seriesId} onAction={onAction} />}
      {data && view === "series" && (
        <>
          {shown.length === 0 ? (
            <p className={styles.meta}>{p.empty}</p>
          ) : (
            <ul className={styles.list} data-testid="actions-list">
              {shown.slice(0, rowCount).map((a) => (
                <ActionRow
                  key={a.id}
                  action={a}
                  p={p}
                  locale={locale}
                  today={today}
                  mayChange={isLead || a.owners.some((o) => o.userId === viewer?.userId)}
                  isLead={isLead}
                  people={data.people}
                  send={send}
                  sourceTitle={sourceTitle}
                />
              ))}
            </ul>
          )}
          {viewerCan(viewer, "actions:add") && <AddAction p={p} data={data} send={send} draft={draft ?? null} sourceTitle={sourceTitle} />}
          <ReminderSettings fetchMeeting={fetchMeeting} />
        </>
      )}
    </section>
  );
}

interface RowProps {
  readonly action: Action;
  readonly p: ActionsText;
  readonly locale: Locale;
  /** The team's today: overdue is decided on it (a row re-renders when its action or the day changes, not every second). */
  readonly today: string;
  readonly mayChange: boolean;
  readonly isLead: boolean;
  readonly people: readonly Person[];
  readonly send: SendAction;
  readonly sourceTitle?: (source: ActionSource) => string | null;
}

const ActionRow = memo(function ActionRow({ action: a, p, locale, today, mayChange, isLead, people, send, sourceTitle }: RowProps) {
  const styles = useActionsSectionStyles();
  const [open, setOpen] = useState(false);
  const late = lateDays(a, today);
  const done = a.status === "done";
  // A week from the later of the due day and today: moving an overdue action lands in the future.
  const nextDue = addDays(a.due !== null && a.due > today ? a.due : today, 7);
  const idPrefix = `action-${a.id}`;
  const subtasksDone = a.subtasks.filter((s) => s.done).length;
  return (
    <li className={late > 0 ? `${styles.row} ${styles.overdueRow}` : styles.row} data-testid="action-row" data-action-id={a.id} data-status={a.status} data-overdue={late > 0 ? "true" : "false"} aria-labelledby={`${idPrefix}-title`}>
      <p id={`${idPrefix}-title`} className={done ? `${styles.title} ${styles.doneTitle}` : styles.title} data-testid="action-title">
        {a.title}
      </p>
      {late > 0 && (
        <p className={styles.overdue} data-testid="action-overdue">
          <span aria-hidden="true">{p.overdueMark} </span>
          {p.overdue(late)}
        </p>
      )}
      <p className={styles.meta} data-testid="action-meta">
        {p.owners}: {a.owners.map((o) => o.name).join(", ")} · {a.due === null ? p.noDue : p.due(a.due)} · {p.status[a.status]}
        {a.subtasks.length > 0 ? ` · ${p.subtasksDone(subtasksDone, a.subtasks.length)}` : ""}
      </p>
      {a.source && (
        <p className={styles.meta} data-testid="action-source">
          {sourceText(a.source, p, sourceTitle)}
        </p>
      )}
      <div className={styles.buttons}>
        {mayChange &&
          (done ? (
            <Button size="small" data-testid="action-not-done" aria-label={p.markNotDoneLabel(a.title)} onClick={() => void send({ type: "setActionStatus", actionId: a.id, status: "open" }, (x) => p.changed(x.title))}>
              {p.markNotDone}
            </Button>
          ) : (
            <Button size="small" appearance="primary" data-testid="action-done" aria-label={p.markDoneLabel(a.title)} onClick={() => void send({ type: "setActionStatus", actionId: a.id, status: "done" }, (x) => p.changed(x.title))}>
              {p.markDone}
            </Button>
          ))}
        {mayChange && !done && (
          <Button size="small" data-testid="action-next-week" aria-label={p.nextWeekLabel(a.title)} onClick={() => void send({ type: "setActionDue", actionId: a.id, due: nextDue }, (x) => p.changed(x.title))}>
            {p.nextWeek}
          </Button>
        )}
        <Button size="small" appearance="subtle" aria-expanded={open} aria-controls={open ? `${idPrefix}-details` : undefined} aria-label={`${open ? p.closeDetails : p.details}: ${a.title}`} data-testid="action-details-toggle" onClick={() => setOpen((v) => !v)}>
          {open ? p.closeDetails : p.details}
        </Button>
      </div>
      {open && <ActionDetails action={a} p={p} locale={locale} mayChange={mayChange} isLead={isLead} people={people} send={send} idPrefix={idPrefix} />}
    </li>
  );
});

interface AddProps {
  readonly p: ActionsText;
  readonly data: ActionListResponse;
  readonly send: SendAction;
  readonly draft: ActionDraft | null;
  readonly sourceTitle?: (source: ActionSource) => string | null;
}

function AddAction({ p, data, send, draft, sourceTitle }: AddProps) {
  const styles = useActionsSectionStyles();
  const [title, setTitle] = useState("");
  const [owners, setOwners] = useState<readonly string[]>([]);
  const [due, setDue] = useState(() => addDays(data.today, 7));
  const [source, setSource] = useState<ActionSource | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);

  // A draft (from the KPI board) fills the form and takes the focus there, once per draft.
  useEffect(() => {
    if (!draft) return;
    setTitle(draft.title.slice(0, ACTION_LIMITS.titleMax));
    setSource(draft.source);
    setProblem(null);
    titleRef.current?.focus();
    titleRef.current?.scrollIntoView?.({ block: "center" });
  }, [draft]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const text = title.trim();
    const missing = text === "" ? p.needTitle : owners.length === 0 ? p.needOwner : due === "" ? p.needDue : null;
    setProblem(missing);
    if (missing) return;
    const ok = await send({ type: "createAction", fields: { title: text, owners, due, subtasks: [], source } }, (x) => p.added(x.title));
    if (ok) {
      setTitle("");
      setOwners([]);
      setSource(null);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="action-add-form" aria-labelledby="action-add-heading">
      <h4 id="action-add-heading" className={styles.heading}>
        {p.addHeading}
      </h4>
      <Field label={p.title}>
        <Input ref={titleRef} value={title} maxLength={ACTION_LIMITS.titleMax} onChange={(_, d) => setTitle(d.value)} data-testid="action-add-title" />
      </Field>
      {source && (
        <div className={styles.inline} data-testid="action-add-source">
          <p className={`${styles.meta} ${styles.grow}`}>{p.linkedTo(sourceText(source, p, sourceTitle))}</p>
          <Button size="small" appearance="subtle" onClick={() => setSource(null)} data-testid="action-add-source-remove">
            {p.removeLink}
          </Button>
        </div>
      )}
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
