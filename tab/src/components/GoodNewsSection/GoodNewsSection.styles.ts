/** @module Styles of the Good news section: compact rows at 320 px, wins and challenges told apart by a left border and text. Fluent tokens only, so light, dark and high contrast work. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useGoodNewsSectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: "0" },
  group: { ...typographyStyles.body1Strong, margin: "0" },
  list: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  win: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteGreenBorder2}` },
  challenge: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteMarigoldBorder2}` },
  text: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere", whiteSpace: "pre-wrap" },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0", overflowWrap: "anywhere" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, border: "none", margin: "0", padding: "0", minWidth: "0" },
  error: { ...typographyStyles.body1, color: tokens.colorPaletteRedForeground1, margin: "0" },
  full: { width: "100%", minWidth: "0" },
});
