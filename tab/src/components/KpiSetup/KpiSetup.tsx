/**
 * @module The lead's set-up of the team's board: objectives of the OKR cycle, KPIs and key results (kind, target,
 * direction, tolerance, owner), edit and archive (archived ones keep their history and can be restored), and CSV
 * import with a preview first: a file with bad lines imports nothing and lists every line. Loaded lazily.
 */
import { Button, Field, Input, Label, Select } from "@fluentui/react-components";
import { useEffect, useId, useState } from "react";
import { DIRECTIONS, KPI_LIMITS, METRIC_KINDS, type Direction, type Metric, type MetricKind, type Objective } from "../../../../shared/src/kpi/model.js";
import type { KpiBoardResponse, KpiImportResponse } from "../../../../shared/src/wire/kpi-protocol.js";
import { addWeeks, isoWeekAt } from "../../../../shared/src/kpi/week.js";
import type { KpiCommandInput } from "../../api/meeting-session.js";
import { toApiError, type ApiError } from "../../api/api-error.js";
import { kpiErrorMessage } from "../../errors/error-message.js";
import { useI18n } from "../../state/i18n-context.js";
import {
  emptyMetricForm,
  metricFields,
  metricFormFrom,
  objectiveFields,
  objectiveFormFrom,
  ownerChoices,
  type MetricForm,
  type ObjectiveForm,
  type Problem,
} from "../../state/kpi-form.js";
import { useKpiCommand } from "../../state/use-kpi-command.js";
import { useKpiSetupStyles } from "./KpiSetup.styles.js";

