/** @module Styles of one section row in the agenda editor. */
import { shorthands, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useEditorRowStyles = makeStyles({
  fieldset: {
    margin: "0",
    minWidth: "0",
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
    ...shorthands.borderColor(tokens.colorNeutralStroke2),
  },
  off: { ...shorthands.borderStyle("dashed"), backgroundColor: tokens.colorNeutralBackground2 },
  legend: {
    ...typographyStyles.body1Strong,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    overflowWrap: "anywhere",
  },
  line: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  minutes: { width: "96px" },
  actions: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalXS },
  remove: { marginLeft: "auto", minWidth: "0" },
  iconButton: { minWidth: "32px" },
});
