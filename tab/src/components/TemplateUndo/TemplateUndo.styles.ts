/** @module Styles of the "template changed — Undo" bar. */
import { makeStyles, shorthands, tokens, typographyStyles } from "@fluentui/react-components";

export const useTemplateUndoStyles = makeStyles({
  root: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.borderWidth(tokens.strokeWidthThin),
    ...shorthands.borderStyle("solid"),
    ...shorthands.borderColor(tokens.colorNeutralStroke1),
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  text: { ...typographyStyles.body1, margin: "0", minWidth: "0", overflowWrap: "anywhere" },
});
