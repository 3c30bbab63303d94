/** @module Styles of the error bar. */
import { makeStyles } from "@fluentui/react-components";

export const useErrorBarStyles = makeStyles({
  // The live region wrapper is always present (so insertions are announced) and takes no space when empty.
  region: { display: "contents" },
  body: { whiteSpace: "normal" },
  dismiss: { minWidth: "auto" },
});
