/** @module Accessibility helpers shared by several components: text for screen readers only. */
import { shorthands, makeStyles } from "@fluentui/react-components";

export const useA11yStyles = makeStyles({
  // Present for assistive technology, invisible on screen (the usual clip pattern; display:none would hide it from both).
  visuallyHidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: "0",
    overflow: "hidden",
    clip: "rect(0 0 0 0)",
    whiteSpace: "nowrap",
    ...shorthands.borderWidth("0"),
  },
});
