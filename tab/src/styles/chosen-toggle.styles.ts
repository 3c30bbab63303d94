/**
 * @module The chosen one of a group of toggle buttons (a view switch, a trend length): it stands out from the others at
 * 3:1 at least in light, dark and high contrast (WCAG 1.4.11), where Fluent's own "checked" grey is 1.2:1 in light and
 * dark. Its words stay at 4.5:1 on it. Fluent tokens only.
 */
import { makeStyles, tokens } from "@fluentui/react-components";

export const useChosenToggleStyles = makeStyles({
  chosen: {
    backgroundColor: tokens.colorCompoundBrandBackground,
    color: tokens.colorNeutralForegroundInverted,
    ":hover": { backgroundColor: tokens.colorCompoundBrandBackgroundHover, color: tokens.colorNeutralForegroundInverted },
    ":hover:active": { backgroundColor: tokens.colorCompoundBrandBackgroundPressed, color: tokens.colorNeutralForegroundInverted },
  },
});
