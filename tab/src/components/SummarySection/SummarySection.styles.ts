/** @module Styles of the summary section: the download buttons, and the preview as compact blocks at 320 px. Fluent tokens only, so every theme works. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useSummarySectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  preview: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingHorizontalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  title: { ...typographyStyles.subtitle2, margin: "0", overflowWrap: "anywhere" },
  heading: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalS} 0 0 0`, overflowWrap: "anywhere" },
  text: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  list: { ...typographyStyles.body1, margin: "0", paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  offTrack: { color: tokens.colorPaletteRedForeground1 },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0", overflowWrap: "anywhere" },
  error: { ...typographyStyles.body1, color: tokens.colorPaletteRedForeground1, margin: "0" },
  warning: { ...typographyStyles.caption1, color: tokens.colorPaletteDarkOrangeForeground1, margin: "0" },
  times: { ...typographyStyles.caption1, borderCollapse: "collapse", width: "100%" },
  cell: { textAlign: "left", padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, overflowWrap: "anywhere" },
  number: { textAlign: "right", whiteSpace: "nowrap", padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});
