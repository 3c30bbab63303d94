/** @module Styles of the Actions section: compact rows at 320 px, overdue marked by colour and text. Fluent tokens only, so light, dark and high contrast work. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useActionsSectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: "0" },
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
  overdueRow: { borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorPaletteRedBorder2}` },
  title: { ...typographyStyles.body1Strong, margin: "0", overflowWrap: "anywhere" },
  doneTitle: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground2 },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0", overflowWrap: "anywhere" },
  overdue: { ...typographyStyles.caption1Strong, color: tokens.colorPaletteRedForeground1 },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS, border: "none", margin: "0", padding: "0" },
  owners: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  error: { ...typographyStyles.body1, color: tokens.colorPaletteRedForeground1, margin: "0" },
});
