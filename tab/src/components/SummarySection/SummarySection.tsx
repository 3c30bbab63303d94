/**
 * @module The summary section of the panel (lazy chunk): a readable preview of what the channel card will say, built
 * from the record the service assembles, and downloads of the full record as Markdown (for the wiki) and JSON. Any
 * participant sees it. Text is rendered by React (never as markdown or HTML), so typed text shows as typed.
 */
import { Button } from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MeetingRecord, RecordKpiStatus } from "../../../../shared/src/summary/record.js";
import { SUMMARY_TEXT } from "../../../../shared/src/summary/summary-text.js";
import { ratingAverage } from "../../../../shared/src/summary/format.js";
import type { SummaryResponse } from "../../../../shared/src/summary/wire.js";
import type { PostSummaryResponse } from "../../../../shared/src/summary/post-protocol.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import { summaryClient, type MeetingFetch, type RecordFormat } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { errorMessage } from "../../errors/error-message.js";
import { SUMMARY_PANEL_TEXT } from "./summary-panel-text.js";
import { useSummarySectionStyles } from "./SummarySection.styles.js";

export interface SummarySectionProps {
  readonly fetchMeeting: MeetingFetch;
  /** The viewer may post the card to the channel (`summary:post`): leads only. */
  readonly canPost?: boolean;
  /** Opened by a deep link (the meeting-end card's "Review and post summary"): scrolled into view once. */
  readonly reveal?: boolean;
}

/** How many names and items the preview lists before "and N more" (the card itself decides its own cuts). */
const SHOWN = 10;
const STATUS_ICONS: Readonly<Record<RecordKpiStatus, string>> = { offTrack: "✖", atRisk: "⚠", onTrack: "✔", noData: "–" };
const STATUSES: readonly RecordKpiStatus[] = ["offTrack", "atRisk", "onTrack", "noData"];

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: SummaryResponse } | { readonly status: "failed"; readonly error: ApiError };

export function SummarySection({ fetchMeeting, canPost = false, reveal = false }: SummarySectionProps) {
  const rootRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (reveal) rootRef.current?.scrollIntoView({ block: "start" });
  }, [reveal]);
  const { locale } = useI18n();
  const p = SUMMARY_PANEL_TEXT[locale];
  const styles = useSummarySectionStyles();
  const client = useMemo(() => summaryClient(fetchMeeting), [fetchMeeting]);
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState<RecordFormat | null>(null);
  const [notice, setNotice] = useState("");
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  const [posting, setPosting] = useState(false);
  const [postError, setPostError] = useState<ApiError | null>(null);
  const [posted, setPosted] = useState<PostSummaryResponse | null>(null);
  const time = (ms: number) => new Date(ms).toLocaleTimeString(locale === "en" ? "en-GB" : locale === "nb" ? "nb-NO" : "sv-SE", { hour: "2-digit", minute: "2-digit" });

  const postToChannel = useCallback(async () => {
    setPosting(true);
    setPostError(null);
    setNotice(p.posting);
    try {
      const answer = await client.post(newCommandId(), locale);
      setPosted(answer);
      const said = answer.outcome === "posted" ? p.posted(answer.channelName, time(answer.postedAt)) : p.updated(answer.channelName, time(answer.updatedAt ?? answer.postedAt));
      setNotice(answer.outcome === "posted" && (answer.earlierChannels ?? 0) > 0 ? `${said} ${p.earlierLeft}` : said);
    } catch (err) {
      setNotice("");
      setPostError(toApiError(err));
    } finally {
      setPosting(false);
    }
  }, [client, locale, p]);
  const post = posted ?? (loaded.status === "ready" ? (loaded.data.post ?? null) : null);

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ status: "loading" });
    client.preview(locale, abort.signal).then(
      (data) => setLoaded({ status: "ready", data }),
      (err: unknown) => {
        if (!abort.signal.aborted) setLoaded({ status: "failed", error: toApiError(err) });
      },
    );
    return () => abort.abort();
  }, [client, locale, round]);

  const download = useCallback(
    async (format: RecordFormat) => {
      setBusy(format);
      setDownloadError(null);
      try {
        const file = await client.download(format, locale);
        const url = URL.createObjectURL(file.blob);
        const a = document.createElement("a");
        a.href = url;
        a.download = file.filename;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
        setNotice(p.downloaded(file.filename));
      } catch (err) {
        setDownloadError(toApiError(err));
      } finally {
        setBusy(null);
      }
    },
    [client, locale, p],
  );

  return (
    <section ref={rootRef} id="summary-section" className={styles.root} data-testid="summary-section" aria-label={p.heading}>
      <p className={styles.meta}>{p.intro}</p>
      <div className={styles.buttons}>
        <Button size="small" data-testid="summary-download-md" disabled={busy !== null} onClick={() => void download("md")}>
          {p.downloadMd}
        </Button>
        <Button size="small" data-testid="summary-download-json" disabled={busy !== null} onClick={() => void download("json")}>
          {p.downloadJson}
        </Button>
        <Button size="small" appearance="subtle" data-testid="summary-refresh" disabled={loaded.status === "loading"} onClick={() => setRound((n) => n + 1)}>
          {p.refresh}
        </Button>
      </div>
      {downloadError && <ErrorLine error={downloadError} />}
      {canPost && (
        <div className={styles.buttons}>
          <Button size="small" appearance="primary" data-testid="summary-post" disabled={posting} onClick={() => void postToChannel()}>
            {posting ? p.posting : post ? p.updatePost : p.post}
          </Button>
        </div>
      )}
      {post && (
        <p className={styles.meta} data-testid="summary-post-info">
          {p.postedBy(post.postedBy.name, time(post.postedAt))}
          {post.updatedBy && post.updatedAt !== null ? ` · ${p.updatedBy(post.updatedBy.name, time(post.updatedAt))}` : ""}
        </p>
      )}
      {postError && (postError.code in p.postErrors ? (
        <p role="alert" className={styles.error} data-testid="summary-post-error" data-code={postError.code}>
          {p.postErrors[postError.code as keyof typeof p.postErrors]}
        </p>
      ) : (
        <ErrorLine error={postError} />
      ))}
      {/* One polite region that stays in the page: loading, a finished download and the preview's arrival are announced. */}
      <div aria-live="polite" className={styles.meta} data-testid="summary-status">
        {loaded.status === "loading" ? p.loading : notice}
      </div>
      {loaded.status === "failed" && <ErrorLine error={loaded.error} />}
      {loaded.status === "ready" && <Preview data={loaded.data} />}
    </section>
  );
}

