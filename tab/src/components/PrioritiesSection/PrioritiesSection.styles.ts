/** @module Styles of the Priorities section: compact at 320 px, the current speaker marked by border and text. Fluent tokens only, so light, dark and high contrast work. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const usePrioritiesSectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: "0" },
  subheading: { ...typographyStyles.body1Strong, margin: "0" },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0", overflowWrap: "anywhere" },
  list: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  member: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  speaker: { border: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  name: { ...typographyStyles.body1Strong, margin: "0", overflowWrap: "anywhere" },
  answers: { margin: "0", paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, overflowWrap: "anywhere" },
  timer: { ...typographyStyles.body1Strong, fontVariantNumeric: "tabular-nums", margin: "0" },
  over: { color: tokens.colorPaletteRedForeground1 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, border: "none", margin: "0", padding: "0", minWidth: "0" },
  slot: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  nudge: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0" },
  error: { ...typographyStyles.body1, color: tokens.colorPaletteRedForeground1, margin: "0" },
});
