/** @module Styles of a full-panel notice (outside Teams, loading, could not load). */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useNoticeStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalM,
    paddingTop: tokens.spacingVerticalXXL,
  },
  title: { ...typographyStyles.subtitle2, margin: "0" },
  body: { ...typographyStyles.body1, margin: "0", overflowWrap: "anywhere" },
  row: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS },
});
