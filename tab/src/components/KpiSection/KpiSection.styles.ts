/** @module Styles of the KPI section: heading with the week and the trend switch, notes, the list, and the lead's tools. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useKpiSectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  head: { display: "flex", alignItems: "baseline", justifyContent: "space-between", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  heading: { ...typographyStyles.subtitle2, margin: "0" },
  week: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
  trend: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "center" },
  note: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0" },
  notes: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  list: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  tools: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  feedback: { ...typographyStyles.caption1 },
  error: { color: tokens.colorPaletteRedForeground1 },
});
