/**
 * @module The configuration page Teams shows when the app is added to a meeting: the lead picks the agenda template
 * and the team channel for the post-meeting summary, and Teams' Save stores both (the template is applied to the
 * agenda). Everyone else sees what was chosen and who can change it.
 */
import { Field, MessageBar, MessageBarBody, Select } from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { MessageKey } from "../../../../shared/src/i18n/format.js";
import { TEMPLATE_IDS, TEMPLATES, type TemplateId } from "../../../../shared/src/meeting/templates.js";
import type { SetupResponse, SetupTeam, TeamChannel } from "../../../../shared/src/wire/setup-protocol.js";
import { toApiError } from "../../api/api-error.js";
import { newCommandId } from "../../api/command-id.js";
import { useI18n } from "../../state/i18n-context.js";
import type { SaveOutcome } from "../config-host.js";
import type { SetupClient } from "../setup-client.js";
import { setupErrorMessage } from "../setup-errors.js";
import { useConfigPageStyles } from "./ConfigPage.styles.js";

/** The channel choice: "" = not chosen yet, NO_CHANNEL = saved without one. */
const NO_CHANNEL = "none";

export interface ConfigPageProps {
  readonly meetingId: string;
  readonly teamId: string | null;
  readonly client: SetupClient;
  /** Registers the save handler with Teams (pages.config.registerOnSaveHandler). */
  readonly registerSave: (save: () => Promise<SaveOutcome>) => void;
  readonly setValid: (valid: boolean) => void;
  /** Tells Teams the page has loaded (app.notifySuccess), once, whether the set-up could be read or not. */
  readonly loaded: () => void;
}

type Load = { readonly kind: "loading" } | { readonly kind: "loaded"; readonly data: SetupResponse } | { readonly kind: "failed"; readonly reason: string };
type SaveState = { readonly kind: "idle" } | { readonly kind: "saving" } | { readonly kind: "failed"; readonly reason: string };

function initialChannel(data: SetupResponse): string {
  const saved = data.setup;
  if (!saved) return "";
  if (!saved.channel) return NO_CHANNEL;
  return data.team.kind === "team" && data.team.channels.some((c) => c.id === saved.channel?.channelId) ? saved.channel.channelId : "";
}

