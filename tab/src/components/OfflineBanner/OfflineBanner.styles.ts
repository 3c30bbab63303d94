/** @module Styles of the offline notice: the panel's width (280 px of content), theme colours from Fluent tokens only. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useOfflineBannerStyles = makeStyles({
  // The live region is always present (so the notice is announced when it appears) and takes no space when empty.
  region: { display: "contents" },
  body: { whiteSpace: "normal", display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS },
  title: { fontWeight: tokens.fontWeightSemibold },
  retry: { color: tokens.colorNeutralForeground2 },
});