export interface KpiSetupProps {
  readonly board: KpiBoardResponse;
  readonly sendKpi: (command: KpiCommandInput) => Promise<ApiError | null>;
  readonly importCsv: (csv: string, dryRun: boolean) => Promise<KpiImportResponse>;
  /** Reads the board again: opening the set-up fetches the latest people to pick owners from. */
  readonly reload: () => Promise<void>;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const LOCALE_TAGS = { nb: "nb-NO", sv: "sv-SE", en: "en-GB" } as const;

/** The weekday's name in the panel's language (Monday = 1), from Intl rather than three more word lists. */
function weekdayName(locale: keyof typeof LOCALE_TAGS, isoWeekday: number): string {
  // 2024-01-01 was a Monday.
  const name = new Intl.DateTimeFormat(LOCALE_TAGS[locale], { weekday: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
  return name.charAt(0).toLocaleUpperCase(LOCALE_TAGS[locale]) + name.slice(1);
}

/** The zones Nordic teams meet in, plus UTC; any other IANA zone can be set through the API. */
const TIME_ZONES = ["Europe/Oslo", "Europe/Stockholm", "Europe/Copenhagen", "Europe/Helsinki", "Atlantic/Reykjavik", "Europe/London", "UTC"] as const;

function emptyObjectiveForm(timeZone: string): ObjectiveForm {
  const week = isoWeekAt(Date.now(), timeZone);
  return { title: "", from: week, to: addWeeks(week, 12), ownerId: "" };
}

export function KpiSetup({ board, sendKpi, importCsv, reload }: KpiSetupProps) {
  const { t, locale } = useI18n();
  const styles = useKpiSetupStyles();
  const [metricForm, setMetricForm] = useState<MetricForm>(emptyMetricForm);
  const [editingMetric, setEditingMetric] = useState<Metric | null>(null);
  const [objectiveForm, setObjectiveForm] = useState<ObjectiveForm>(() => emptyObjectiveForm(board.settings.timeZone));
  const [editingObjective, setEditingObjective] = useState<Objective | null>(null);
  const fileId = useId();
  const [timeZone, setTimeZone] = useState(board.settings.timeZone);
  const [reminderDay, setReminderDay] = useState(board.settings.reminder ? String(board.settings.reminder.weekday) : "");
  const [reminderTime, setReminderTime] = useState(board.settings.reminder?.time ?? "08:00");
  // Settings changed elsewhere (another lead, another panel) show here as they arrive.
  const settingsVersion = board.settings.version;
  useEffect(() => {
    setTimeZone(board.settings.timeZone);
    setReminderDay(board.settings.reminder ? String(board.settings.reminder.weekday) : "");
    setReminderTime(board.settings.reminder?.time ?? "08:00");
    // Only a new settings version resets the fields, not every render.
  }, [settingsVersion]);
  const { busy, setBusy, feedback, setFeedback, run } = useKpiCommand(sendKpi);
  const [pendingCsv, setPendingCsv] = useState<{ text: string; preview: KpiImportResponse["summary"] } | null>(null);

  useEffect(() => {
    void reload();
  }, [reload]);

  const activeObjectives = board.objectives.filter((o) => !o.archived);
  const active = board.metrics.filter((m) => !m.archived);
  const archived = [...board.objectives.filter((o) => o.archived), ...board.metrics.filter((m) => m.archived)];
  const people = ownerChoices(board.people, editingMetric?.owner ?? editingObjective?.owner ?? null);
  const problemText = (p: Problem): string => t(p.key, p.params);

  /** Sends a set-up command; on success runs `after` (reset the form) and says it is saved. */
  const save = (command: KpiCommandInput, after: () => void): Promise<void> =>
    run(command, t("kpi.saved")).then((ok) => {
      if (ok) after();
    });

  const saveMetric = (): void => {
    const result = metricFields(metricForm, people, { target: t("kpi.targetLabel"), targetMax: t("kpi.targetMax"), start: t("kpi.start"), tolerance: t("kpi.tolerance") });
    if (!result.ok) {
      setFeedback({ kind: "error", text: problemText(result.problem) });
      return;
    }
    const reset = () => {
      setMetricForm(emptyMetricForm());
      setEditingMetric(null);
    };
    void save(editingMetric ? { type: "editMetric", metricId: editingMetric.id, fields: result.fields } : { type: "createMetric", fields: result.fields }, reset);
  };

  const saveObjective = (): void => {
    const result = objectiveFields(objectiveForm, people);
    if (!result.ok) {
      setFeedback({ kind: "error", text: problemText(result.problem) });
      return;
    }
    const reset = () => {
      setObjectiveForm(emptyObjectiveForm(board.settings.timeZone));
      setEditingObjective(null);
    };
    void save(editingObjective ? { type: "editObjective", objectiveId: editingObjective.id, fields: result.fields } : { type: "createObjective", fields: result.fields }, reset);
  };

  const csvError = (err: unknown): void => {
    const error = toApiError(err);
    const m = kpiErrorMessage(error);
    setFeedback(error.code === "invalidCsv" ? { kind: "error", text: t("kpi.importErrors"), issues: error.issues } : { kind: "error", text: t(m.key, m.params) });
  };

  const chooseFile = async (file: File | undefined): Promise<void> => {
    setPendingCsv(null);
    setFeedback(null);
    if (!file) return;
    setBusy(true);
    setFeedback({ kind: "done", text: t("kpi.importChecking") });
    try {
      const text = await file.text();
      const res = await importCsv(text, true);
      setPendingCsv({ text, preview: res.summary });
      setFeedback(null);
    } catch (err) {
      csvError(err);
    } finally {
      setBusy(false);
    }
  };

  const importNow = async (): Promise<void> => {
    if (!pendingCsv) return;
    setBusy(true);
    try {
      await importCsv(pendingCsv.text, false);
      setPendingCsv(null);
      setFeedback({ kind: "done", text: t("kpi.importDone") });
    } catch (err) {
      csvError(err);
    } finally {
      setBusy(false);
    }
  };

  const setM = (patch: Partial<MetricForm>): void => setMetricForm((f) => ({ ...f, ...patch }));
  const setO = (patch: Partial<ObjectiveForm>): void => setObjectiveForm((f) => ({ ...f, ...patch }));
  const ownerSelect = (value: string, onChange: (id: string) => void, testId: string) => (
    <Field label={t("kpi.owner")}>
      <Select className={styles.control} value={value} onChange={(_, d) => onChange(d.value)} data-testid={testId}>
        <option value="">{t("kpi.noOwner")}</option>
        {people.map((p) => (
          <option key={p.userId} value={p.userId}>
            {p.name}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <div className={styles.root} data-testid="kpi-setup">
      <fieldset className={styles.group}>
        <legend className={styles.legend}>{editingMetric ? t("kpi.editing", { name: editingMetric.name }) : t("kpi.newMetric")}</legend>
        <div className={styles.row2}>
          <Field label={t("kpi.kind")}>
            <Select className={styles.control} value={metricForm.kind} onChange={(_, d) => setM({ kind: d.value as MetricKind })} data-testid="kpi-form-kind">
              {METRIC_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kpi.kind.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("kpi.direction")}>
            <Select className={styles.control} value={metricForm.direction} onChange={(_, d) => setM({ direction: d.value as Direction })} data-testid="kpi-form-direction">
              {DIRECTIONS.map((k) => (
                <option key={k} value={k}>
                  {t(`kpi.direction.${k}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {metricForm.kind === "keyResult" && (
          <Field label={t("kpi.objective")}>
            <Select className={styles.control} value={metricForm.objectiveId} onChange={(_, d) => setM({ objectiveId: d.value })} data-testid="kpi-form-objective">
              <option value="">–</option>
              {activeObjectives.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.title}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Field label={t("kpi.name")} required>
          <Input className={styles.control} value={metricForm.name} maxLength={KPI_LIMITS.nameMax} onChange={(_, d) => setM({ name: d.value })} data-testid="kpi-form-name" />
        </Field>
        <div className={styles.row2}>
          <Field label={metricForm.direction === "range" ? t("kpi.targetMin") : t("kpi.targetLabel")} required>
            <Input className={styles.control} inputMode="decimal" value={metricForm.target} onChange={(_, d) => setM({ target: d.value })} data-testid="kpi-form-target" />
          </Field>
          {metricForm.direction === "range" ? (
            <Field label={t("kpi.targetMax")} required>
              <Input className={styles.control} inputMode="decimal" value={metricForm.targetMax} onChange={(_, d) => setM({ targetMax: d.value })} data-testid="kpi-form-target-max" />
            </Field>
          ) : (
            <Field label={t("kpi.unit")}>
              <Input className={styles.control} value={metricForm.unit} maxLength={KPI_LIMITS.unitMax} onChange={(_, d) => setM({ unit: d.value })} data-testid="kpi-form-unit" />
            </Field>
          )}
        </div>
        <div className={styles.row2}>
          {metricForm.direction === "range" && (
            <Field label={t("kpi.unit")}>
              <Input className={styles.control} value={metricForm.unit} maxLength={KPI_LIMITS.unitMax} onChange={(_, d) => setM({ unit: d.value })} data-testid="kpi-form-unit" />
            </Field>
          )}
          {metricForm.kind === "keyResult" && metricForm.direction !== "range" && (
            <Field label={t("kpi.start")}>
              <Input className={styles.control} inputMode="decimal" value={metricForm.start} onChange={(_, d) => setM({ start: d.value })} data-testid="kpi-form-start" />
            </Field>
          )}
          <Field label={t("kpi.tolerance")}>
            <Input className={styles.control} inputMode="decimal" value={metricForm.tolerancePct} onChange={(_, d) => setM({ tolerancePct: d.value })} data-testid="kpi-form-tolerance" />
          </Field>
        </div>
        {ownerSelect(metricForm.ownerId, (ownerId) => setM({ ownerId }), "kpi-form-owner")}
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy} onClick={saveMetric} data-testid="kpi-form-save">
            {editingMetric ? t("kpi.saveChanges") : t("kpi.add")}
          </Button>
          {editingMetric && (
            <Button
              onClick={() => {
                setEditingMetric(null);
                setMetricForm(emptyMetricForm());
              }}
            >
              {t("action.cancel")}
            </Button>
          )}
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{editingObjective ? t("kpi.editing", { name: editingObjective.title }) : t("kpi.newObjective")}</legend>
        <Field label={t("kpi.objectiveTitle")} required>
          <Input className={styles.control} value={objectiveForm.title} maxLength={KPI_LIMITS.objectiveTitleMax} onChange={(_, d) => setO({ title: d.value })} data-testid="kpi-objective-title" />
        </Field>
        <div className={styles.row2}>
          <Field label={t("kpi.from")}>
            <Input className={styles.control} value={objectiveForm.from} maxLength={8} onChange={(_, d) => setO({ from: d.value })} data-testid="kpi-objective-from" />
          </Field>
          <Field label={t("kpi.to")}>
            <Input className={styles.control} value={objectiveForm.to} maxLength={8} onChange={(_, d) => setO({ to: d.value })} data-testid="kpi-objective-to" />
          </Field>
        </div>
        {ownerSelect(objectiveForm.ownerId, (ownerId) => setO({ ownerId }), "kpi-objective-owner")}
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={busy} onClick={saveObjective} data-testid="kpi-objective-save">
            {editingObjective ? t("kpi.saveChanges") : t("kpi.add")}
          </Button>
          {editingObjective && (
            <Button
              onClick={() => {
                setEditingObjective(null);
                setObjectiveForm(emptyObjectiveForm(board.settings.timeZone));
              }}
            >
              {t("action.cancel")}
            </Button>
          )}
        </div>
      </fieldset>

      {(activeObjectives.length > 0 || active.length > 0) && (
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t("kpi.numbers")}</legend>
          <ul className={styles.list} data-testid="kpi-setup-list">
            {activeObjectives.map((o) => (
              <li key={o.id} className={styles.item}>
                <span className={styles.itemName}>
                  {t("kpi.objective")}: {o.title}
                </span>
                <Button size="small" appearance="subtle" aria-label={`${t("kpi.edit")}: ${o.title}`} onClick={() => (setEditingObjective(o), setObjectiveForm(objectiveFormFrom(o)))}>
                  {t("kpi.edit")}
                </Button>
                <Button size="small" appearance="subtle" disabled={busy} aria-label={`${t("kpi.archive")}: ${o.title}`} onClick={() => void save({ type: "archiveObjective", objectiveId: o.id, archived: true }, () => undefined)}>
                  {t("kpi.archive")}
                </Button>
              </li>
            ))}
            {active.map((m) => (
              <li key={m.id} className={styles.item}>
                <span className={styles.itemName}>{m.name}</span>
                <Button size="small" appearance="subtle" aria-label={`${t("kpi.edit")}: ${m.name}`} data-testid="kpi-setup-edit" onClick={() => (setEditingMetric(m), setMetricForm(metricFormFrom(m)))}>
                  {t("kpi.edit")}
                </Button>
                <Button size="small" appearance="subtle" disabled={busy} aria-label={`${t("kpi.archive")}: ${m.name}`} data-testid="kpi-setup-archive" onClick={() => void save({ type: "archiveMetric", metricId: m.id, archived: true }, () => undefined)}>
                  {t("kpi.archive")}
                </Button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      {archived.length > 0 && (
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t("kpi.archivedList")}</legend>
          <ul className={styles.list} data-testid="kpi-archived-list">
            {archived.map((x) => {
              const name = "title" in x ? x.title : x.name;
              const command: KpiCommandInput = "title" in x ? { type: "archiveObjective", objectiveId: x.id, archived: false } : { type: "archiveMetric", metricId: x.id, archived: false };
              return (
                <li key={x.id} className={styles.item}>
                  <span className={styles.itemName}>{name}</span>
                  <Button size="small" appearance="subtle" disabled={busy} aria-label={`${t("kpi.restore")}: ${name}`} onClick={() => void save(command, () => undefined)}>
                    {t("kpi.restore")}
                  </Button>
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("kpi.reminder")}</legend>
        <p className={styles.feedback}>{t("kpi.reminderHint")}</p>
        <div className={styles.stack}>
          <Field label={t("kpi.reminderDay")}>
            <Select className={styles.control} value={reminderDay} onChange={(_, d) => setReminderDay(d.value)} data-testid="kpi-reminder-day">
              <option value="">{t("kpi.reminderOff")}</option>
              {WEEKDAYS.map((d) => (
                <option key={d} value={String(d)}>
                  {weekdayName(locale, d)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t("kpi.reminderTime")}>
            <Input className={styles.control} type="time" value={reminderTime} disabled={reminderDay === ""} onChange={(_, d) => setReminderTime(d.value)} data-testid="kpi-reminder-time" />
          </Field>
        </div>
        <div className={styles.buttons}>
          <Button
            disabled={busy}
            data-testid="kpi-reminder-save"
            onClick={() => {
              if (reminderDay !== "" && !/^([01]\d|2[0-3]):[0-5]\d$/.test(reminderTime)) {
                setFeedback({ kind: "error", text: t("kpi.reminderTimeInvalid") });
                return;
              }
              void save({ type: "setReminder", reminder: reminderDay === "" ? null : { weekday: Number(reminderDay), time: reminderTime } }, () => undefined);
            }}
          >
            {t("kpi.save")}
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("kpi.timeZone")}</legend>
        <div className={styles.row2}>
          <Select className={styles.control} aria-label={t("kpi.timeZone")} value={timeZone} onChange={(_, d) => setTimeZone(d.value)} data-testid="kpi-time-zone">
            {[...new Set([board.settings.timeZone, ...TIME_ZONES])].map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </Select>
          <Button disabled={busy || timeZone === board.settings.timeZone} onClick={() => void save({ type: "setTimeZone", timeZone }, () => undefined)} data-testid="kpi-time-zone-save">
            {t("kpi.save")}
          </Button>
        </div>
      </fieldset>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{t("kpi.import")}</legend>
        <Label htmlFor={fileId}>{t("kpi.importFile")}</Label>
        <input id={fileId} type="file" accept=".csv,text/csv" disabled={busy} data-testid="kpi-import-file" onChange={(e) => void chooseFile(e.currentTarget.files?.[0])} />
        {pendingCsv && (
          <>
            <p className={styles.feedback} role="status" data-testid="kpi-import-preview">
              {t("kpi.importPreview", pendingCsv.preview)}
            </p>
            <Button appearance="primary" disabled={busy} onClick={() => void importNow()} data-testid="kpi-import-confirm">
              {t("kpi.importConfirm")}
            </Button>
          </>
        )}
      </fieldset>

      {feedback && (
        <div role={feedback.kind === "error" ? "alert" : "status"} className={`${styles.feedback} ${feedback.kind === "error" ? styles.error : ""}`} data-testid="kpi-setup-feedback">
          {feedback.text}
          {feedback.issues && feedback.issues.length > 0 && (
            <ul className={styles.issues} data-testid="kpi-import-issues">
              {feedback.issues.map((issue) => (
                <li key={issue}>{issue}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
