/**
 * @module The Actions section's "Reminders" settings (lazy chunk): when the bot reminds an action's owners in their
 * 1:1 chat — days before the due date (0–14, 0 = only when overdue) and the team's hour. A lead changes them
 * (`PUT …/reminders`); everyone else reads the current setting in words. Saved means stored: the status says so only
 * after the service answered 2xx.
 */
import { Button, Field, Input, Select } from "@fluentui/react-components";
import { useEffect, useId, useState, type FormEvent } from "react";
import { REMINDER_LIMITS } from "../../../../shared/src/actions/reminder-limits.js";
import type { ReminderSettings as Settings } from "../../../../shared/src/actions/reminders.js";
import { REMINDER_SETTINGS_TEXT, type ReminderSettingsText } from "../../../../shared/src/i18n/reminder-settings-text.js";
import { errorFromResponse } from "../../api/api-client.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import type { MeetingFetch } from "../../api/summary-client.js";
import { useI18n } from "../../state/i18n-context.js";
import { useActionsSectionStyles } from "./ActionsSection.styles.js";

/** `GET|PUT /api/meetings/:id/reminders` (bot/src/http/reminders-api.ts). */
interface SettingsResponse {
  readonly settings: Settings;
  readonly timeZone: string;
  readonly canEdit: boolean;
  readonly changed?: boolean;
}

type Loaded = { readonly status: "loading" } | { readonly status: "ready"; readonly data: SettingsResponse } | { readonly status: "failed"; readonly error: ApiError };

const messageOf = (error: ApiError, t: ReminderSettingsText): string => (Object.hasOwn(t.errors, error.code) ? t.errors[error.code] : undefined) ?? t.genericError;
const DAY_CHOICES = Array.from({ length: REMINDER_LIMITS.daysBeforeMax + 1 }, (_, i) => i);

export function ReminderSettings({ fetchMeeting }: { readonly fetchMeeting: MeetingFetch }) {
  const { locale } = useI18n();
  const t = REMINDER_SETTINGS_TEXT[locale];
  const styles = useActionsSectionStyles();
  const id = useId();
  const [loaded, setLoaded] = useState<Loaded>({ status: "loading" });
  const [round, setRound] = useState(0);
  const [days, setDays] = useState(0);
  const [time, setTime] = useState("");
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    setLoaded({ status: "loading" });
    fetchMeeting("/reminders", { headers: { accept: "application/json" }, signal: abort.signal })
      .then(async (res) => {
        if (!res.ok) throw await errorFromResponse(res);
        return (await res.json()) as SettingsResponse;
      })
      .then(
        (data) => {
          setLoaded({ status: "ready", data });
          setDays(data.settings.daysBefore);
          setTime(data.settings.time);
        },
        (err: unknown) => {
          if (!abort.signal.aborted) setLoaded({ status: "failed", error: toApiError(err) });
        },
      );
    return () => abort.abort();
  }, [fetchMeeting, round]);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice("");
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
      setError(t.needTime);
      return;
    }
    setError(null);
    setSaving(true);
    try {
      const res = await fetchMeeting("/reminders", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ id: newCommandId(), daysBefore: days, time }) });
      if (!res.ok) throw await errorFromResponse(res);
      const data = (await res.json()) as SettingsResponse;
      setLoaded({ status: "ready", data });
      setNotice(data.changed === false ? t.unchanged : t.saved(t.summary(data.settings.daysBefore, data.settings.time)));
    } catch (err) {
      setError(messageOf(toApiError(err), t));
    } finally {
      setSaving(false);
    }
  };

  const headingId = `${id}-heading`;
  const data = loaded.status === "ready" ? loaded.data : null;
  return (
    <section className={styles.form} data-testid="reminder-settings" aria-labelledby={headingId}>
      <h4 id={headingId} className={styles.subheading}>
        {t.heading}
      </h4>
      {loaded.status === "loading" && <p className={styles.meta}>{t.loading}</p>}
      {loaded.status === "failed" && (
        <>
          <p role="alert" className={styles.error} data-testid="reminder-settings-load-error" data-code={loaded.error.code}>
            {messageOf(loaded.error, t)}
          </p>
          <div className={styles.buttons}>
            <Button size="small" onClick={() => setRound((n) => n + 1)}>
              {t.retry}
            </Button>
          </div>
        </>
      )}
      {data && (
        <p className={styles.meta} data-testid="reminder-settings-summary">
          {t.summary(data.settings.daysBefore, data.settings.time)}
        </p>
      )}
      {data && !data.canEdit && (
        <p className={styles.meta} data-testid="reminder-settings-readonly">
          {t.readOnly}
        </p>
      )}
      {data?.canEdit && (
        <form className={styles.form} onSubmit={(e) => void save(e)} data-testid="reminder-settings-form" aria-labelledby={headingId}>
          <Field label={t.daysLabel}>
            <Select value={String(days)} onChange={(_, d) => { setDays(Number(d.value)); setNotice(""); }} data-testid="reminder-days">
              {DAY_CHOICES.map((n) => (
                <option key={n} value={String(n)}>
                  {t.daysOption(n)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t.timeLabel} hint={t.timeHint(data.timeZone)}>
            <Input type="time" value={time} step={60} onChange={(_, d) => { setTime(d.value.slice(0, 5)); setNotice(""); }} data-testid="reminder-time" />
          </Field>
          {error && (
            <p role="alert" className={styles.error} data-testid="reminder-settings-error">
              {error}
            </p>
          )}
          <div className={styles.buttons}>
            <Button type="submit" appearance="primary" size="small" disabled={saving} data-testid="reminder-save">
              {saving ? t.saving : t.save}
            </Button>
          </div>
        </form>
      )}
      <p aria-live="polite" className={styles.meta} data-testid="reminder-settings-status">
        {notice}
      </p>
    </section>
  );
}
