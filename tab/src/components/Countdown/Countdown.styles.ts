/** @module Styles of the countdown: big tabular digits; danger colour (plus a word, never colour alone) on overrun. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useCountdownStyles = makeStyles({
  root: { display: "flex", alignItems: "baseline", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM },
  digits: {
    ...typographyStyles.largeTitle,
    fontVariantNumeric: "tabular-nums",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  overrun: { color: tokens.colorStatusDangerForeground1 },
  overrunLabel: {
    ...typographyStyles.body1Strong,
    color: tokens.colorStatusDangerForeground1,
  },
});
