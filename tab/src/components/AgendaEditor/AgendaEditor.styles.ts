/** @module Styles of the agenda editor. */
import { makeStyles, shorthands, tokens, typographyStyles } from "@fluentui/react-components";

export const useAgendaEditorStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalM,
    borderTopWidth: tokens.strokeWidthThin,
    borderTopStyle: "solid",
    borderTopColor: tokens.colorNeutralStroke2,
  },
  heading: { ...typographyStyles.subtitle2, margin: "0" },
  hint: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0" },
  // A native select is as wide as its longest option; keep it (and its grid cell) inside the 280 px column.
  field: { minWidth: "0" },
  select: { width: "100%", minWidth: "0" },
  selectControl: { width: "100%", minWidth: "0", textOverflow: "ellipsis" },
  confirm: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    ...shorthands.borderWidth(tokens.strokeWidthThin),
    ...shorthands.borderStyle("solid"),
    ...shorthands.borderColor(tokens.colorStatusWarningBorder1),
    backgroundColor: tokens.colorStatusWarningBackground1,
    color: tokens.colorNeutralForeground1,
  },
  confirmTitle: { ...typographyStyles.body1Strong, margin: "0" },
  confirmText: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  confirmButtons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  rows: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});
