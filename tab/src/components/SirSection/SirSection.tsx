/**
 * @module The SIR section of the panel (Saker, Informasjon, Risiko): the items prepared for this meeting and those
 * carried over, live from chat and panel. Everyone sees the items and their decisions; leads get the discussion and
 * decision controls. Loaded lazily, when the list is first opened.
 */
import { useMemo } from "react";
import type { SirFocus } from "../../../../shared/src/meeting/state.js";
import type { Person, SirItem } from "../../../../shared/src/sir/item.js";
import { useI18n } from "../../state/i18n-context.js";
import { discussionOf, knownPeople, type SendSir } from "../../state/sir-view.js";
import { SirItemCard } from "../SirItemCard/SirItemCard.js";
import { useSirSectionStyles } from "./SirSection.styles.js";

export interface SirSectionProps {
  /** null until the list has been loaded. */
  readonly items: readonly SirItem[] | null;
  readonly meetingId: string;
  /** The viewer may record decisions and resolve (capability sir:handle). */
  readonly canHandle: boolean;
  readonly sendSir: SendSir;
  /** The item under discussion (all panels follow it) and the server clock to draw its time box. */
  readonly focus: SirFocus | null;
  readonly now: number;
  /** The viewer as a person, so "me" is among the owners the decision form suggests. */
  readonly viewer: Person | null;
  /** The meeting chat's members (from the KPI board's read), offered as owners of follow-up actions. */
  readonly roster?: readonly Person[];
  /** Present for leads while the meeting runs: opens/closes an item for discussion. */
  readonly onFocus?: (itemId: string | null, minutes?: number) => void;
}

export function SirSection({ items: all, meetingId, canHandle, sendSir, focus, now, viewer, roster, onFocus }: SirSectionProps) {
  const { t } = useI18n();
  const styles = useSirSectionStyles();
  // A deleted item stays in the session (its version keeps a late, older copy out) but is shown to nobody.
  const items = useMemo(() => all?.filter((item) => item.status !== "deleted") ?? null, [all]);
  const people = useMemo(() => (canHandle ? knownPeople(items, viewer, roster) : []), [canHandle, items, viewer, roster]);
  return (
    <section id="sir-section" className={styles.root} data-testid="sir-section" aria-labelledby="sir-heading">
      <h2 id="sir-heading" className={styles.heading}>
        {t("section.sir")}
      </h2>
      {items === null ? (
        <p className={styles.empty}>{t("sir.loading")}</p>
      ) : items.length === 0 ? (
        <p className={styles.empty}>{t("sir.empty")}</p>
      ) : (
        <ul className={styles.list}>
          {items.map((item) => (
            <SirItemCard
              key={item.id}
              item={item}
              meetingId={meetingId}
              canHandle={canHandle}
              canEdit={canHandle || (viewer !== null && viewer.userId === item.author.userId)}
              sendSir={sendSir}
              focus={discussionOf(focus, item)}
              now={now}
              people={people}
              {...(onFocus ? { onFocus } : {})}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
