/** @module Styles of the lead's decision form: stacked fields that fit 280 px in all three languages, each action row set off by a rule. */
import { makeStyles, shorthands, tokens, typographyStyles } from "@fluentui/react-components";

export const useSirDecisionFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS },
  fieldset: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    margin: "0",
    padding: "0",
    ...shorthands.borderWidth("0"),
    minWidth: "0",
  },
  legend: { ...typographyStyles.body1Strong, padding: "0", marginBottom: tokens.spacingVerticalXS },
  row: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    borderLeftWidth: tokens.strokeWidthThick,
    borderLeftStyle: "solid",
    borderLeftColor: tokens.colorNeutralStroke1,
  },
  remove: { alignSelf: "flex-start", minWidth: "0" },
  add: { alignSelf: "flex-start", minWidth: "0" },
  hint: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0" },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  error: { ...typographyStyles.body1Strong, margin: "0", color: tokens.colorStatusDangerForeground1 },
  done: { ...typographyStyles.body1, margin: "0", color: tokens.colorNeutralForeground2 },
});
