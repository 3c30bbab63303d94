/** @module Styles of the configuration page: one column that fits 320 px (Teams' settings dialog is wider; the side panel is not). */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useConfigPageStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "560px" },
  title: { ...typographyStyles.subtitle1, margin: "0" },
  text: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  list: { ...typographyStyles.body1, margin: "0", paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  select: { maxWidth: "100%" },
  status: { ...typographyStyles.body1Strong, margin: "0", color: tokens.colorNeutralForeground2 },
});
