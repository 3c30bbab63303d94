/** @module Styles of the lead's board set-up: stacked forms and compact lists at 320 px. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useKpiSetupStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  group: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, border: "none", margin: "0", padding: "0" },
  legend: { ...typographyStyles.body1Strong, padding: "0", marginBottom: tokens.spacingVerticalXS, whiteSpace: "normal", maxWidth: "100%" },
  row2: { display: "grid", gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1fr)", gap: tokens.spacingHorizontalXS },
  control: { minWidth: "0", width: "100%" },
  /** One field a line: a choice such as "Only when I ask" needs the full 280 px. */
  stack: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  list: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  item: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS, ...typographyStyles.caption1 },
  itemName: { flexGrow: 1, minWidth: "0", overflowWrap: "anywhere" },
  buttons: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  feedback: { ...typographyStyles.caption1 },
  error: { color: tokens.colorPaletteRedForeground1 },
  issues: { margin: "0", paddingLeft: tokens.spacingHorizontalL, ...typographyStyles.caption1 },
});
