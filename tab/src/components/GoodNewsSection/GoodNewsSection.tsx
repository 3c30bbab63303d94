/**
 * @module The agenda's Good news section (lazy chunk): the meeting's wins first, then its challenges, live for every
 * attendee; anyone adds their own (tied to an objective or KPI of the board where it fits, with optional praise for
 * someone outside the team), the author or a lead edits and deletes, and praise the author chose to share is posted
 * to the team's channel (once; the section says where, or what to do when it cannot).
 */
import { Button, Checkbox, Field, Input, Radio, RadioGroup, Select, Textarea } from "@fluentui/react-components";
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from "react";
import { goodNewsForMeeting, linkTitle } from "../../../../shared/src/goodnews/meeting-list.js";
import { GOOD_NEWS_CAPABILITY, GOOD_NEWS_KINDS, GOOD_NEWS_LIMITS, type GoodNewsItem, type GoodNewsKind, type GoodNewsLink } from "../../../../shared/src/goodnews/model.js";
import type { GoodNewsFields } from "../../../../shared/src/goodnews/commands.js";
import { GOOD_NEWS_TEXT, goodNewsMessage, type GoodNewsText } from "../../../../shared/src/i18n/good-news-text.js";
import type { GoodNewsCommandResponse, GoodNewsListResponse, PraisePostInfo, PraisePostResponse } from "../../../../shared/src/wire/good-news-protocol.js";
import type { Viewer } from "../../../../shared/src/wire/protocol.js";
import { errorFromResponse } from "../../api/api-client.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import type { MeetingFetch } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { viewerCan } from "../../state/meeting-view.js";
import { useGoodNewsSectionStyles } from "./GoodNewsSection.styles.js";

export interface GoodNewsSectionProps {
  readonly fetchMeeting: MeetingFetch;
  /** The stream's good-news changes (the session forwards them); returns the unsubscribe. */
  readonly onGoodNews: (listener: (item: GoodNewsItem) => void) => () => void;
  readonly viewer: Viewer | null;
}

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: GoodNewsListResponse } | { readonly status: "failed"; readonly error: ApiError };
type Send = (command: Record<string, unknown>) => Promise<GoodNewsItem | null>;

/** Keeps the copy with the highest version: a late or repeated stream message never rolls an item back. */
function upsert(list: readonly GoodNewsItem[], item: GoodNewsItem): GoodNewsItem[] {
  const current = list.find((i) => i.id === item.id);
  if (!current) return [...list, item];
  if (current.version >= item.version) return [...list];
  return list.map((i) => (i.id === item.id ? item : i));
}