/**
 * An error in the viewer's language, saying what to do. Plain text like the decision log's: importing the panel's
 * ErrorBar into this chunk makes the bundler split Fluent's Button out of the first bundle (measured +0.4 KiB).
 */
function ErrorLine({ error }: { readonly error: ApiError }) {
  const { t } = useI18n();
  const styles = useSummarySectionStyles();
  const message = errorMessage(error);
  return (
    <p role="alert" className={styles.error} data-testid="summary-error" data-code={error.code}>
      {t(message.key, message.params)}
    </p>
  );
}

function Preview({ data }: { readonly data: SummaryResponse }) {
  const { locale, t, tKey } = useI18n();
  const styles = useSummarySectionStyles();
  const s = SUMMARY_TEXT[locale];
  const p = SUMMARY_PANEL_TEXT[locale];
  const r: MeetingRecord = data.record;
  const kb = (bytes: number) => new Intl.NumberFormat(locale === "en" ? "en-GB" : locale === "nb" ? "nb-NO" : "sv-SE", { maximumFractionDigits: 1 }).format(bytes / 1000);
  const more = (total: number) => (total > SHOWN ? <li className={styles.meta}>{s.andMore(total - SHOWN)}</li> : null);
  const minutes = (ms: number) => Math.round(ms / 60_000);
  const planned = r.sections.reduce((sum, sec) => sum + (sec.enabled ? sec.plannedMs : 0), 0);
  const used = r.sections.reduce((sum, sec) => sum + sec.usedMs, 0);
  const offTrack = r.kpis.items.filter((k) => k.status === "offTrack");
  const kind = (k: "issue" | "information" | "risk") => t(`sir.kind.${k}`);

  return (
    <article className={styles.preview} data-testid="summary-preview" aria-label={s.heading(r.meeting.title ?? s.defaultTitle)}>
      <h3 className={styles.title}>{s.heading(r.meeting.title ?? s.defaultTitle)}</h3>
      <p className={styles.meta}>
        {r.meeting.date} · {s.timeUsed(minutes(used), minutes(planned))}
      </p>
      {r.meeting.phase !== "ended" && <p className={styles.warning}>{s.preview}</p>}

      <h4 className={styles.heading}>{s.attendees(r.attendees.length)}</h4>
      <p className={styles.text} data-testid="summary-attendees">
        {r.attendees.length === 0
          ? s.noAttendees
          : [...r.attendees.slice(0, SHOWN).map((a) => a.name), ...(r.attendees.length > SHOWN ? [s.andMore(r.attendees.length - SHOWN)] : [])].join(", ")}
      </p>

      <h4 className={styles.heading}>{s.kpiStatus(r.kpis.week ? Number(r.kpis.week.slice(-2)) : null)}</h4>
      <p className={styles.text} data-testid="summary-kpi-counts">
        {STATUSES.map((st) => `${STATUS_ICONS[st]} ${t(`kpi.status.${st}`)}: ${r.kpis.counts[st]}`).join(" · ")}
      </p>
      {offTrack.length > 0 && (
        <ul className={styles.list}>
          {offTrack.slice(0, SHOWN).map((k) => (
            <li key={k.id} className={styles.offTrack}>
              {k.name}: {k.value === null ? s.notReported : `${k.value}${k.unit ? ` ${k.unit}` : ""}`}
              {k.owner ? ` – ${k.owner.name}` : ""}
            </li>
          ))}
          {more(offTrack.length)}
        </ul>
      )}

      <h4 className={styles.heading}>{s.decisions}</h4>
      {r.sir.decisions.length === 0 ? (
        <p className={styles.meta}>{s.noDecisions}</p>
      ) : (
        <ul className={styles.list} data-testid="summary-decisions">
          {r.sir.decisions.slice(0, SHOWN).map((d) => (
            <li key={d.itemId}>
              <strong>
                {kind(d.kind)}: {d.title}
              </strong>{" "}
              – {d.text}
              {/* The drafts are real actions (listed below) whenever the record has them. */}
              {r.actions === undefined && d.actions.length > 0 && (
                <ul className={styles.list}>
                  {d.actions.map((a, i) => (
                    <li key={i}>
                      → {a.title} – {a.owner?.name ?? t("sir.noOwner")}
                      {a.due ? `, ${t("sir.due", { date: a.due })}` : ""}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
          {more(r.sir.decisions.length)}
        </ul>
      )}

      {r.actions && r.actions.length > 0 && (
        <>
          <h4 className={styles.heading}>{s.actions}</h4>
          <ul className={styles.list} data-testid="summary-actions">
            {r.actions.slice(0, SHOWN).map((a) => (
              <li key={a.id}>
                {a.title} – {a.owners.length === 0 ? t("sir.noOwner") : a.owners.map((o) => o.name).join(", ")}
                {a.due ? `, ${t("sir.due", { date: a.due })}` : ""} ({s.actionStates[a.state]})
              </li>
            ))}
            {more(r.actions.length)}
          </ul>
        </>
      )}

      <h4 className={styles.heading}>{s.carriesOver}</h4>
      {r.sir.carriedOver.length === 0 ? (
        <p className={styles.meta}>{s.nothingCarries}</p>
      ) : (
        <ul className={styles.list} data-testid="summary-carried-over">
          {r.sir.carriedOver.slice(0, SHOWN).map((c) => (
            <li key={c.itemId}>
              {kind(c.kind)}: {c.title} – {c.author.name}
            </li>
          ))}
          {more(r.sir.carriedOver.length)}
        </ul>
      )}

      {r.rating !== undefined && (
        <p className={styles.text} data-testid="summary-rating">
          {r.rating && r.rating.count > 0 ? s.rating(ratingAverage(locale, r.rating.average), r.rating.count) : s.noRatings}
        </p>
      )}
      <h4 className={styles.heading}>{s.timePerSection}</h4>
      <table className={styles.times}>
        <thead>
          <tr>
            <th scope="col" className={styles.cell}>
              {s.section}
            </th>
            <th scope="col" className={styles.number}>
              {s.used}
            </th>
            <th scope="col" className={styles.number}>
              {s.planned}
            </th>
          </tr>
        </thead>
        <tbody>
          {r.sections
            .filter((sec) => sec.enabled || sec.usedMs > 0)
            .map((sec) => (
              <tr key={sec.id}>
                <th scope="row" className={styles.cell}>
                  {sec.title ?? tKey(sec.labelKey) ?? sec.kind}
                </th>
                <td className={styles.number}>{sec.usedMs === 0 ? s.notReached : s.minutes(minutes(sec.usedMs))}</td>
                <td className={styles.number}>{sec.enabled ? s.minutes(minutes(sec.plannedMs)) : s.sectionOff}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className={styles.meta} data-testid="summary-card-size">
        {p.cardSize(kb(data.cardBytes), kb(data.cardMaxBytes))}
      </p>
    </article>
  );
}
