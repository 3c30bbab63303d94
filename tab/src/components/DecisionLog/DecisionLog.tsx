/** @module The decision log: every decision of the team's series with its item, date and actions, searchable from the panel. Loaded lazily. */
import { Field, Input } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { SirItem } from "../../../../shared/src/sir/item.js";
import type { DecisionsResponse } from "../../../../shared/src/wire/sir-protocol.js";
import { useI18n } from "../../state/i18n-context.js";
import { useDecisionLogStyles } from "./DecisionLog.styles.js";

export interface DecisionLogProps {
  readonly search: (query: string, signal?: AbortSignal) => Promise<DecisionsResponse>;
}

/** Waits this long after the last keystroke before asking the service. */
const DEBOUNCE_MS = 250;

export function DecisionLog({ search }: DecisionLogProps) {
  const { t, locale } = useI18n();
  const styles = useDecisionLogStyles();
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<readonly SirItem[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const abort = new AbortController();
    const timer = setTimeout(() => {
      search(query, abort.signal).then(
        (res) => {
          setFailed(false);
          setResults(res.decisions);
        },
        () => {
          if (!abort.signal.aborted) setFailed(true);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query, search]);

  const date = new Intl.DateTimeFormat(locale === "nb" ? "nb-NO" : locale === "sv" ? "sv-SE" : "en-GB", { dateStyle: "medium" });
  return (
    <section id="decision-log" className={styles.root} data-testid="decision-log" aria-label={t("sir.decisionLog")}>
      <Field label={t("sir.decisionSearch")}>
        <Input data-testid="decision-log-search" type="search" value={query} maxLength={100} onChange={(_, d) => setQuery(d.value)} />
      </Field>
      {/* One live region that stays in the page, so a new result list is announced. */}
      <div aria-live="polite">
        {failed ? (
          <p className={styles.meta}>{t("error.network")}</p>
        ) : results === null ? (
          <p className={styles.meta}>{t("sir.loading")}</p>
        ) : results.length === 0 ? (
          <p className={styles.meta}>{t("sir.noDecisions")}</p>
        ) : (
          <ul className={styles.list}>
            {results.map((item) => (
              <li key={item.id} className={styles.entry} data-testid="decision-log-entry">
                <p className={styles.title}>{item.title}</p>
                <p className={styles.text}>{item.decision?.text}</p>
                {item.decision && item.decision.actions.length > 0 && (
                  <ul className={styles.actions} aria-label={t("sir.actions")}>
                    {item.decision.actions.map((a, i) => (
                      <li key={i}>
                        {a.title} ({a.owner?.name ?? t("sir.noOwner")}
                        {a.due ? `, ${t("sir.due", { date: a.due })}` : ""})
                      </li>
                    ))}
                  </ul>
                )}
                {item.decision && <p className={styles.meta}>{t("sir.decidedBy", { date: date.format(item.decision.at), name: item.decision.by.name })}</p>}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
