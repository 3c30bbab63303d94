/**
 * @module The agenda's Priorities section (lazy chunk): the round walked member by member, live for everyone. The lead
 * starts the round and moves to the next person; every panel shows the same current member and a per-person timer (the
 * section's time box split evenly, drawn from the shared clock), who has prepared, and the speaker's answers. Each
 * member fills in their own entry here (before or during the meeting), pre-filled with last week's plan; a lead can
 * edit a member's entry for them.
 */
import { Button, Field, Input, Select, Textarea } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import type { MeetingState } from "../../../../shared/src/meeting/state.js";
import { PRIORITY_LIMITS, PRIORITY_MARKS, type PriorityMark } from "../../../../shared/src/priorities/model.js";
import { nudgesOf } from "../../../../shared/src/priorities/prefill.js";
import { nextSpeaker, speakerTimer } from "../../../../shared/src/priorities/walk.js";
import { PRIORITIES_TEXT, type PrioritiesText } from "../../../../shared/src/i18n/priorities-text.js";
import type { PriorityCommandResponse, PriorityMemberView, PriorityRoundResponse, PriorityStreamEvent } from "../../../../shared/src/wire/priorities-protocol.js";
import type { Viewer } from "../../../../shared/src/wire/protocol.js";
import { errorFromResponse } from "../../api/api-client.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import type { MeetingFetch } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { formatElapsed, viewerCan } from "../../state/meeting-view.js";
import { applyPriorityEvent, memberBudgetMs } from "./priorities-state.js";
import { useTicker } from "../../state/use-ticker.js";
import { usePrioritiesSectionStyles } from "./PrioritiesSection.styles.js";

export interface PrioritiesSectionProps {
  readonly fetchMeeting: MeetingFetch;
  /** The stream's priorities changes (the session forwards them); returns the unsubscribe. */
  readonly onPriority: (listener: (event: PriorityStreamEvent) => void) => () => void;
  readonly meeting: MeetingState;
  readonly viewer: Viewer | null;
  /** The server's clock now, by this panel's estimate: the per-person timer is drawn from it. */
  readonly serverNow: () => number;
}

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: PriorityRoundResponse } | { readonly status: "failed"; readonly error: ApiError };

function messageOf(error: ApiError, p: PrioritiesText): string {
  return (Object.hasOwn(p.errors, error.code) ? p.errors[error.code] : undefined) ?? p.genericError;
}

