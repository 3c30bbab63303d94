/** @module Styles of the decision log: a search field and compact entries at 320 px. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useDecisionLogStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: "0", padding: "0", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  entry: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, paddingBottom: tokens.spacingVerticalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  title: { ...typographyStyles.body1Strong, margin: "0", overflowWrap: "anywhere" },
  text: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  actions: { ...typographyStyles.caption1, margin: "0", paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  meta: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0" },
});
