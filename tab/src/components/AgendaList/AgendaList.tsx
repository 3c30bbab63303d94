/** @module The agenda: every section in order with its time box and time used; the current one highlighted with its guiding questions. A lead can jump to a section. */
import { mergeClasses } from "@fluentui/react-components";
import { useId, type ReactNode } from "react";
import { MINUTE } from "../../../../shared/src/meeting/section.js";
import { useI18n } from "../../state/i18n-context.js";
import { formatElapsed, sectionTitle, type AgendaItemView } from "../../state/meeting-view.js";
import { useAgendaListStyles } from "./AgendaList.styles.js";

export interface AgendaListProps {
  readonly items: readonly AgendaItemView[];
  /** Given only to leads while the meeting runs: clicking or pressing Enter on a section jumps to it. */
  readonly onJump?: ((sectionId: string) => void) | undefined;
  /** Next to the heading (the "Edit agenda" button for those who may edit). */
  readonly action?: ReactNode;
  /** The guiding questions are for the section being discussed; after the end they are noise. */
  readonly showQuestions?: boolean;
}

/**
 * The Element Timing API's name for the first section's title: the browser reports when the agenda was first painted
 * (`PerformanceObserver`, type "element"), which the tab benchmark reads beside what Playwright observes.
 */
const AGENDA_PAINT_MARK = { elementtiming: "agenda" } as Record<string, string>;

export function AgendaList({ items, onJump, action, showQuestions = true }: AgendaListProps) {
  const { t, tKey } = useI18n();
  const styles = useAgendaListStyles();
  const headingId = useId();

  return (
    <section className={styles.root} aria-labelledby={headingId}>
      <div className={styles.headingRow}>
        <h2 id={headingId} className={styles.heading}>
          {t("agenda.heading")}
        </h2>
        {action}
      </div>
      {items.length === 0 && <p className={styles.empty}>{t("agenda.empty")}</p>}
      <ol className={styles.list}>
        {items.map(({ section, current, usedMs }, index) => {
          const title = sectionTitle(section, tKey);
          const off = !section.enabled;
          const meta = [
            t("agenda.minutes", { minutes: Math.round(section.durationMs / MINUTE) }),
            ...(section.extraMs > 0 ? [t("agenda.extra", { minutes: Math.round(section.extraMs / MINUTE) })] : []),
            ...(usedMs >= 1000 ? [t("agenda.used", { time: formatElapsed(usedMs) })] : []),
          ];
          const content = (
            <>
              <span className={mergeClasses(styles.title, off && styles.titleOff)} {...(index === 0 ? AGENDA_PAINT_MARK : {})}>
                {title}
              </span>
              <span className={styles.meta}>
                {off && <span className={styles.offTag}>{t("agenda.off")}</span>}
                <span>{meta.join(" · ")}</span>
              </span>
            </>
          );
          const canJump = onJump && !off && !current;
          return (
            <li
              key={section.id}
              className={mergeClasses(styles.item, current && styles.current, off && styles.off)}
              data-testid="section-item"
              data-section-id={section.id}
              data-current={String(current)}
              data-enabled={String(section.enabled)}
              data-used-ms={Math.round(usedMs)}
              aria-current={current ? "step" : undefined}
            >
              {canJump ? (
                <button
                  type="button"
                  className={mergeClasses(styles.row, styles.rowButton)}
                  title={t("agenda.goTo", { section: title })}
                  onClick={() => onJump(section.id)}
                >
                  {content}
                </button>
              ) : (
                <div className={styles.row}>{content}</div>
              )}
              {current && showQuestions && section.questionKeys.length > 0 && (
                <ul className={styles.questions} aria-label={t("agenda.questions")}>
                  {section.questionKeys.map((key) => (
                    <li key={key}>{tKey(key) ?? key}</li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