export function PrioritiesSection({ fetchMeeting, onPriority, meeting, viewer, serverNow }: PrioritiesSectionProps) {
  const { locale } = useI18n();
  const p = PRIORITIES_TEXT[locale];
  const styles = usePrioritiesSectionStyles();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");
  const [editing, setEditing] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ status: "loading" });
    fetchMeeting("/priorities", { headers: { accept: "application/json" }, signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw await errorFromResponse(res);
        return (await res.json()) as PriorityRoundResponse;
      })
      .then(
        (data) => setLoaded({ status: "ready", data }),
        (err: unknown) => {
          if (!abort.signal.aborted) setLoaded({ status: "failed", error: toApiError(err) });
        },
      );
    return () => abort.abort();
  }, [fetchMeeting, round]);

  useEffect(() => onPriority((event) => setLoaded((l) => (l.status === "ready" ? { status: "ready", data: applyPriorityEvent(l.data, event) } : l))), [onPriority]);

  const send = useCallback(
    async (command: Record<string, unknown>, done: string): Promise<boolean> => {
      setError(null);
      try {
        const res = await fetchMeeting("/priorities/commands", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command: { id: newCommandId(), ...command } }) });
        if (!res.ok) throw await errorFromResponse(res);
        const body = (await res.json()) as PriorityCommandResponse;
        const event: PriorityStreamEvent = body.kind === "entry" ? { kind: "entry", entry: body.entry } : { kind: "round", round: body.round };
        setLoaded((l) => (l.status === "ready" ? { status: "ready", data: applyPriorityEvent(l.data, event) } : l));
        setNotice(done);
        return true;
      } catch (err) {
        const apiError = toApiError(err);
        setError(apiError);
        // The week turned or someone saved meanwhile: the fresh round is what to work on.
        if (apiError.code === "stale" || apiError.code === "weekChanged") setRound((n) => n + 1);
        return false;
      }
    },
    [fetchMeeting],
  );

  const data = loaded.status === "ready" ? loaded.data : null;
  const speakerId = data?.round?.speakerId ?? null;
  useTicker({ active: speakerId !== null });
  const isLead = viewerCan(viewer, "meeting:drive");
  const members = data?.members ?? [];
  const budget = useMemo(() => memberBudgetMs(meeting, members.length), [meeting, members.length]);
  const now = serverNow();
  const timer = budget !== null && data ? speakerTimer(data.round, budget, now) : null;
  const speaker = members.find((m) => m.member.userId === speakerId) ?? null;
  const next = nextSpeaker(
    members.map((m) => m.member),
    speakerId,
  );
  const prepared = members.filter((m) => m.prepared).length;
  const editView = data ? (editing === null || editing === data.mine.member.userId ? data.mine : (members.find((m) => m.member.userId === editing) ?? data.mine)) : null;

  return (
    <section id="priorities-section" className={styles.root} data-testid="priorities-section" aria-label={p.heading}>
      <h3 className={styles.heading}>
        {p.heading}
        {data ? ` · ${p.week(data.week)}` : ""}
      </h3>
      <div aria-live="polite" className={styles.meta} data-testid="priorities-status">
        {loaded.status === "loading" ? p.loading : notice}
      </div>
      {error && (
        <p role="alert" className={styles.error} data-testid="priorities-error" data-code={error.code}>
          {messageOf(error, p)}
        </p>
      )}
      {loaded.status === "failed" && (
        <>
          <p role="alert" className={styles.error} data-testid="priorities-load-error" data-code={loaded.error.code}>
            {messageOf(loaded.error, p)}
          </p>
          <Button size="small" onClick={() => setRound((n) => n + 1)}>
            {p.retry}
          </Button>
        </>
      )}
      {data && (
        <>
          <p className={styles.meta} data-testid="priorities-prepared">
            {p.preparedCount(prepared, members.length)}
            {budget !== null && members.length > 0 ? ` · ${p.perPerson(formatElapsed(budget))}` : ""}
          </p>
          {speaker && (
            <div data-testid="priorities-speaker" data-user-id={speaker.member.userId}>
              <p className={styles.subheading}>{p.speaking(speaker.member.name)}</p>
              {timer && (
                <p className={timer.overrun ? `${styles.timer} ${styles.over}` : styles.timer} data-testid="priorities-timer" data-overrun={timer.overrun ? "true" : "false"}>
                  {timer.overrun ? p.overBy(formatElapsed(-timer.remainingMs)) : p.timeLeft(formatElapsed(Math.ceil(timer.remainingMs / 1000) * 1000))}
                </p>
              )}
            </div>
          )}
          {isLead && meeting.phase !== "ended" && members.length > 0 && (
            <div className={styles.buttons}>
              {speakerId === null ? (
                <Button size="small" appearance="primary" data-testid="priorities-start" onClick={() => void send({ type: "setPrioritySpeaker", week: data.week, memberId: next?.userId ?? null }, p.speaking(next?.name ?? ""))}>
                  {p.start}
                </Button>
              ) : next ? (
                <Button size="small" appearance="primary" data-testid="priorities-next" onClick={() => void send({ type: "setPrioritySpeaker", week: data.week, memberId: next.userId }, p.speaking(next.name))}>
                  {p.next}
                </Button>
              ) : null}
              {speakerId !== null && (
                <Button size="small" data-testid="priorities-finish" onClick={() => void send({ type: "setPrioritySpeaker", week: data.week, memberId: null }, p.finish)}>
                  {p.finish}
                </Button>
              )}
            </div>
          )}
          <h4 className={styles.subheading}>{p.members}</h4>
          {members.length === 0 ? (
            <p className={styles.meta}>{p.nobody}</p>
          ) : (
            <ul className={styles.list} data-testid="priorities-members">
              {members.map((m) => (
                <MemberRow key={m.member.userId} view={m} p={p} current={m.member.userId === speakerId} canEditFor={isLead && m.member.userId !== viewer?.userId} onEdit={() => setEditing(m.member.userId)} />
              ))}
            </ul>
          )}
          {editView && <EntryForm key={`${editView.member.userId}|${editView.draft.version}|${data.week}`} view={editView} own={editView.member.userId === data.mine.member.userId} p={p} week={data.week} send={send} />}
        </>
      )}
    </section>
  );
}

