/** @module Styles of the lead's controls: equal-width button grids that fit the 280 px content width in all three languages. */
import { shorthands, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useLeadControlsStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  two: { display: "grid", gridTemplateColumns: "repeat(2, minmax(0, 1fr))", gap: tokens.spacingHorizontalS },
  three: { display: "grid", gridTemplateColumns: "repeat(3, minmax(0, 1fr))", gap: tokens.spacingHorizontalS },
  // Fluent buttons have a 96 px minimum; the grid decides the width here, and long words may wrap.
  button: { minWidth: "0", whiteSpace: "normal" },
  // A command still on its way (storage down, being resent): the offline notice explains; the button only shows which.
  pending: { cursor: "progress", ...shorthands.borderStyle("dashed") },
  confirm: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalM,
    paddingRight: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.borderWidth(tokens.strokeWidthThin),
    ...shorthands.borderStyle("solid"),
    ...shorthands.borderColor(tokens.colorStatusDangerBorder1),
    backgroundColor: tokens.colorStatusDangerBackground1,
  },
  question: { ...typographyStyles.body1Strong, margin: "0", color: tokens.colorNeutralForeground1 },
  ended: { ...typographyStyles.body1, margin: "0", color: tokens.colorNeutralForeground2 },
});
