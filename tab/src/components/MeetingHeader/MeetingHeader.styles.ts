/** @module Styles of the header: status line, section title, countdown, timer state, meeting progress. */
import { shorthands, makeStyles, tokens, typographyStyles } from "@fluentui/react-components";

export const useMeetingHeaderStyles = makeStyles({
  // Sticky: the countdown stays in view while the panel scrolls to the item under discussion or the board.
  root: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    position: "sticky",
    top: "0",
    zIndex: 2,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  statusLine: { display: "flex", alignItems: "center", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  phase: {
    ...typographyStyles.caption1Strong,
    paddingTop: tokens.spacingVerticalXXS,
    paddingBottom: tokens.spacingVerticalXXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusCircular,
    ...shorthands.borderWidth(tokens.strokeWidthThin),
    ...shorthands.borderStyle("solid"),
    ...shorthands.borderColor(tokens.colorNeutralStroke1),
    color: tokens.colorNeutralForeground1,
  },
  phaseRunning: {
    backgroundColor: tokens.colorBrandBackground2,
    ...shorthands.borderColor(tokens.colorBrandStroke2),
    color: tokens.colorBrandForeground2,
  },
  role: {
    ...typographyStyles.caption1,
    color: tokens.colorNeutralForeground2,
  },
  connection: {
    ...typographyStyles.caption1,
    marginLeft: "auto",
    color: tokens.colorNeutralForeground2,
  },
  connectionProblem: {
    ...typographyStyles.caption1Strong,
    color: tokens.colorStatusWarningForeground3,
  },
  sectionLabel: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2, margin: "0" },
  title: { ...typographyStyles.subtitle1, margin: "0", overflowWrap: "anywhere" },
  timerState: { ...typographyStyles.caption1, color: tokens.colorNeutralForeground2 },
});
