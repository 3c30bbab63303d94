/** @module Styles of the SIR section: a heading and a column of item cards at 320 px. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useSirSectionStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.subtitle2, margin: "0" },
  empty: { ...typographyStyles.body1, color: tokens.colorNeutralForeground2, margin: "0" },
  list: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
});
