/** @module Styles of the top-level notices (the link to the local meeting page). */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useAppStyles = makeStyles({
  link: {
    color: tokens.colorBrandForegroundLink,
    overflowWrap: "anywhere",
    ":hover": { color: tokens.colorBrandForegroundLinkHover },
  },
});
