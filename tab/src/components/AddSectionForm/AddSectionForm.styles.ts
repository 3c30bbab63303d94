/** @module Styles of the add-a-section form. */
import { makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useAddSectionFormStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  heading: { ...typographyStyles.body1Strong, margin: "0" },
  line: { display: "flex", alignItems: "flex-end", gap: tokens.spacingHorizontalM, flexWrap: "wrap" },
  minutes: { width: "96px" },
});