export function ConfigPage({ meetingId, teamId, client, registerSave, setValid, loaded }: ConfigPageProps) {
  const { t, tKey } = useI18n();
  const styles = useConfigPageStyles();
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [templateId, setTemplateId] = useState<TemplateId | null>(null);
  const [channel, setChannel] = useState("");
  const [saving, setSaving] = useState<SaveState>({ kind: "idle" });
  const templateName = (id: TemplateId): string => tKey(TEMPLATES[id].labelKey) ?? id;
  const channelName = (c: Pick<TeamChannel, "name">): string => c.name || t("setup.channel.general");
  const describe = (err: unknown): string => {
    const { key, params } = setupErrorMessage(toApiError(err));
    return t(key, params);
  };

  useEffect(() => {
    let live = true;
    client
      .load(meetingId, teamId)
      .then((data) => {
        if (!live) return;
        setLoad({ kind: "loaded", data });
        setTemplateId(data.setup?.templateId ?? data.currentTemplateId);
        setChannel(initialChannel(data));
      })
      .catch((err: unknown) => live && setLoad({ kind: "failed", reason: describe(err) }))
      .finally(() => live && loaded());
    return () => {
      live = false;
    };
    // Loaded once per meeting and team: `describe` and `loaded` are deliberately not dependencies.
  }, [client, meetingId, teamId]);

  const data = load.kind === "loaded" ? load.data : null;
  const team: SetupTeam | null = data?.team ?? null;
  const valid = !!data?.canSave && templateId !== null && (team?.kind === "none" || channel !== "");
  useEffect(() => setValid(valid), [valid, setValid]);

  // The save handler reads the latest choice; a retry of the same choice keeps its id (never applied twice).
  const latest = useRef({ data, templateId, channel, team });
  latest.current = { data, templateId, channel, team };
  const saveIds = useRef(new Map<string, string>());
  const tRef = useRef({ t, describe });
  tRef.current = { t, describe };
  useEffect(() => {
    registerSave(async () => {
      const { data: now, templateId: chosen, channel: picked, team: currentTeam } = latest.current;
      if (!now?.canSave || chosen === null) return { ok: false, reason: tRef.current.t("setup.error.forbidden") };
      const channelId = picked === "" || picked === NO_CHANNEL || currentTeam?.kind !== "team" ? null : picked;
      const request = { templateId: chosen, teamId: currentTeam?.kind === "team" ? currentTeam.id : null, channelId };
      const key = JSON.stringify(request);
      const id = saveIds.current.get(key) ?? `setup-${newCommandId()}`;
      saveIds.current.set(key, id);
      setSaving({ kind: "saving" });
      try {
        await client.save(meetingId, { id, ...request });
        setSaving({ kind: "idle" });
        return { ok: true };
      } catch (err) {
        const reason = tRef.current.describe(err);
        setSaving({ kind: "failed", reason });
        return { ok: false, reason: tRef.current.t("setup.saveFailed", { reason }) };
      }
    });
  }, [registerSave, client, meetingId]);

  const problemKey: MessageKey | null = team?.kind === "none" ? (`setup.problem.${team.problem}` as const) : null;
  const channels = useMemo(() => (team?.kind === "team" ? team.channels : []), [team]);

  if (load.kind === "loading") {
    return (
      <p className={styles.status} role="status" aria-busy="true" data-testid="setup-loading">
        {t("setup.loading")}
      </p>
    );
  }
  if (load.kind === "failed" || !data) {
    return (
      <MessageBar intent="error" data-testid="setup-error">
        <MessageBarBody>{t("setup.loadFailed", { reason: load.kind === "failed" ? load.reason : "" })}</MessageBarBody>
      </MessageBar>
    );
  }

  const savedChannel = data.setup?.channel;
  return (
    <div className={styles.root} data-testid="setup-page" data-can-save={String(data.canSave)} data-valid={String(valid)}>
      <h1 className={styles.title}>{t("setup.title")}</h1>
      {!data.canSave ? (
        <div data-testid="setup-readonly">
          <MessageBar intent="info">
            <MessageBarBody>{t("setup.readOnly")}</MessageBarBody>
          </MessageBar>
          {data.setup ? (
            <ul className={styles.list}>
              <li>{t("setup.readOnly.template", { template: templateName(data.setup.templateId) })}</li>
              <li>{savedChannel ? t("setup.readOnly.channel", { channel: `${savedChannel.teamName} › ${channelName({ name: savedChannel.channelName })}` }) : t("setup.readOnly.noChannel")}</li>
              <li>{t("setup.savedBy", { name: data.setup.savedBy.name })}</li>
            </ul>
          ) : (
            <p className={styles.text}>{t("setup.readOnly.notSaved")}</p>
          )}
        </div>
      ) : (
        <>
          <p className={styles.text}>{t("setup.intro")}</p>
          <Field className={styles.field} label={t("setup.template.label")} hint={templateId === data.currentTemplateId ? t("setup.template.keeps") : t("setup.template.replaces")}>
            <Select
              className={styles.select}
              select={{ className: styles.selectInner }}
              data-testid="setup-template"
              value={templateId ?? ""}
              onChange={(_, d) => {
                const next = TEMPLATE_IDS.find((id) => id === d.value);
                if (next) setTemplateId(next);
              }}
            >
              {TEMPLATE_IDS.map((id) => (
                <option key={id} value={id}>
                  {templateName(id)}
                </option>
              ))}
            </Select>
          </Field>
          {team?.kind === "team" ? (
            <Field className={styles.field} label={t("setup.channel.label")} hint={t("setup.team", { team: team.name })}>
              <Select className={styles.select} select={{ className: styles.selectInner }} data-testid="setup-channel" value={channel} onChange={(_, d) => setChannel(d.value)}>
                <option value="" disabled>
                  {t("setup.channel.placeholder")}
                </option>
                {channels.map((c) => (
                  <option key={c.id} value={c.id}>
                    {channelName(c)}
                  </option>
                ))}
                <option value={NO_CHANNEL}>{t("setup.channel.none")}</option>
              </Select>
            </Field>
          ) : (
            problemKey && (
              <MessageBar intent="warning" data-testid="setup-problem" data-problem={team?.kind === "none" ? team.problem : undefined}>
                <MessageBarBody>{t(problemKey)}</MessageBarBody>
              </MessageBar>
            )
          )}
          {data.setup && <p className={styles.text}>{t("setup.savedBy", { name: data.setup.savedBy.name })}</p>}
          <p className={styles.status} role="status" data-testid="setup-status">
            {saving.kind === "saving" ? t("setup.saving") : valid ? t("setup.ready") : t("setup.chooseChannel")}
          </p>
          {saving.kind === "failed" && (
            <MessageBar intent="error" data-testid="setup-error">
              <MessageBarBody>{t("setup.saveFailed", { reason: saving.reason })}</MessageBarBody>
            </MessageBar>
          )}
        </>
      )}
    </div>
  );
}