function MemberRow({ view, p, current, canEditFor, onEdit }: { readonly view: PriorityMemberView; readonly p: PrioritiesText; readonly current: boolean; readonly canEditFor: boolean; readonly onEdit: () => void }) {
  const styles = usePrioritiesSectionStyles();
  const e = view.entry;
  return (
    <li className={current ? `${styles.member} ${styles.speaker}` : styles.member} data-testid="priorities-member" data-user-id={view.member.userId} data-prepared={view.prepared ? "true" : "false"} aria-current={current ? "step" : undefined}>
      <p className={styles.name}>{view.member.name}</p>
      <p className={styles.meta}>
        {view.prepared ? p.prepared : p.notPrepared}
        {current ? ` · ${p.speaking(view.member.name)}` : ""}
      </p>
      {current && !e && <p className={styles.meta}>{p.nothingYet}</p>}
      {current && e && (
        <div data-testid="priorities-answers">
          {e.lastWeek.length > 0 && (
            <>
              <p className={styles.meta}>{p.q1}</p>
              <ul className={styles.answers}>
                {e.lastWeek.map((x, i) => (
                  <li key={i}>
                    {x.text} ({x.mark ? p.marks[x.mark] : p.unmarked}){x.result ? `: ${x.result}` : ""}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p className={styles.meta}>{p.q2}</p>
          <ul className={styles.answers}>
            {e.nextWeek.map((x, i) => (
              <li key={i}>
                {x.text}
                {x.why ? `: ${x.why}` : ""}
              </li>
            ))}
          </ul>
          {(e.learned || e.change) && (
            <>
              <p className={styles.meta}>{p.q3}</p>
              <ul className={styles.answers}>
                {e.learned && <li>{e.learned}</li>}
                {e.change && <li>{e.change}</li>}
              </ul>
            </>
          )}
        </div>
      )}
      {canEditFor && (
        <div className={styles.buttons}>
          <Button size="small" appearance="subtle" data-testid="priorities-edit-for" onClick={onEdit}>
            {p.editFor(view.member.name)}
          </Button>
        </div>
      )}
    </li>
  );
}

interface LastRow {
  text: string;
  result: string;
  mark: PriorityMark | "";
}
interface NextRow {
  text: string;
  why: string;
}

function EntryForm({ view, own, p, week, send }: { readonly view: PriorityMemberView; readonly own: boolean; readonly p: PrioritiesText; readonly week: string; readonly send: (command: Record<string, unknown>, done: string) => Promise<boolean> }) {
  const styles = usePrioritiesSectionStyles();
  const d = view.draft;
  const [last, setLast] = useState<LastRow[]>(() => d.lastWeek.map((x) => ({ text: x.text, result: x.result, mark: x.mark ?? "" })));
  const [next, setNext] = useState<NextRow[]>(() => (d.nextWeek.length > 0 ? d.nextWeek.map((x) => ({ text: x.text, why: x.why })) : [{ text: "", why: "" }]));
  const [learned, setLearned] = useState(d.learned);
  const [change, setChange] = useState(d.change);
  const [problem, setProblem] = useState<string | null>(null);
  const max = PRIORITY_LIMITS.prioritiesMax;
  const filledNext = next.filter((x) => x.text.trim() !== "");
  const nudges = nudgesOf({ lastWeek: last.filter((x) => x.text.trim() !== "").map((x) => ({ text: x.text, result: x.result, mark: x.mark === "" ? null : x.mark, carriedWeeks: 0 })), nextWeek: filledNext, learned, change });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing = filledNext.length === 0 ? p.card.needNext : next.some((x) => x.text.trim() === "" && x.why.trim() !== "") ? p.card.needText(next.findIndex((x) => x.text.trim() === "" && x.why.trim() !== "") + 1) : null;
    setProblem(missing);
    if (missing) return;
    await send(
      {
        type: "savePriorities",
        week,
        memberId: view.member.userId,
        expectedVersion: d.version,
        fields: {
          lastWeek: last.filter((x) => x.text.trim() !== "").map((x) => ({ text: x.text, result: x.result, mark: x.mark === "" ? null : x.mark })),
          nextWeek: filledNext,
          learned,
          change,
        },
      },
      p.saved,
    );
  };

  const heading = own ? p.yourEntry : p.editFor(view.member.name);
  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid="priorities-form" data-user-id={view.member.userId} aria-label={heading}>
      <h4 className={styles.subheading}>{heading}</h4>
      {d.prefilledFrom && d.version === 0 && <p className={styles.meta}>{p.prefilled(p.week(d.prefilledFrom))}</p>}
      <fieldset className={styles.form}>
        <legend className={styles.subheading}>{p.q1}</legend>
        {last.map((row, i) => (
          <div key={i} className={styles.slot} data-testid="priorities-last-row">
            <Field label={p.priority(i + 1)} hint={d.lastWeek[i]?.carriedWeeks ? p.carried(d.lastWeek[i]?.carriedWeeks ?? 0) : undefined}>
              <Input value={row.text} maxLength={PRIORITY_LIMITS.textMax} data-testid={`priorities-last-text-${i}`} onChange={(_, v) => setLast((l) => l.map((x, j) => (j === i ? { ...x, text: v.value } : x)))} />
            </Field>
            <Field label={p.result}>
              <Input value={row.result} maxLength={PRIORITY_LIMITS.resultMax} data-testid={`priorities-last-result-${i}`} onChange={(_, v) => setLast((l) => l.map((x, j) => (j === i ? { ...x, result: v.value } : x)))} />
            </Field>
            <Field label={p.mark}>
              <Select value={row.mark} data-testid={`priorities-last-mark-${i}`} onChange={(_, v) => setLast((l) => l.map((x, j) => (j === i ? { ...x, mark: (PRIORITY_MARKS as readonly string[]).includes(v.value) ? (v.value as PriorityMark) : "" } : x)))}>
                <option value="">{p.unmarked}</option>
                {PRIORITY_MARKS.map((m) => (
                  <option key={m} value={m}>
                    {p.marks[m]}
                  </option>
                ))}
              </Select>
            </Field>
            <Button size="small" appearance="subtle" onClick={() => setLast((l) => l.filter((_, j) => j !== i))}>
              {p.remove(i + 1)}
            </Button>
          </div>
        ))}
        {last.length < max && (
          <Button size="small" data-testid="priorities-add-last" onClick={() => setLast((l) => [...l, { text: "", result: "", mark: "" }])}>
            {p.addPriority}
          </Button>
        )}
      </fieldset>
      <fieldset className={styles.form}>
        <legend className={styles.subheading}>{p.q2}</legend>
        {next.map((row, i) => (
          <div key={i} className={styles.slot}>
            <Field label={p.priority(i + 1)}>
              <Input value={row.text} maxLength={PRIORITY_LIMITS.textMax} data-testid={`priorities-next-text-${i}`} onChange={(_, v) => setNext((l) => l.map((x, j) => (j === i ? { ...x, text: v.value } : x)))} />
            </Field>
            <Field label={p.why}>
              <Input value={row.why} maxLength={PRIORITY_LIMITS.whyMax} data-testid={`priorities-next-why-${i}`} onChange={(_, v) => setNext((l) => l.map((x, j) => (j === i ? { ...x, why: v.value } : x)))} />
            </Field>
            {next.length > 1 && (
              <Button size="small" appearance="subtle" onClick={() => setNext((l) => l.filter((_, j) => j !== i))}>
                {p.remove(i + 1)}
              </Button>
            )}
          </div>
        ))}
        {next.length < max && (
          <Button size="small" data-testid="priorities-add-next" onClick={() => setNext((l) => [...l, { text: "", why: "" }])}>
            {p.addPriority}
          </Button>
        )}
      </fieldset>
      <fieldset className={styles.form}>
        <legend className={styles.subheading}>{p.q3}</legend>
        <Field label={p.learned}>
          <Textarea value={learned} maxLength={PRIORITY_LIMITS.learnedMax} data-testid="priorities-learned" onChange={(_, v) => setLearned(v.value)} />
        </Field>
        <Field label={p.change}>
          <Textarea value={change} maxLength={PRIORITY_LIMITS.changeMax} data-testid="priorities-change" onChange={(_, v) => setChange(v.value)} />
        </Field>
      </fieldset>
      {(nudges.fewNext || nudges.unmarked > 0) && (
        <p className={styles.nudge} data-testid="priorities-nudge">
          {[nudges.fewNext ? p.nudgeFew : "", nudges.unmarked > 0 ? p.nudgeUnmarked(nudges.unmarked) : ""].filter(Boolean).join(" ")}
        </p>
      )}
      {problem && (
        <p role="alert" className={styles.error} data-testid="priorities-problem">
          {problem}
        </p>
      )}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" data-testid="priorities-save">
          {p.save}
        </Button>
      </div>
    </form>
  );
}
