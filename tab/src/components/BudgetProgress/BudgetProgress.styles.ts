/** @module Styles of the meeting-budget progress. The bar mirrors Fluent's ProgressBar (large, rounded; its tokens and its forced-colors rules). */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useBudgetProgressStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  text: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
  over: { ...typographyStyles.caption1Strong, color: tokens.colorStatusDangerForeground1 },
  track: {
    display: "block",
    width: "100%",
    height: "4px",
    overflow: "hidden",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground6,
    "@media screen and (forced-colors: active)": { backgroundColor: "CanvasText" },
  },
  bar: {
    height: "100%",
    borderRadius: "inherit",
    backgroundColor: tokens.colorCompoundBrandBackground,
    transitionProperty: "width",
    transitionDuration: "0.3s",
    transitionTimingFunction: "ease",
    "@media screen and (prefers-reduced-motion: reduce)": { transitionDuration: "0.01ms" },
    "@media screen and (forced-colors: active)": { backgroundColor: "Highlight" },
  },
  barOver: { backgroundColor: tokens.colorPaletteRedBackground3 },
});
