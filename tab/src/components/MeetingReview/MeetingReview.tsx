/**
 * @module The panel's rating and history section (lazy chunk): a participant rates the meeting 1–10 with an optional
 * comment once it has started (their last rating counts) and sees how many rated and the average; below, the series'
 * past meetings from `GET …/history`. Scores are toggle buttons (keyboard: Tab and Enter/Space).
 */
import { Button, Textarea } from "@fluentui/react-components";
import { useCallback, useEffect, useRef, useState } from "react";
import type { HistoryResponse } from "../../../../shared/src/rating/history.js";
import type { HistoryEntry } from "../../../../shared/src/rating/history.js";
import type { RatingResponse, RatingStreamEvent } from "../../../../shared/src/rating/rating.js";
import { filenameOf, type MeetingFetch, type RecordFormat } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { REVIEW_TEXT } from "./review-text.js";
import { useMeetingReviewStyles } from "./MeetingReview.styles.js";

export interface MeetingReviewProps {
  readonly fetchMeeting: MeetingFetch;
  /** Changes when the meeting's phase does, so the form opens when the meeting starts. */
  readonly phase: string;
  /** The meeting's rating as pushed on its stream (someone else rated): the count and average update live. */
  readonly onRating?: (listener: (rating: RatingStreamEvent) => void) => () => void;
  /** Requests on another meeting's path: a past occurrence's record from the history. */
  readonly apiFetch?: (path: string, init?: RequestInit) => Promise<Response>;
}

const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const COMMENT_MAX = 500;

const newId = (): string => `rate-${crypto.randomUUID()}`;

export function MeetingReview({ fetchMeeting, phase, onRating, apiFetch }: MeetingReviewProps) {
  const { locale } = useI18n();
  const t = REVIEW_TEXT[locale];
  const styles = useMeetingReviewStyles();
  const [rating, setRating] = useState<RatingResponse | null>(null);
  const [history, setHistory] = useState<HistoryResponse | null>(null);
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [downloadNotice, setDownloadNotice] = useState<{ readonly text: string; readonly failed: boolean } | null>(null);
  /** The service's clock of the newest pushed count: an older one arriving late never replaces it. */
  const newestAt = useRef(0);

  useEffect(() => {
    if (!onRating) return undefined;
    return onRating((pushed) => {
      if (pushed.at < newestAt.current) return;
      newestAt.current = pushed.at;
      setRating((r) => (r ? { ...r, summary: { count: pushed.count, average: pushed.average } } : r));
    });
  }, [onRating]);

  const download = async (entry: HistoryEntry, format: RecordFormat) => {
    const path = `${format === "md" ? entry.record.md : entry.record.json}&lang=${locale}`;
    try {
      const res = await (apiFetch ? apiFetch(path) : Promise.reject(new Error("no fetch")));
      if (!res.ok) throw new Error(String(res.status));
      const filename = filenameOf(res.headers.get("content-disposition"), format);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setDownloadNotice({ text: t.downloaded(filename), failed: false });
    } catch {
      setDownloadNotice({ text: t.downloadFailed, failed: true });
    }
  };

  const load = useCallback(async () => {
    try {
      const [r, h] = await Promise.all([fetchMeeting("/rating"), fetchMeeting("/history")]);
      if (!r.ok || !h.ok) throw new Error(String(r.ok ? h.status : r.status));
      const mine = (await r.json()) as RatingResponse;
      setRating(mine);
      setHistory((await h.json()) as HistoryResponse);
      if (mine.mine) setScore((s) => s ?? mine.mine?.score ?? null);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [fetchMeeting]);

  useEffect(() => {
    void load();
  }, [load, phase]);

  const save = async () => {
    if (score === null) return;
    setBusy(true);
    try {
      const res = await fetchMeeting("/rating", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: newId(), score, comment: comment.trim() || null }) });
      if (!res.ok) throw new Error(String(res.status));
      setRating((await res.json()) as RatingResponse);
      setFailed(false);
      void load();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="review-section" className={styles.root} data-testid="review-section" aria-label={t.rateHeading}>
      <h3 className={styles.heading}>{t.rateHeading}</h3>
      {rating && !rating.open && <p className={styles.text}>{t.notOpen}</p>}
      {rating?.open && (
        <>
          <div className={styles.scores} role="group" aria-label={t.rateHeading}>
            {SCORES.map((n) => (
              <Button key={n} size="small" className={styles.score} appearance={score === n ? "primary" : "secondary"} aria-pressed={score === n} aria-label={t.score(n)} data-testid={`rating-score-${n}`} onClick={() => setScore(n)}>
                {String(n)}
              </Button>
            ))}
          </div>
          <Textarea className={styles.comment} aria-label={t.comment} placeholder={t.comment} maxLength={COMMENT_MAX} value={comment} data-testid="rating-comment" onChange={(_e, d) => setComment(d.value.slice(0, COMMENT_MAX))} />
          <Button size="small" appearance="primary" disabled={score === null || busy} data-testid="rating-save" onClick={() => void save()}>
            {t.save}
          </Button>
          {rating.mine && <p className={styles.text} data-testid="rating-mine">{t.saved(rating.mine.score)}</p>}
        </>
      )}
      <p className={styles.text} aria-live="polite" data-testid="rating-summary">
        {rating ? t.summary(rating.summary.count, rating.summary.average) : ""}
      </p>
      {failed && (
        <p role="alert" className={styles.error} data-testid="review-error">
          {t.failed}
        </p>
      )}
      <h3 className={styles.heading}>{t.historyHeading}</h3>
      {history && history.entries.length === 0 && <p className={styles.text}>{t.noHistory}</p>}
      {history && history.entries.length > 0 && (
        <ul className={styles.list} data-testid="history-list">
          {history.entries.map((e) => (
            <li key={e.meetingId} data-testid="history-entry" className={styles.entry}>
              <span>{t.entry(e.date, e.rating.count, e.rating.average, e.decisions)}</span>
              {apiFetch && (
                <span className={styles.downloads}>
                  <Button size="small" data-testid="history-download-md" aria-label={t.downloadLabel(e.date, "Markdown")} onClick={() => void download(e, "md")}>
                    {t.downloadMd}
                  </Button>
                  <Button size="small" data-testid="history-download-json" aria-label={t.downloadLabel(e.date, "JSON")} onClick={() => void download(e, "json")}>
                    {t.downloadJson}
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <p className={downloadNotice?.failed ? styles.error : styles.text} role="status" data-testid="history-status">
        {downloadNotice?.text ?? ""}
      </p>
    </section>
  );
}
