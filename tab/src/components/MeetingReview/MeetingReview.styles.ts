/** @module Styles of the rating and history section at 320 px; Fluent tokens only, so every theme works. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useMeetingReviewStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.body1Strong, margin: "0" },
  scores: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
  score: { minWidth: "32px" },
  text: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  list: { ...typographyStyles.body1, margin: "0", paddingLeft: tokens.spacingHorizontalL },
  error: { ...typographyStyles.body1, color: tokens.colorPaletteRedForeground1, margin: "0" },
  comment: { width: "100%", boxSizing: "border-box" },
  entry: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  downloads: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalXS },
});
