/** @module Styles of the meeting panel's layout. */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useMeetingPanelStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalL },
  editButton: { minWidth: "0" },
});
