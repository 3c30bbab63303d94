/**
 * @module "My actions" in the panel: the viewer's open actions across every meeting of their tenant (GET
 * /api/me/actions), overdue first, each saying where it is, each marked done here (POST /api/me/actions/commands,
 * as the owner; a lead's rights are the meeting's). This series' actions also follow the stream.
 */
import { Button } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { MyAction } from "../../../../shared/src/actions/my-actions.js";
import type { Action } from "../../../../shared/src/actions/model.js";
import type { ActionsText } from "../../../../shared/src/i18n/actions-text.js";
import type { ActionCommandResponse, MyActionsResponse } from "../../../../shared/src/wire/actions-protocol.js";
import { newCommandId } from "../../api/command-id.js";
import { errorFromResponse } from "../../api/api-client.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import type { MeetingFetch } from "../../api/summary-client.js";
import { lateDays, messageOf } from "./action-row-model.js";
import { useActionsSectionStyles } from "./ActionsSection.styles.js";

export interface MyActionsViewProps {
  readonly p: ActionsText;
  readonly meFetch: MeetingFetch;
  /** This meeting's series: its actions can be changed from here. */
  readonly seriesId: string;
  readonly onAction: (listener: (action: Action) => void) => () => void;
}

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: MyActionsResponse } | { readonly status: "failed"; readonly error: ApiError };

export function MyActionsView({ p, meFetch, seriesId, onAction }: MyActionsViewProps) {
  const styles = useActionsSectionStyles();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    meFetch("/actions?limit=100", { headers: { accept: "application/json" }, signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw await errorFromResponse(res);
        return (await res.json()) as MyActionsResponse;
      })
      .then(
        (data) => setLoaded({ status: "ready", data }),
        (err: unknown) => {
          if (!abort.signal.aborted) setLoaded({ status: "failed", error: toApiError(err) });
        },
      );
    return () => abort.abort();
  }, [meFetch, round]);

  // This series' actions follow the stream: one marked done (here or anywhere) leaves the list.
  const apply = useCallback((action: Action) => {
    setLoaded((l) => {
      if (l.status !== "ready") return l;
      const i = l.data.actions.findIndex((r) => r.action.id === action.id && r.action.seriesId === action.seriesId);
      const current = l.data.actions[i];
      if (!current || current.action.version >= action.version) return l;
      const open = action.status !== "done" && action.deletedAt === null;
      const actions = open ? l.data.actions.map((r, j) => (j === i ? { ...r, action } : r)) : l.data.actions.filter((_, j) => j !== i);
      return { status: "ready", data: { actions, total: l.data.total - (open ? 0 : 1) } };
    });
  }, []);
  useEffect(() => onAction(apply), [onAction, apply]);

  const markDone = useCallback(
    async (a: Action) => {
      setError(null);
      try {
        const res = await meFetch("/actions/commands", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ seriesId: a.seriesId, command: { id: newCommandId(), type: "setActionStatus", actionId: a.id, status: "done" } }),
        });
        if (!res.ok) throw await errorFromResponse(res);
        const body = (await res.json()) as ActionCommandResponse;
        apply(body.action);
        setNotice(p.changed(body.action.title));
      } catch (err) {
        setError(toApiError(err));
      }
    },
    [meFetch, apply, p],
  );

  if (loaded.status === "loading") return <p className={styles.meta}>{p.loading}</p>;
  if (loaded.status === "failed") {
    return (
      <>
        <p role="alert" className={styles.error} data-testid="my-actions-error">
          {p.genericError}
        </p>
        <Button size="small" onClick={() => setRound((n) => n + 1)}>
          {p.retry}
        </Button>
      </>
    );
  }
  const { actions, total } = loaded.data;
  return (
    <div className={styles.form} data-testid="my-actions">
      <p className={styles.meta}>{total === 0 ? p.mineEmpty : p.mineIntro(total)}</p>
      <div aria-live="polite" className={styles.meta} data-testid="my-actions-status">
        {notice}
      </div>
      {error && (
        <p role="alert" className={styles.error} data-testid="my-actions-error" data-code={error.code}>
          {messageOf(error, p)}
        </p>
      )}
      {actions.length > 0 && (
        <ul className={styles.list} data-testid="my-actions-list">
          {actions.map((row) => (
            <MyRow key={`${row.action.seriesId}|${row.action.id}`} row={row} p={p} here={row.action.seriesId === seriesId} markDone={markDone} />
          ))}
        </ul>
      )}
      {total > actions.length && <p className={styles.meta}>{p.mineMore(actions.length, total)}</p>}
      <div className={styles.buttons}>
        <Button size="small" appearance="subtle" onClick={() => setRound((n) => n + 1)} data-testid="my-actions-refresh">
          {p.refreshMine}
        </Button>
      </div>
    </div>
  );
}

function MyRow({ row, p, here, markDone }: { readonly row: MyAction; readonly p: ActionsText; readonly here: boolean; readonly markDone: (a: Action) => Promise<void> }) {
  const styles = useActionsSectionStyles();
  const a = row.action;
  const late = lateDays(a, row.today);
  const where = here ? p.inThisSeries : row.seriesName ? p.inSeries(row.seriesName) : p.inOtherSeries;
  return (
    <li className={late > 0 ? `${styles.row} ${styles.overdueRow}` : styles.row} data-testid="my-action-row" data-action-id={a.id} data-overdue={late > 0 ? "true" : "false"}>
      <p className={styles.title}>{a.title}</p>
      {late > 0 && (
        <p className={styles.overdue}>
          <span aria-hidden="true">{p.overdueMark} </span>
          {p.overdue(late)}
        </p>
      )}
      <p className={styles.meta}>
        {a.due === null ? p.noDue : p.due(a.due)} · {p.status[a.status]} · {where}
      </p>
      <div className={styles.buttons}>
        <Button size="small" appearance="primary" data-testid="my-action-done" aria-label={p.markDoneLabel(a.title)} onClick={() => void markDone(a)}>
          {p.markDone}
        </Button>
      </div>
    </li>
  );
}
