/** @module Styles of one KPI row at 320 px: status and name on top, value, change and owner below, the sparkline at the right. Status colours are theme tokens, always beside an icon and a word. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useKpiRowStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  top: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, minWidth: "0" },
  name: { ...typographyStyles.body1Strong, flexGrow: 1, minWidth: "0", overflowWrap: "break-word" },
  statusLine: { display: "flex", alignItems: "baseline", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, overflowWrap: "anywhere" },
  value: { ...typographyStyles.body1 },
  badge: { ...typographyStyles.caption1Strong, whiteSpace: "nowrap", flexShrink: 0 },
  onTrack: { color: tokens.colorPaletteGreenForeground1 },
  atRisk: { color: tokens.colorPaletteMarigoldForeground1 },
  offTrack: { color: tokens.colorPaletteRedForeground1 },
  noData: { color: tokens.colorNeutralForeground3 },
  spark: { flexShrink: 0, color: tokens.colorNeutralForeground2 },
  actions: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  inline: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "flex-end" },
  grow: { flexGrow: 1, minWidth: "0" },
  input: { minWidth: "0", width: "100%" },
  feedback: { ...typographyStyles.caption1 },
  error: { color: tokens.colorPaletteRedForeground1 },
});