export function GoodNewsSection({ fetchMeeting, onGoodNews, viewer }: GoodNewsSectionProps) {
  const { locale } = useI18n();
  const t = GOOD_NEWS_TEXT[locale];
  const styles = useGoodNewsSectionStyles();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState("");

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ status: "loading" });
    fetchMeeting("/good-news", { headers: { accept: "application/json" }, signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw await errorFromResponse(res);
        return (await res.json()) as GoodNewsListResponse;
      })
      .then(
        (data) => setLoaded({ status: "ready", data }),
        (err: unknown) => {
          if (!abort.signal.aborted) setLoaded({ status: "failed", error: toApiError(err) });
        },
      );
    return () => abort.abort();
  }, [fetchMeeting, round]);

  const merge = useCallback((item: GoodNewsItem) => setLoaded((l) => (l.status === "ready" ? { status: "ready", data: { ...l.data, items: upsert(l.data.items, item) } } : l)), []);
  useEffect(() => onGoodNews(merge), [onGoodNews, merge]);

  const send: Send = useCallback(
    async (command) => {
      setError(null);
      try {
        const res = await fetchMeeting("/good-news/commands", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ command: { id: newCommandId(), ...command } }) });
        if (!res.ok) throw await errorFromResponse(res);
        const body = (await res.json()) as GoodNewsCommandResponse;
        merge(body.item);
        return body.item;
      } catch (err) {
        setError(toApiError(err));
        return null;
      }
    },
    [fetchMeeting, merge],
  );

  const share = useCallback(
    async (itemId: string): Promise<void> => {
      setError(null);
      try {
        const res = await fetchMeeting("/good-news/praise", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ itemId, locale }) });
        if (!res.ok) throw await errorFromResponse(res);
        const body = (await res.json()) as PraisePostResponse;
        const post: PraisePostInfo = { itemId: body.itemId, channelName: body.channelName, postedAt: body.postedAt };
        setLoaded((l) => (l.status === "ready" ? { status: "ready", data: { ...l.data, posts: [...l.data.posts.filter((p) => p.itemId !== itemId), post] } } : l));
        setNotice(t.posted(body.channelName));
      } catch (err) {
        setError(toApiError(err));
      }
    },
    [fetchMeeting, locale, t],
  );

  const data = loaded.status === "ready" ? loaded.data : null;
  const shown = useMemo(() => (data ? goodNewsForMeeting(data.items) : []), [data]);
  const isLead = viewerCan(viewer, GOOD_NEWS_CAPABILITY.lead);
  const mine = shown.filter((i) => i.author.userId === viewer?.userId).length;

  return (
    <section id="good-news-section" className={styles.root} data-testid="good-news-section" aria-label={t.heading}>
      <h3 className={styles.heading}>{t.heading}</h3>
      <div aria-live="polite" className={styles.meta} data-testid="good-news-status">
        {loaded.status === "loading" ? t.loading : notice}
      </div>
      {error && (
        <p role="alert" className={styles.error} data-testid="good-news-error" data-code={error.code}>
          {goodNewsMessage(t, error.code)}
        </p>
      )}
      {loaded.status === "failed" && (
        <>
          <p role="alert" className={styles.error} data-testid="good-news-load-error" data-code={loaded.error.code}>
            {goodNewsMessage(t, loaded.error.code)}
          </p>
          <Button size="small" onClick={() => setRound((n) => n + 1)}>
            {t.retry}
          </Button>
        </>
      )}
      {data && (
        <>
          {shown.length === 0 && <p className={styles.meta}>{t.empty}</p>}
          {GOOD_NEWS_KINDS.map((kind) => {
            const items = shown.filter((i) => i.kind === kind);
            if (items.length === 0) return null;
            return (
              <div key={kind} className={styles.root}>
                <h4 className={styles.group}>{t.groups[kind]}</h4>
                <ul className={styles.list} data-testid={`good-news-${kind}s`}>
                  {items.map((item) => (
                    <GoodNewsRow
                      key={item.id}
                      item={item}
                      t={t}
                      data={data}
                      mayChange={isLead || item.author.userId === viewer?.userId}
                      send={send}
                      share={share}
                      onDone={setNotice}
                    />
                  ))}
                </ul>
              </div>
            );
          })}
          {viewerCan(viewer, GOOD_NEWS_CAPABILITY.add) && (
            <>
              <p className={styles.meta} data-testid="good-news-mine">
                {t.yours(mine, data.limits.perAuthor)}
              </p>
              <GoodNewsForm
                t={t}
                data={data}
                heading={t.addHeading}
                submitLabel={t.add}
                testId="good-news-add-form"
                onSubmit={async (fields) => {
                  const item = await send({ type: "addGoodNews", fields });
                  if (!item) return false;
                  setNotice(t.added);
                  if (item.praise?.share) await share(item.id);
                  return true;
                }}
              />
            </>
          )}
        </>
      )}
    </section>
  );
}

interface RowProps {
  readonly item: GoodNewsItem;
  readonly t: GoodNewsText;
  readonly data: GoodNewsListResponse;
  readonly mayChange: boolean;
  readonly send: Send;
  readonly share: (itemId: string) => Promise<void>;
  readonly onDone: (notice: string) => void;
}

