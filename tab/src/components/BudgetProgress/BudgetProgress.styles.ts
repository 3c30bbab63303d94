/** @module Styles of the meeting-budget progress. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useBudgetProgressStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  text: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  over: { ...typographyStyles.caption1Strong, color: tokens.colorStatusDangerForeground1 },
});
