/** @module Styles of the configuration page: one column that fits 320 px (Teams' settings dialog is wider; the side panel is not). */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useConfigPageStyles = makeStyles({
  // minWidth 0 all the way down: a native select is as wide as its longest option unless its boxes may shrink.
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL, maxWidth: "560px", minWidth: 0 },
  field: { minWidth: 0 },
  title: { ...typographyStyles.subtitle1, margin: "0" },
  text: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  list: { ...typographyStyles.body1, margin: "0", paddingLeft: tokens.spacingHorizontalXL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
  select: { width: "100%", minWidth: 0 },
  selectInner: { minWidth: 0, textOverflow: "ellipsis" },
  status: { ...typographyStyles.body1Strong, margin: "0", color: tokens.colorNeutralForeground2 },
});