function GoodNewsRow({ item, t, data, mayChange, send, share, onDone }: RowProps) {
  const styles = useGoodNewsSectionStyles();
  const [editing, setEditing] = useState(false);
  const about = linkTitle(item.link, data.board);
  const posted = data.posts.find((p) => p.itemId === item.id) ?? null;
  if (editing) {
    return (
      <li className={styles.row} data-testid="good-news-row" data-item-id={item.id}>
        <GoodNewsForm
          t={t}
          data={data}
          initial={item}
          heading={t.editHeading}
          submitLabel={t.save}
          testId="good-news-edit-form"
          onCancel={() => setEditing(false)}
          onSubmit={async (fields) => {
            const saved = await send({ type: "editGoodNews", itemId: item.id, fields });
            if (!saved) return false;
            setEditing(false);
            onDone(t.saved);
            return true;
          }}
        />
      </li>
    );
  }
  return (
    <li className={`${styles.row} ${item.kind === "win" ? styles.win : styles.challenge}`} data-testid="good-news-row" data-item-id={item.id} data-kind={item.kind}>
      <p className={styles.text} data-testid="good-news-text">
        {item.text}
      </p>
      <p className={styles.meta}>
        {t.kinds[item.kind]} · {t.by(item.author.name)}
        {about ? ` · ${t.about(about)}` : ""}
      </p>
      {item.praise && (
        <p className={styles.meta} data-testid="good-news-praise">
          {t.praiseFor(item.praise.name)}
          {posted ? ` · ${t.sharedIn(posted.channelName)}` : ""}
        </p>
      )}
      {mayChange && (
        <div className={styles.buttons}>
          <Button size="small" data-testid="good-news-edit" aria-label={t.editLabel(item.text)} onClick={() => setEditing(true)}>
            {t.edit}
          </Button>
          <Button
            size="small"
            data-testid="good-news-delete"
            aria-label={t.removeLabel(item.text)}
            onClick={() =>
              void send({ type: "deleteGoodNews", itemId: item.id }).then((gone) => {
                if (gone) onDone(t.removed);
              })
            }
          >
            {t.remove}
          </Button>
          {item.praise?.share && !posted && (
            <Button size="small" appearance="primary" data-testid="good-news-share" aria-label={t.shareItemLabel(item.praise.name)} onClick={() => void share(item.id)}>
              {t.share}
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

interface FormProps {
  readonly t: GoodNewsText;
  readonly data: GoodNewsListResponse;
  readonly initial?: GoodNewsItem;
  readonly heading: string;
  readonly submitLabel: string;
  readonly testId: string;
  readonly onSubmit: (fields: GoodNewsFields) => Promise<boolean>;
  readonly onCancel?: () => void;
}

const linkKey = (link: GoodNewsLink | null): string => (link === null ? "" : link.kind === "objective" ? link.objectiveId : link.metricId);
const linkOf = (key: string): GoodNewsLink | null => (key === "" ? null : key.startsWith("obj-") ? { kind: "objective", objectiveId: key } : { kind: "kpi", metricId: key });

function GoodNewsForm({ t, data, initial, heading, submitLabel, testId, onSubmit, onCancel }: FormProps) {
  const styles = useGoodNewsSectionStyles();
  const headingId = useId();
  const [kind, setKind] = useState<GoodNewsKind>(initial?.kind ?? "win");
  const [text, setText] = useState(initial?.text ?? "");
  const [link, setLink] = useState(linkKey(initial?.link ?? null));
  const [praise, setPraise] = useState(initial?.praise?.name ?? "");
  const [shareIt, setShareIt] = useState(initial?.praise?.share ?? false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A link the item has that is no longer on the board stays choosable, so an edit does not drop it unasked.
  const keptLink = initial?.link && !data.board.objectives.some((o) => o.id === link) && !data.board.metrics.some((m) => m.id === link) && link === linkKey(initial.link) ? link : null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = text.trim();
    const name = praise.trim();
    const missing = body === "" ? t.needText : shareIt && name === "" ? t.needPraiseName : null;
    setProblem(missing);
    if (missing || busy) return;
    setBusy(true);
    const ok = await onSubmit({ kind, text: body, link: linkOf(link), praise: name === "" ? null : { name, share: shareIt } });
    setBusy(false);
    if (ok && !initial) {
      setText("");
      setLink("");
      setPraise("");
      setShareIt(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} data-testid={testId} aria-labelledby={headingId}>
      <h4 className={styles.group} id={headingId}>
        {heading}
      </h4>
      <Field label={t.kindLabel}>
        <RadioGroup layout="horizontal" value={kind} onChange={(_, d) => setKind(d.value === "challenge" ? "challenge" : "win")} data-testid="good-news-kind">
          {GOOD_NEWS_KINDS.map((k) => (
            <Radio key={k} value={k} label={t.kinds[k]} data-testid={`good-news-kind-${k}`} />
          ))}
        </RadioGroup>
      </Field>
      <Field label={t.textLabel} required>
        <Textarea className={styles.full} value={text} maxLength={GOOD_NEWS_LIMITS.textMax} resize="vertical" onChange={(_, d) => setText(d.value)} data-testid="good-news-text-input" />
      </Field>
      <Field label={t.linkLabel}>
        <Select className={styles.full} value={link} onChange={(_, d) => setLink(d.value)} data-testid="good-news-link">
          <option value="">{t.noLink}</option>
          {keptLink && <option value={keptLink}>{keptLink}</option>}
          {data.board.objectives.length > 0 && (
            <optgroup label={t.objectiveGroup}>
              {data.board.objectives.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </optgroup>
          )}
          {data.board.metrics.length > 0 && (
            <optgroup label={t.kpiGroup}>
              {data.board.metrics.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </optgroup>
          )}
        </Select>
      </Field>
      <Field label={t.praiseLabel}>
        <Input className={styles.full} value={praise} placeholder={t.praiseHint} maxLength={GOOD_NEWS_LIMITS.praiseNameMax} onChange={(_, d) => setPraise(d.value)} data-testid="good-news-praise-input" />
      </Field>
      <Checkbox checked={shareIt} label={t.shareLabel} onChange={(_, d) => setShareIt(d.checked === true)} data-testid="good-news-share-input" />
      {problem && (
        <p role="alert" className={styles.error} data-testid="good-news-problem">
          {problem}
        </p>
      )}
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" size="small" disabled={busy} data-testid={initial ? "good-news-save" : "good-news-add"}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button size="small" onClick={onCancel}>
            {t.cancel}
          </Button>
        )}
      </div>
    </form>
  );
}
