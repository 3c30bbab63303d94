/** @module Styles of the SIR edit form: stacked fields at 320 px, feedback in text and colour. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useSirEditFormStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  error: { ...typographyStyles.body1, margin: "0", color: tokens.colorStatusDangerForeground1 },
});
